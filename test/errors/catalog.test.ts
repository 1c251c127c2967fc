// The error catalog is complete and consistent: every code the source can raise has an entry in
// all four languages, every language takes the same placeholders, resolutions name what exists
// on their surface, explain() never leaks what an unknown error carries, and the terms the
// review found wrong (docs/errors.md glossary) do not come back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  CATALOG,
  describe as describeCode,
  isStationErrorCode,
  StationError,
  withDetails,
} from '../../core/errors/catalog.ts';
import type { Surface, Text } from '../../core/errors/entry.ts';
import { CA } from '../../core/errors/entries/ca.ts';
import { CARD } from '../../core/errors/entries/card.ts';
import { HRESULT } from '../../core/errors/entries/hresult.ts';
import { PIN_RULES } from '../../core/errors/entries/pin-rules.ts';
import { STATE } from '../../core/errors/entries/state.ts';
import { STATION } from '../../core/errors/entries/station.ts';
import { WINDOWS_VSC } from '../../core/errors/entries/windows-vsc.ts';
import { AUDITOR } from '../../core/errors/entries/auditor.ts';
import { WORKFLOW } from '../../core/errors/entries/workflow.ts';
import { explain, explainCode } from '../../core/errors/explain.ts';
import { argumentNames } from '../../core/i18n/format.ts';
import { LANGUAGES, type Language } from '../../core/i18n/language.ts';
import { describeHresult, knownHresults } from '../../core/ca/hresult.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** Everything the station runs; simulators and tests raise nothing a person at the station reads. */
const SOURCE_DIRS = ['core', 'native', 'cli', 'electron', 'renderer', 'station'];

function sourceFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of entries) {
    const p = join(abs, name);
    if (name === 'node_modules') continue;
    if (statSync(p).isDirectory()) out.push(...sourceFiles(relative(ROOT, p)));
    else if (/\.(ts|cts|mts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

// codes have an underscore (INTERNAL and CANCELLED are raised only as typed StationErrorCodes,
// which the compiler checks); this keeps Node's 'ENOENT' and the like out
const CODE = "'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'";
/** Places a code is raised or handed on as a string: constructors, code fields, errorCode, unions. */
const RAISE_PATTERNS = [
  new RegExp(`new \\w*Error\\(\\s*${CODE}`, 'g'),
  new RegExp(`super\\(\\s*${CODE}`, 'g'),
  new RegExp(`\\bcode\\s*(?:=|:|===|!==)\\s*${CODE}`, 'g'),
  new RegExp(`\\berrorCode:\\s*${CODE}`, 'g'),
  new RegExp(`\\breason:\\s*${CODE}\\s*\\}`, 'g'),
];

/** Every code literal the source raises, with where. */
function raisedCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const note = (code: string, file: string, line: number): void => {
    if (!found.has(code)) found.set(code, `${relative(ROOT, file)}:${line}`);
  };
  for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      for (const re of RAISE_PATTERNS) for (const m of line.matchAll(re)) note(m[1] as string, file, i + 1);
      // a code chosen by a conditional: `code: a ? 'X' : 'Y'` spread over the following lines
      const window = lines.slice(Math.max(0, i - 2), i + 1).join('\n');
      if (
        /\bcode:/.test(window) &&
        /[?:]\s*\(?\s*'[A-Z]/.test(line) &&
        !/\w+:\s*'[A-Z]/.test(line.replace(/\bcode:/, ''))
      ) {
        for (const m of line.matchAll(new RegExp(CODE, 'g'))) note(m[1] as string, file, i + 1);
      }
    });
    // unions of codes: `type XErrorCode = | 'A' | 'B'` and the PIN policy's `PinRejection`
    for (const m of text.matchAll(/type (\w*(?:ErrorCode|Rejection))\s*=([^;]+);/g)) {
      for (const c of (m[2] as string).matchAll(new RegExp(CODE, 'g'))) note(c[1] as string, file, 0);
    }
  }
  return found;
}

function texts(code: keyof typeof CATALOG): Array<[Language, Text]> {
  return LANGUAGES.map((l) => [l, CATALOG[code][l]]);
}

const FIELDS = ['message', 'resolution', 'cli', 'screen'] as const;

