// A small definition kit for the station's configuration: one definition per setting (type,
// bounds, default, description, example) from which three things are derived — the validator the
// station runs at start-up, the JSON Schema editors use, and the commented example operators copy.
// Hand-written rather than a library (zod, TypeBox) because it is small, the station takes no new
// runtime dependency for it, and it controls the one thing that matters most here: every refusal
// names the path of the key and never echoes the value (a mistyped PIN must not reach a log).
import { StationError } from '../errors/catalog.ts';

/** A refused setting: the catalog's CONFIG_INVALID, with the path of the key and the problem. */
export class ConfigError extends StationError {
  readonly field: string;
  constructor(field: string, problem: string) {
    super('CONFIG_INVALID', { field, problem });
    this.name = 'ConfigError';
    this.field = field;
  }
}

interface Common {
  readonly description: string;
}

export interface StringSpec extends Common {
  readonly kind: 'string';
  readonly pattern?: RegExp;
  /** what the pattern means, for the error message */
  readonly patternHint?: string;
  readonly maxLength?: number;
  readonly default?: string;
  readonly example?: string;
}
export interface IntegerSpec extends Common {
  readonly kind: 'integer';
  readonly minimum: number;
  readonly maximum: number;
  /** why the range is what it is, for the error message */
  readonly rangeHint?: string;
  readonly default?: number;
  readonly example?: number;
}
export interface EnumSpec extends Common {
  readonly kind: 'enum';
  readonly values: readonly string[];
  readonly default?: string;
  readonly example?: string;
}
export interface ObjectSpec extends Common {
  readonly kind: 'object';
  readonly properties: Readonly<Record<string, Prop>>;
}
export interface UnionSpec extends Common {
  readonly kind: 'union';
  /** the discriminating key, e.g. "kind" */
  readonly tag: string;
  readonly variants: Readonly<Record<string, ObjectSpec>>;
  /** the variant the example shows */
  readonly exampleVariant: string;
}
export type Spec = StringSpec | IntegerSpec | EnumSpec | ObjectSpec | UnionSpec;

/** A definition with the TypeScript type of the value the validator returns. */
export interface Def<T> {
  readonly spec: Spec;
  /** phantom: never set, carries T */
  readonly type?: T;
}
export interface Prop<T = unknown> {
  readonly def: Def<T>;
  readonly optional: boolean;
}

type Opt<T> = Prop<T> & { readonly optional: true };
type Req<T> = Prop<T> & { readonly optional: false };
type ValueOf<P> = P extends Prop<infer T> ? T : never;
type Props = Readonly<Record<string, Prop>>;
export type ObjectOf<F extends Props> = {
  readonly [K in keyof F as F[K] extends Opt<unknown> ? never : K]: ValueOf<F[K]>;
} & { readonly [K in keyof F as F[K] extends Opt<unknown> ? K : never]?: ValueOf<F[K]> };
export type Infer<D> = D extends Def<infer T> ? T : never;

/** A setting that must be present or has a default (then it is always present after validation). */
export const req = <T>(def: Def<T>): Req<T> => ({ def, optional: false });
/** A setting that may be left out and has no default. */
export const opt = <T>(def: Def<T>): Opt<T> => ({ def, optional: true });

export const str = (spec: Omit<StringSpec, 'kind'>): Def<string> => ({ spec: { kind: 'string', ...spec } });
export const int = (spec: Omit<IntegerSpec, 'kind'>): Def<number> => ({ spec: { kind: 'integer', ...spec } });
export const oneOf = <const V extends string>(
  values: readonly V[],
  spec: Omit<EnumSpec, 'kind' | 'values' | 'default' | 'example'> & {
    readonly default?: V;
    readonly example?: V;
  },
): Def<V> => ({ spec: { kind: 'enum', values, ...spec } });
export const obj = <F extends Props>(description: string, properties: F): Def<ObjectOf<F>> => ({
  spec: { kind: 'object', description, properties },
});

type VariantsOf<Tag extends string, V extends Readonly<Record<string, Def<object>>>> = {
  [K in keyof V & string]: { readonly [T in Tag]: K } & Infer<V[K]>;
}[keyof V & string];

export const union = <const Tag extends string, V extends Readonly<Record<string, Def<object>>>>(
  tag: Tag,
  description: string,
  variants: V,
  exampleVariant: keyof V & string,
): Def<VariantsOf<Tag, V>> => ({
  spec: {
    kind: 'union',
    tag,
    description,
    exampleVariant,
    variants: Object.fromEntries(
      Object.entries(variants).map(([k, d]) => {
        if (d.spec.kind !== 'object') throw new Error(`variant ${k} must be an object`);
        return [k, d.spec];
      }),
    ),
  },
});

const hasDefault = (s: Spec): boolean => 'default' in s && s.default !== undefined;

// ---- the validator ----

const join = (at: string, key: string): string => (at === '' ? key : `${at}.${key}`);

