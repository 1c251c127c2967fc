// Issue 10 "what must be shown": each language's screens of CLI output, captured from the real
// CLI (child process) against pcscd + vpcd, software cards and the demo CA. The captures are
// saved under out/cli/screens (STATION_SCREENS_DIR to choose another folder; printed as a
// diagnostic, never committed), and a ko / zh-Hans / zh-Hant screen may hold no English beyond
// codes, names and numbers. Run inside scripts/private-ns.sh (it starts pcscd).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { LANGUAGES, t, type Language } from '../../core/i18n/index.ts';
import { explainCode } from '../../core/errors/explain.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { enrollAlice, station, text } from '../e2e/helpers.ts';
import { englishLeft } from './leaks.ts';

let env: DemoEnvironment;
let dir: string;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair() });
  // test output, kept for a person to read next to the kiosk's screenshots (out/ is git-ignored);
  // not in the temp directory, which the suite leaves as it found it
  dir =
    process.env.STATION_SCREENS_DIR ?? path.join(import.meta.dirname, '..', '..', 'out', 'cli', 'screens');
  // this run's captures only: a capture a failed step did not write must not be read from the last run
  if (process.env.STATION_SCREENS_DIR === undefined) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
});
after(async () => {
  await env?.stop();
});

const SCRIPT: Record<Language, RegExp> = {
  en: /^[\x20-\x7e\n\t—→…“”]*$/u,
  ko: /\p{Script=Hangul}/u,
  'zh-Hans': /[读卡器证书发钥志错]/u,
  'zh-Hant': /[讀卡機憑證發鑰誌錯]/u,
};

let readers: string[] = [];

function names(): string[] {
  return [
    // every reader pcscd lists here (the other pairs are other engineers' and tests')
    ...readers,
    env.config.ca.template,
    env.config.ca.agentTemplate,
    'CORP\\alice',
    'CORP\\kiosk',
    // the CA URL, its host name and the issuer's name, as diagnose shows them (longest first)
    env.config.ca.url,
    'localhost',
    'CORP-CA',
    // Microsoft's Chinese term for a web server keeps the word: Web 服务器 / Web 伺服器
    'Web',
  ];
}

function check(name: string, lang: Language, screen: string): void {
  writeFileSync(path.join(dir, `${name}.${lang}.txt`), screen);
  if (lang === 'en') return;
  assert.match(screen, SCRIPT[lang], `${name} ${lang} is not in ${lang}`);
  assert.deepEqual(
    englishLeft(screen, names()),
    [],
    `${name} ${lang}: English left on the screen:\n${screen}`,
  );
}

test('status, diagnose and enroll in en, ko, zh-Hans and zh-Hant: every word translated', async (t) => {
  t.diagnostic(`captures in ${dir}`);
  const listed = await station(['status', '--config', env.configFile, '--json'], { env: env.env });
  readers = listed.stdout
    .split('\n')
    .filter((l) => l.includes('"card"'))
    .map((l) => (JSON.parse(l) as { card: { reader: string } }).card.reader);
  assert.ok(readers.includes(env.targetReader), listed.stdout);
  for (const lang of LANGUAGES) {
    if (lang !== 'en') await env.insertBlankCard();
    const pin = text(randomHolderPin());
    const enroll = await station([...enrollAlice(env.configFile), '--lang', lang], {
      env: env.env,
      stdin: `${text(env.agentPin)}\n${pin}\n${pin}\n`,
    });
    assert.equal(enroll.code, 0, enroll.stdout + enroll.stderr);
    check('enroll', lang, enroll.stdout + enroll.stderr);

    const status = await station(['status', '--config', env.configFile, '--lang', lang], { env: env.env });
    assert.equal(status.code, 0, status.stderr);
    check('status', lang, status.stdout + status.stderr);
    // the same facts in every language: each reader once, the issued card's serial
    for (const reader of [env.targetReader, env.agentReader]) assert.ok(status.stdout.includes(reader));
    assert.ok(status.stdout.includes(String(env.target.status().serial)));

    const diagnose = await station(['diagnose', '--config', env.configFile, '--lang', lang], {
      env: env.env,
    });
    assert.equal(diagnose.code, 0, diagnose.stdout + diagnose.stderr);
    check('diagnose', lang, diagnose.stdout + diagnose.stderr);
    // CA host name, server certificate, CA, credentials, clock, two templates, readers, operator card
    assert.equal(diagnose.stdout.trim().split('\n').length, 9, diagnose.stdout);

    // a failure screen: the same card enrolled again without --reissue is refused
    const again = await station([...enrollAlice(env.configFile), '--no-pin-change', '--lang', lang], {
      env: env.env,
      stdin: `${text(env.agentPin)}\n`,
    });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /CARD_ALREADY_ISSUED/);
    check('refused', lang, again.stdout + again.stderr);
  }
  // English is what English-reading operators (and scripts) see
  const { readFileSync } = await import('node:fs');
  const en = readFileSync(path.join(dir, 'enroll.en.txt'), 'utf8');
  assert.match(en, /^\[ *\d+%\] Generating the key on the card$/m);
  assert.match(en, /^result: issued \(CA request \d+\)$/m);
  const ko = readFileSync(path.join(dir, 'enroll.ko.txt'), 'utf8');
  assert.match(ko, /^\[ *\d+%\] 카드에서 키를 생성하는 중$/m);
  assert.match(ko, /^결과: 발급됨 \(CA 요청 \d+\)$/m);
});