describe('error catalog coverage', () => {
  test('the source scan finds the codes it should (the scan itself works)', () => {
    const raised = raisedCodes();
    // one of each way of raising, so a broken pattern cannot make the next test pass vacuously
    for (const code of [
      'CARD_ALREADY_ISSUED',
      'CA_URL_REFUSED',
      'AUDIT_WRITE_FAILED',
      'CA_TEMPLATE_DENIED',
      'PIN_TOO_SHORT',
      'CA_REVOKED',
      'PIN_NOT_CHANGED',
    ])
      assert.ok(raised.has(code), `scan missed ${code}`);
    assert.ok(raised.size > 60, `only ${raised.size} codes found`);
  });

  test('every code the source can raise has a catalog entry', () => {
    const missing = [...raisedCodes()].filter(([code]) => !isStationErrorCode(code));
    assert.deepEqual(missing, [], `codes raised without a catalog entry (code, first place)`);
  });

  test('every HRESULT the CA client knows, and an unknown one, maps to a catalog code', () => {
    for (const h of [...knownHresults(), 0x80091234]) {
      const info = describeHresult(h);
      assert.ok(isStationErrorCode(info.code), `${info.hex} → ${info.code}`);
      assert.equal(info.meaning, describeCode(info.code, 'en', { hresult: info.hex }).message);
    }
    assert.match(describeHresult(0x80091234).meaning, /0x80091234/);
  });

  test('no code is defined twice across the families (a spread would hide one)', () => {
    const seen = new Map<string, string>();
    for (const [family, entries] of Object.entries({
      CARD,
      PIN_RULES,
      CA,
      HRESULT,
      STATION,
      STATE,
      WORKFLOW,
      WINDOWS_VSC,
      AUDITOR,
    })) {
      for (const code of Object.keys(entries)) {
        assert.ok(!seen.has(code), `${code} in ${family} and ${seen.get(code)}`);
        seen.set(code, family);
      }
    }
    assert.equal(seen.size, Object.keys(CATALOG).length);
  });

  test('every entry has a message and a resolution in all four languages, with the same placeholders', () => {
    for (const code of Object.keys(CATALOG) as (keyof typeof CATALOG)[]) {
      const en = CATALOG[code].en;
      for (const [lang, text] of texts(code)) {
        assert.ok(
          text.message.trim().length > 0 && text.resolution.trim().length > 0,
          `${code} ${lang} empty`,
        );
        for (const field of FIELDS) {
          assert.equal(
            text[field] === undefined,
            en[field] === undefined,
            `${code} ${lang}: ${field} variant only in some languages`,
          );
          const pattern = text[field];
          if (pattern === undefined) continue;
          assert.deepEqual(
            [...argumentNames(pattern)].sort(),
            [...argumentNames(en[field] as string)].sort(),
            `${code} ${lang} ${field}: placeholders differ from English`,
          );
        }
      }
    }
  });

  test('docs/errors.md lists every code', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'errors.md'), 'utf8');
    const unlisted = Object.keys(CATALOG).filter((code) => !new RegExp(`\\b${code}\\b`).test(doc));
    assert.deepEqual(unlisted, []);
  });

  test('a resolution names what exists on its surface', () => {
    for (const lang of LANGUAGES) {
      const on = (code: keyof typeof CATALOG, surface: Surface) =>
        describeCode(code, lang, {}, surface).resolution;
      assert.match(on('CARD_ALREADY_ISSUED', 'cli'), /--reissue/, lang);
      assert.doesNotMatch(on('CARD_ALREADY_ISSUED', 'screen'), /--reissue/, lang);
      assert.match(on('PIN_NOT_CHANGED', 'cli'), /station change-pin/, lang);
      assert.doesNotMatch(on('PIN_NOT_CHANGED', 'screen'), /station /, lang);
      assert.match(on('CA_PENDING', 'cli'), /station recover/, lang);
      assert.match(on('CA_OUTCOME_UNKNOWN', 'cli'), /--reqid ID=N/, lang);
      assert.match(on('CA_UNREACHABLE', 'cli'), /station diagnose/, lang);
    }
    // no CLI resolution tells the operator to press a button: a quoted kiosk label is only on screen
    const buttons = [
      /"Re-issue"/,
      /"Resume"/,
      /"Set PIN"/,
      /"재발급"/,
      /"재개"/,
      /“重新发卡”/,
      /「重新發卡」/,
      /“继续”/,
      /「繼續」/,
    ];
    for (const code of Object.keys(CATALOG) as (keyof typeof CATALOG)[]) {
      for (const lang of LANGUAGES) {
        const cli = describeCode(code, lang, {}, 'cli').resolution;
        for (const b of buttons) assert.doesNotMatch(cli, b, `${code} ${lang} cli names a kiosk button`);
      }
    }
  });
});