/** Levenshtein distance, for "did you mean" on a misspelt key. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(
        cur + 1,
        (row[j - 1] as number) + 1,
        prev + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1),
      );
      prev = cur;
    }
  }
  return row[b.length] as number;
}

function unknownKey(at: string, key: string, known: readonly string[]): ConfigError {
  const near = known
    .map((k) => [k, k.toLowerCase().startsWith(key.toLowerCase()) ? 1 : distance(key, k)] as const)
    .filter(([, d]) => d <= Math.max(2, Math.floor(key.length / 4)))
    .sort((x, y) => x[1] - y[1])[0];
  const shown = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  return new ConfigError(
    join(at, shown),
    near === undefined
      ? `is not a setting the station knows (known here: ${known.join(', ')})`
      : `is not a setting the station knows — did you mean "${join(at, near[0])}"?`,
  );
}

function validateObject(
  spec: ObjectSpec,
  value: unknown,
  at: string,
  extraKeys: readonly string[] = [],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(at === '' ? '(root)' : at, 'must be an object');
  }
  const input = value as Record<string, unknown>;
  const known = Object.keys(spec.properties);
  for (const key of Object.keys(input)) {
    if (!known.includes(key) && !extraKeys.includes(key)) throw unknownKey(at, key, known);
  }
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(spec.properties)) {
    const v = validate(prop.def.spec, input[key], join(at, key), prop.optional);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Validates `value` against `spec` (filling defaults); `optional` lets an absent value through. */
export function validate(spec: Spec, value: unknown, at: string, optional = false): unknown {
  if (value === undefined) {
    if ('default' in spec && spec.default !== undefined) return spec.default;
    if (
      spec.kind === 'object' &&
      Object.values(spec.properties).every((p) => p.optional || hasDefault(p.def.spec))
    ) {
      return validateObject(spec, {}, at);
    }
    if (optional) return undefined;
    throw new ConfigError(at, 'is required');
  }
  switch (spec.kind) {
    case 'string': {
      const max = spec.maxLength ?? 4096;
      if (typeof value !== 'string' || value.length === 0 || value.length > max) {
        throw new ConfigError(at, `must be a non-empty string of at most ${max} characters`);
      }
      if (spec.pattern !== undefined && !spec.pattern.test(value)) {
        throw new ConfigError(
          at,
          spec.patternHint === undefined ? `must match ${spec.pattern}` : `must be ${spec.patternHint}`,
        );
      }
      return value;
    }
    case 'integer':
      if (
        typeof value !== 'number' ||
        !Number.isInteger(value) ||
        value < spec.minimum ||
        value > spec.maximum
      ) {
        const why = spec.rangeHint === undefined ? '' : ` (${spec.rangeHint})`;
        throw new ConfigError(at, `must be a whole number from ${spec.minimum} to ${spec.maximum}${why}`);
      }
      return value;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        throw new ConfigError(at, `must be one of ${spec.values.join(', ')}`);
      }
      return value;
    case 'object':
      return validateObject(spec, value, at);
    case 'union': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new ConfigError(at, 'must be an object');
      const tag = (value as Record<string, unknown>)[spec.tag];
      const variant = typeof tag === 'string' ? spec.variants[tag] : undefined;
      if (variant === undefined) {
        throw new ConfigError(join(at, spec.tag), `must be one of ${Object.keys(spec.variants).join(', ')}`);
      }
      return { [spec.tag]: tag, ...validateObject(variant, value, at, [spec.tag]) };
    }
  }
}

/** Validates with the definition's TypeScript type. */
export const parseWith = <T>(def: Def<T>, value: unknown, extraRootKeys: readonly string[] = []): T => {
  if (def.spec.kind === 'object') return validateObject(def.spec, value, '', extraRootKeys) as T;
  return validate(def.spec, value, '') as T;
};

// ---- the JSON Schema (draft-07) ----

type JsonSchema = Record<string, unknown>;