test('audit verify, list, cards, export and key in the four languages: every word translated', async () => {
  const db = path.join(env.config.dataDir, 'audit.sqlite');
  for (const lang of LANGUAGES) {
    for (const sub of ['verify', 'list', 'cards', 'export', 'key']) {
      const r = await station(['audit', sub, '--db', db, '--lang', lang], { env: env.env });
      assert.equal(r.code, 0, `${sub} ${lang}: ${r.code} ${r.stdout} ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      // export writes the records on stdout (CSV: data, not words) and what it says on stderr;
      // key writes the PEM on stdout
      const words =
        sub === 'export'
          ? r.stderr
          : sub === 'key'
            ? r.stdout.split('-----END PUBLIC KEY-----')[1]! + r.stderr
            : r.stdout + r.stderr;
      check(`audit-${sub}`, lang, words);
    }
    // a usage mistake of an audit command is the catalog's, in the language asked for
    const bad = await station(['audit', 'list', '--db', db, '--limit', 'x', '--lang', lang], {
      env: env.env,
    });
    assert.equal(bad.code, 2, bad.stderr);
    // the error and what to do, above the command's synopsis (kept the same in every language)
    const [said] = (bad.stdout + bad.stderr).split(t('help.usage', lang, { usage: '' }).trim());
    assert.match(said!, /USAGE_BAD_VALUE/);
    assert.doesNotMatch(said!, /audit\.sqlite/, 'nothing about the log before the arguments are checked');
    check('audit-usage', lang, said!);
  }
  const { readFileSync } = await import('node:fs');
  assert.match(readFileSync(path.join(dir, 'audit-verify.en.txt'), 'utf8'), /^log intact: \d+ records/m);
  assert.match(
    readFileSync(path.join(dir, 'audit-verify.ko.txt'), 'utf8'),
    /^기록 무결성 확인됨: 레코드 \d+개/m,
  );
  assert.match(readFileSync(path.join(dir, 'audit-list.zh-Hans.txt'), 'utf8'), /^序号 +时间 +操作 +结果/m);
  assert.match(readFileSync(path.join(dir, 'audit-cards.zh-Hant.txt'), 'utf8'), /已發卡/);
  // the columns line up on a terminal in every language (Hangul and Han take two columns)
  for (const lang of LANGUAGES) {
    const lines = readFileSync(path.join(dir, `audit-list.${lang}.txt`), 'utf8')
      .split('\n')
      .filter((l) => /^(\d+ |\S+ +\S+ +\S+)/.test(l) && !l.includes('–'))
      .slice(0, 20);
    const starts = new Set(lines.map((l) => stringWidth(l.slice(0, l.lastIndexOf('  ') + 2))));
    assert.equal(starts.size, 1, `${lang}: the last column starts at ${[...starts].join(', ')}`);
  }
});

test("a denied enrollment shows the CA's reason and what to do from the catalog, in each language", async () => {
  await env.insertBlankCard();
  const carol = (lang: Language, json = false): Promise<Awaited<ReturnType<typeof station>>> =>
    station(
      [
        'enroll',
        '--config',
        env.configFile,
        '--user',
        'CORP\\carol',
        '--upn',
        'carol@corp.example',
        '--email',
        'carol@corp.example',
        '--no-pin-change',
        '--lang',
        lang,
        ...(json ? ['--json'] : []),
      ],
      { env: env.env, stdin: `${text(env.agentPin)}\n` },
    );
  // the disabled account: the CA answers with a denial and an HRESULT
  const json = await carol('en', true);
  assert.equal(json.code, 1, json.stdout + json.stderr);
  const line = json.stdout.split('\n').find((l) => l.includes('"result"')) as string;
  const { result } = JSON.parse(line) as {
    result: { status: string; denial: { code: string; message: string; resolution: string } };
  };
  assert.equal(result.status, 'denied');
  assert.match(result.denial.code, /^CA_/);
  for (const lang of LANGUAGES) {
    const r = await carol(lang);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const expected = explainCode(result.denial.code, {}, lang, 'cli');
    assert.ok(r.stdout.includes(expected.message.split('{')[0] as string), `${lang}:\n${r.stdout}`);
    assert.ok(r.stdout.includes(t('cli.whatToDo', lang, { resolution: '' }).trim()), r.stdout);
    check('denied', lang, r.stdout + r.stderr);
  }
});