describe('explain()', () => {
  test('a StationError: message and resolution in each language, placeholders filled from details', () => {
    const e = new StationError('WRONG_PIN', { triesLeft: 2 }).withDetails({ card: 'operator' });
    const en = explain(e, 'en', 'cli');
    assert.equal(en.code, 'WRONG_PIN');
    assert.equal(en.message, "The operator card's PIN is not correct.");
    assert.match(en.resolution, /2 tries are left/);
    assert.deepEqual(en.details, { triesLeft: 2, card: 'operator' });
    assert.match(
      explain(new StationError('WRONG_PIN', { triesLeft: 1, card: 'holder' }), 'en', 'screen').resolution,
      /Ask the cardholder .* Only one try is left/,
    );
    assert.match(explain(e, 'ko', 'cli').message, /운영자 카드/);
    assert.match(explain(e, 'zh-Hans', 'cli').resolution, /还剩 2 次/);
    assert.match(explain(e, 'zh-Hant', 'cli').resolution, /還剩 2 次/);
    for (const lang of LANGUAGES) {
      const { message, resolution } = explain(e, lang, 'cli');
      assert.doesNotMatch(message + resolution, /[{}#]/, lang);
    }
  });

  test('an unknown error is INTERNAL and shows nothing it carried', () => {
    const secret = 'PIN 482913 for CORP\\alice at /home/op/.station/key';
    const leaky = Object.assign(new TypeError(secret), { code: 'ENOENT', pin: '482913' });
    for (const lang of LANGUAGES) {
      for (const x of [leaky, secret, { message: secret, resolution: secret }, null, 42]) {
        const shown = explain(x, lang, 'screen');
        assert.equal(shown.code, 'INTERNAL');
        const all = JSON.stringify(shown);
        assert.ok(!all.includes('482913') && !all.includes('alice') && !all.includes('/home'), all);
        assert.doesNotMatch(all, /\n\s+at /);
      }
    }
    assert.deepEqual(explain(leaky, 'en', 'cli').details, { errorType: 'TypeError' });
  });

  test('a wrapper shows what it wraps; the wrapped message never reaches the details', () => {
    const inner = new StationError(
      'AUDIT_VALIDATION',
      { field: 'certificate.serial' },
      { diagnostic: 'value 1234 rejected' },
    );
    const outer = new StationError('AUDIT_UNAVAILABLE', { action: 'KEYGEN' }, { cause: inner });
    const shown = explain(outer, 'en', 'cli');
    assert.equal(shown.details.cause, 'AUDIT_VALIDATION');
    assert.ok(!JSON.stringify(shown).includes('1234'));
    // a validation failure is not told to free disk space
    assert.doesNotMatch(explain(inner, 'en', 'cli').resolution, /disk space/i);
  });

  test('a code handed on as a string (a CA denial) is explained; an unknown string is INTERNAL', () => {
    const denial = explainCode('CA_TEMPLATE_DENIED', { reqId: 17 }, 'zh-Hant', 'screen');
    assert.match(denial.message, /範本/);
    assert.equal(explainCode('NOT_A_CODE', {}, 'en', 'cli').code, 'INTERNAL');
  });

  test('details are cut, never dumped', () => {
    const shown = explain(new StationError('CA_UNRECOGNISED_PAGE', { page: 'x'.repeat(5000) }), 'en', 'cli');
    assert.ok(String(shown.details.page).length <= 501);
  });

  test('withDetails keeps the code and the original as the cause; other values pass unchanged', () => {
    const e = new StationError('PIN_BLOCKED', {});
    const marked = withDetails(e, { card: 'holder' });
    assert.ok(marked instanceof StationError && marked.code === 'PIN_BLOCKED' && marked.cause === e);
    const plain = new Error('x');
    assert.equal(withDetails(plain, { card: 'holder' }), plain);
  });
});

describe('glossary (docs/errors.md): the review findings stay fixed', () => {
  const all = (lang: Language): string[] =>
    Object.values(CATALOG).flatMap((entry) =>
      FIELDS.map((f) => entry[lang][f]).filter((x): x is string => x !== undefined),
    );

  test('zh-Hans / zh-Hant: cards are 发卡/发放 and 發卡/發放, never 签发/簽發; no self-service terminal', () => {
    for (const [lang, forbidden] of [
      ['zh-Hans', [/签发(此|该)?卡/, /重新签发/, /卡片已签发/, /自助终端/]],
      ['zh-Hant', [/簽發(此|該)?卡/, /重新簽發/, /卡片已簽發/, /自助終端/]],
    ] as const) {
      for (const t of all(lang)) for (const f of forbidden) assert.doesNotMatch(t, f, `${lang}: ${t}`);
    }
  });

  test('zh-Hant uses Taiwan terms: 要求, 更新, PIV 應用程式, 註冊代理程式', () => {
    for (const t of all('zh-Hant')) {
      assert.doesNotMatch(t, /申請|續訂|請求/, t);
      assert.doesNotMatch(t, /PIV 應用(?!程式)/, t);
      assert.doesNotMatch(t, /註冊代理(?!程式)/, t);
      assert.doesNotMatch(t, /憑證申請代理/, t);
    }
  });

  test('ko: 등록 for enrollment and 발급 for issuance, 판독기 for reader', () => {
    for (const t of all('ko')) {
      assert.doesNotMatch(t, /발급할 수 있는 PIV|리더기/, t);
    }
    assert.match(CATALOG.UNSUPPORTED_CARD.ko.message, /등록할 수 있는/);
  });

  test('resolutions that need the cardholder ask the cardholder', () => {
    for (const code of ['REISSUE_NEEDS_RESET', 'PIN_NOT_CHANGED'] as const) {
      assert.match(CATALOG[code].en.resolution, /Ask the cardholder to/);
      assert.match(CATALOG[code].ko.resolution, /카드 소지자에게/);
      assert.match(CATALOG[code]['zh-Hans'].resolution, /请持卡人/);
      assert.match(CATALOG[code]['zh-Hant'].resolution, /請持卡人/);
    }
  });
});
