// A small ICU MessageFormat subset: `{name}`, `{name, plural, =0 {…} one {…} other {…}}` (with
// `#` for the number) and `{name, select, a {…} other {…}}`. Written here rather than taken from
// intl-messageformat because the catalogs need only these three forms, the CLI must start fast
// (issue: 100 ms p95 for an audit query) and the renderer gets the same file without a bundler.
// Plural categories come from Intl.PluralRules, so "1 try" / "2 tries" follows each language.
//
// Values are facts (reader names, counts, codes), never secrets. A value that is missing renders
// as an empty string; select and plural then take their `other` branch, with `#` shown as "?".

import type { Language } from './language.ts';

export type MessageValue = string | number | boolean | readonly string[] | undefined;
export type MessageValues = Readonly<Record<string, MessageValue>>;

type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'arg'; readonly name: string }
  | { readonly kind: 'pound' }
  | {
      readonly kind: 'plural' | 'select';
      readonly name: string;
      readonly cases: ReadonlyMap<string, readonly Node[]>;
    };

export class MessageSyntaxError extends Error {
  constructor(pattern: string, at: number, problem: string) {
    super(`message pattern: ${problem} at ${at} in "${pattern}"`);
    this.name = 'MessageSyntaxError';
  }
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function parse(pattern: string): readonly Node[] {
  let at = 0;
  const fail = (problem: string): never => {
    throw new MessageSyntaxError(pattern, at, problem);
  };

  function nodes(inPlural: boolean, nested: boolean): Node[] {
    const out: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text !== '') out.push({ kind: 'text', text });
      text = '';
    };
    while (at < pattern.length) {
      const ch = pattern[at] as string;
      if (ch === '}') {
        if (!nested) fail('unmatched }');
        break;
      }
      if (ch === '#' && inPlural) {
        flush();
        out.push({ kind: 'pound' });
        at++;
        continue;
      }
      if (ch === '{') {
        flush();
        out.push(argument());
        continue;
      }
      text += ch;
      at++;
    }
    flush();
    return out;
  }

  function word(): string {
    while (pattern[at] === ' ') at++;
    const start = at;
    while (at < pattern.length && !/[\s,{}]/.test(pattern[at] as string)) at++;
    const w = pattern.slice(start, at);
    while (pattern[at] === ' ') at++;
    return w;
  }

  function argument(): Node {
    at++; // {
    const name = word();
    if (!NAME.test(name)) fail(`bad argument name "${name}"`);
    if (pattern[at] === '}') {
      at++;
      return { kind: 'arg', name };
    }
    if (pattern[at] !== ',') fail('expected , or }');
    at++;
    const type = word();
    if (type !== 'plural' && type !== 'select') return fail(`unsupported argument type "${type}"`);
    if (pattern[at] !== ',') fail('expected ,');
    at++;
    const cases = new Map<string, readonly Node[]>();
    for (;;) {
      while (/\s/.test(pattern[at] ?? '')) at++;
      if (pattern[at] === '}') break;
      const key = word();
      if (key === '') fail('expected a case key');
      if (type === 'plural' && !/^(=\d+|zero|one|two|few|many|other)$/.test(key))
        fail(`bad plural key "${key}"`);
      if (pattern[at] !== '{') fail('expected { after a case key');
      at++;
      cases.set(key, nodes(type === 'plural', true));
      if (pattern[at] !== '}') fail('unterminated case');
      at++;
    }
    if (!cases.has('other')) fail(`${type} without an "other" case`);
    at++; // }
    return { kind: type, name, cases };
  }

  const result = nodes(false, false);
  if (at !== pattern.length) fail('trailing text');
  return result;
}

const parsed = new Map<string, readonly Node[]>();
function compiled(pattern: string): readonly Node[] {
  let n = parsed.get(pattern);
  if (n === undefined) {
    n = parse(pattern);
    parsed.set(pattern, n);
  }
  return n;
}

const pluralRules = new Map<Language, Intl.PluralRules>();
function pluralCategory(lang: Language, n: number): string {
  let rules = pluralRules.get(lang);
  if (rules === undefined) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  return rules.select(n);
}

function show(value: MessageValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join('; ');
  return String(value);
}

function render(nodes: readonly Node[], lang: Language, values: MessageValues, pound: string): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.text;
        break;
      case 'pound':
        out += pound;
        break;
      case 'arg':
        out += show(values[node.name]);
        break;
      case 'select': {
        const v = values[node.name];
        const key = v === undefined ? 'other' : show(v);
        out += render(
          node.cases.get(key) ?? (node.cases.get('other') as readonly Node[]),
          lang,
          values,
          pound,
        );
        break;
      }
      case 'plural': {
        const v = values[node.name];
        const n =
          typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
        const branch =
          n === undefined
            ? node.cases.get('other')
            : (node.cases.get(`=${n}`) ?? node.cases.get(pluralCategory(lang, n)) ?? node.cases.get('other'));
        out += render(branch as readonly Node[], lang, values, n === undefined ? '?' : String(n));
        break;
      }
    }
  }
  return out;
}

/** Fills `pattern` with `values` for `lang`. Throws MessageSyntaxError on a malformed pattern. */
export function formatMessage(pattern: string, lang: Language, values: MessageValues = {}): string {
  return render(compiled(pattern), lang, values, '#');
}

/** The argument names a pattern uses (for the test that all languages take the same ones). */
export function argumentNames(pattern: string): ReadonlySet<string> {
  const names = new Set<string>();
  const walk = (nodes: readonly Node[]): void => {
    for (const n of nodes) {
      if (n.kind === 'arg') names.add(n.name);
      if (n.kind === 'plural' || n.kind === 'select') {
        names.add(n.name);
        for (const c of n.cases.values()) walk(c);
      }
    }
  };
  walk(compiled(pattern));
  return names;
}
