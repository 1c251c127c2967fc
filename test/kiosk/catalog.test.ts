// The screens' message catalogs: the same keys in en, ko, zh-Hans and zh-Hant (plural forms per
// CLDR: en one/other, ko and Chinese other only), nothing left in English, every key the screens
// use present, and every step the engine reports has a label.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { STEP_TABLE } from '../../station/index.ts';
import { LANGUAGES } from '../../core/errors/catalog.ts';

const dir = path.join(import.meta.dirname, '..', '..', 'renderer', 'src');
type Tree = { [k: string]: string | Tree };
const load = (l: string): Tree =>
  JSON.parse(readFileSync(path.join(dir, 'locales', `${l}.json`), 'utf8')) as Tree;
function flatten(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const catalogs = new Map(LANGUAGES.map((l) => [l, flatten(load(l))]));
const en = catalogs.get('en') as Map<string, string>;
const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (k: string): string => k.replace(PLURAL, '');

/** keys whose text is the same in every language on purpose */
const SAME_EVERYWHERE = /^(lang\.|pad\.label$|confirm\.(upn|none)$|cert\.upn$|progress\.value$)/;

describe('renderer catalogs', () => {
  it('the four catalogs have the same keys, with the plural forms each language needs', () => {
    const bases = new Set([...en.keys()].map(base));
    for (const [lang, cat] of catalogs) {
      assert.deepEqual(new Set([...cat.keys()].map(base)), bases, lang);
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const key of new Set([...en.keys()].filter((k) => PLURAL.test(k)).map(base))) {
        const forms = [...cat.keys()]
          .filter((k) => base(k) === key && PLURAL.test(k))
          .map((k) => PLURAL.exec(k)?.[1]);
        assert.deepEqual(new Set(forms), new Set(categories), `${lang} ${key}`);
      }
    }
  });

  it('no text is left in English outside the keys that are the same everywhere', () => {
    for (const [lang, cat] of catalogs) {
      if (lang === 'en') continue;
      for (const [key, value] of cat) {
        if (SAME_EVERYWHERE.test(key)) continue;
        const english = en.get(key) ?? en.get(`${base(key)}_other`);
        assert.notEqual(value, english, `${lang} ${key} is the English text`);
        assert.ok(
          [...value].some((c) => c.charCodeAt(0) > 0x7f),
          `${lang} ${key} has no ${lang} characters: ${value}`,
        );
      }
    }
  });

  it('placeholders match across languages', () => {
    const holes = (s: string): string[] => [...s.matchAll(/\{\{(\w+)/g)].map((m) => m[1] as string).sort();
    for (const [lang, cat] of catalogs)
      for (const [key, value] of cat) {
        const english = en.get(key) ?? en.get(`${base(key)}_other`) ?? '';
        assert.deepEqual(holes(value), holes(english), `${lang} ${key}`);
      }
  });

  it('every key the screens name exists, and every engine step has a label', () => {
    // the screens' folders too (renderer/src/audit/, …)
    const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.tsx') || f.endsWith('.ts'),
    );
    const used = new Set<string>();
    for (const f of sources)
      for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/\bt\('([a-zA-Z-]+\.[a-zA-Z.-]+)'/g))
        used.add(m[1] as string);
    assert.ok(used.size > 60, `found ${used.size} keys`);
    const bases = new Set([...en.keys()].map(base));
    for (const key of used) assert.ok(bases.has(key), `missing ${key}`);
    for (const step of [...STEP_TABLE.map((s) => s.id), 'done'])
      assert.ok(en.has(`steps.${step}`), `steps.${step}`);
    for (const role of ['empty', 'blank', 'issued', 'agent', 'unknown']) assert.ok(en.has(`card.${role}`));
    for (const state of ['ok', 'warning', 'failed', 'unknown']) assert.ok(en.has(`health.${state}`));
  });
});