function objectSchema(
  spec: ObjectSpec,
  tag?: { key: string; value: string },
  extra: JsonSchema = {},
): JsonSchema {
  const properties: JsonSchema = tag === undefined ? {} : { [tag.key]: { const: tag.value } };
  const required: string[] = tag === undefined ? [] : [tag.key];
  for (const [key, prop] of Object.entries(spec.properties)) {
    properties[key] = toJsonSchema(prop.def.spec);
    if (
      !prop.optional &&
      !hasDefault(prop.def.spec) &&
      !(prop.def.spec.kind === 'object' && allDefaulted(prop.def.spec))
    ) {
      required.push(key);
    }
  }
  return {
    type: 'object',
    description: spec.description,
    properties: { ...extra, ...properties },
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

const allDefaulted = (spec: ObjectSpec): boolean =>
  Object.values(spec.properties).every((p) => p.optional || hasDefault(p.def.spec));

/** JSON Schema patterns carry no flags: a flag would make the schema and the validator disagree. */
function patternSource(re: RegExp): string {
  if (re.flags !== '') throw new Error(`pattern ${re} has flags; write them into the pattern`);
  return re.source;
}

export function toJsonSchema(spec: Spec, rootExtra: JsonSchema = {}): JsonSchema {
  switch (spec.kind) {
    case 'string':
      return {
        type: 'string',
        description: spec.description,
        minLength: 1,
        maxLength: spec.maxLength ?? 4096,
        ...(spec.pattern === undefined ? {} : { pattern: patternSource(spec.pattern) }),
        ...(spec.default === undefined ? {} : { default: spec.default }),
      };
    case 'integer':
      return {
        type: 'integer',
        description: spec.description,
        minimum: spec.minimum,
        maximum: spec.maximum,
        ...(spec.default === undefined ? {} : { default: spec.default }),
      };
    case 'enum':
      return {
        description: spec.description,
        enum: [...spec.values],
        ...(spec.default === undefined ? {} : { default: spec.default }),
      };
    case 'object':
      return objectSchema(spec, undefined, rootExtra);
    case 'union':
      return {
        description: spec.description,
        oneOf: Object.entries(spec.variants).map(([value, v]) => objectSchema(v, { key: spec.tag, value })),
      };
  }
}

// ---- the commented example (JSONC) ----

function wrap(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent.length + 3 + line.length + 1 + word.length > width) {
      lines.push(`${indent}// ${line}`);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(`${indent}// ${line}`);
  return lines;
}

function constraint(spec: Spec): string {
  switch (spec.kind) {
    case 'integer':
      return ` (${spec.minimum} to ${spec.maximum}${spec.default === undefined ? '' : `; default ${spec.default}`})`;
    case 'enum':
      return ` (one of: ${spec.values.join(', ')}${spec.default === undefined ? '' : `; default ${spec.default}`})`;
    case 'string':
      return spec.default === undefined ? '' : ` (default ${JSON.stringify(spec.default)})`;
    default:
      return '';
  }
}

function exampleValue(spec: Spec, indent: string): string | undefined {
  switch (spec.kind) {
    case 'string':
    case 'integer':
    case 'enum': {
      const v = spec.example ?? spec.default;
      return v === undefined ? undefined : JSON.stringify(v);
    }
    case 'object':
      return objectExample(spec, indent);
    case 'union': {
      const chosen = spec.variants[spec.exampleVariant] as ObjectSpec;
      const others = Object.keys(spec.variants).filter((k) => k !== spec.exampleVariant);
      return objectExample(chosen, indent, {
        key: spec.tag,
        value: spec.exampleVariant,
        note: `"${spec.tag}": one of ${Object.keys(spec.variants).join(', ')}; the others (${others.join(', ')}) take the settings the JSON Schema lists for them`,
      });
    }
  }
}

function objectExample(
  spec: ObjectSpec,
  indent: string,
  tag?: { key: string; value: string; note: string },
): string {
  const inner = `${indent}  `;
  type Entry = { comment: string[]; line: string; real: boolean };
  const entries: Entry[] = [];
  if (tag !== undefined) {
    entries.push({
      comment: wrap(tag.note, inner),
      line: `${inner}${JSON.stringify(tag.key)}: ${JSON.stringify(tag.value)}`,
      real: true,
    });
  }
  for (const [key, prop] of Object.entries(spec.properties)) {
    const s = prop.def.spec;
    const comment = wrap(`${s.description}${constraint(s)}${prop.optional ? ' Optional.' : ''}`, inner);
    const value = exampleValue(s, inner);
    if (value === undefined) {
      entries.push({ comment, line: `${inner}// ${JSON.stringify(key)}: …`, real: false });
    } else {
      // optional settings are shown commented out: the example must work without them
      const real = !prop.optional;
      // an optional object spans lines: every one of them is commented out
      const shown = real ? value : value.replace(/\n(\s*)/g, '\n$1// ');
      entries.push({ comment, line: `${inner}${real ? '' : '// '}${JSON.stringify(key)}: ${shown}`, real });
    }
  }
  const lastReal = entries.map((e) => e.real).lastIndexOf(true);
  const body = entries.flatMap((e, i) => [...e.comment, e.real && i < lastReal ? `${e.line},` : e.line]);
  return `{\n${body.join('\n')}\n${indent}}`;
}

/** The commented example: every setting with its description, bounds and default. */
export function toExample(
  def: Def<unknown>,
  header: readonly string[],
  rootExtra: Readonly<Record<string, string>> = {},
): string {
  if (def.spec.kind !== 'object') throw new Error('the example starts at an object');
  let text = objectExample(def.spec, '');
  const extra = Object.entries(rootExtra).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  if (extra.length > 0) text = text.replace(/^\{\n/, `{\n${extra.join('\n')}\n`);
  return `${header.map((h) => `// ${h}`).join('\n')}\n${text}\n`;
}
