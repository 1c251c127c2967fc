// Issue 10 §2, the parts that need no card: --version, -h and per-command help, refused options
// and arguments (exit 2, a USAGE_* code, the command's usage), --lang for all of it, and the
// README's forms: bin/station and `./run station -- <command>` (npm passes the `--` through).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { station } from '../e2e/helpers.ts';
import { t, type MessageKey } from '../../core/i18n/index.ts';
import { spawnSync } from 'node:child_process';

const ROOT = path.join(import.meta.dirname, '../..');
const env = { ...process.env, STATION_CONFIG: '' };
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const COMMANDS = ['demo', 'enroll', 'status', 'change-pin', 'recover', 'diagnose', 'audit'];

test('--version prints the package version, exit 0', async () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const r = await station(['--version'], { env });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, `station ${pkg.version}\n`);
  // the bin the README names, as written
  const bin = spawnSync(path.join(ROOT, 'bin/station'), ['--version'], { encoding: 'utf8' });
  assert.equal(bin.status, 0, bin.stderr);
  assert.equal(bin.stdout, `station ${pkg.version}\n`);
});

test('-h and --help list every command with its summary; each command has its own help', async () => {
  for (const flag of ['-h', '--help']) {
    const r = await station([flag], { env });
    assert.equal(r.code, 0);
    for (const c of COMMANDS)
      assert.match(
        r.stdout,
        new RegExp(`^  ${c} +${escape(t(`help.summary.${c}` as MessageKey, 'en'))}$`, 'm'),
      );
    assert.match(r.stdout, /exit codes: 0 done, 1 failed, 2 usage error, 4 not finished yet .*130 cancelled/);
  }
  const helps = new Set<string>();
  for (const c of COMMANDS) {
    const r = await station([c, '--help'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith(`usage: station ${c}`), r.stdout);
    helps.add(r.stdout);
  }
  assert.equal(helps.size, COMMANDS.length, 'every command prints its own help');
  const enroll = await station(['enroll', '-h'], { env });
  assert.match(enroll.stdout, /--no-pin-change/);
  assert.match(enroll.stdout, /--reissue/);
  const ko = await station(['--lang', 'ko', 'enroll', '--help'], { env });
  assert.match(ko.stdout, /^사용법: station enroll/);
  assert.match(ko.stdout, /카드 소지자의 PIN 변경 없이 발급합니다/);
});

test('an option the command does not take is refused with exit 2, its code and the usage', async () => {
  const cases: Array<[string[], string, RegExp]> = [
    [['status', '--user', 'x'], 'USAGE_UNKNOWN_OPTION', /"status" does not take the option --user/],
    [['status', '--bogus'], 'USAGE_UNKNOWN_OPTION', /--bogus/],
    [['diagnose', 'extra'], 'USAGE_UNKNOWN_OPTION', /"diagnose" does not take the option extra/],
    [['enroll', '--reissue=yes'], 'USAGE_BAD_VALUE', /--reissue/],
    [['enroll', '--user'], 'USAGE_BAD_VALUE', /--user/],
    [['enroll', '--upn', 'a@b.c'], 'USAGE_MISSING_OPTION', /"enroll" needs the option --user/],
    [['status'], 'USAGE_MISSING_OPTION', /--config/],
    [['recover', '--reqid', 'nonsense', '--config', '/nonexistent'], 'USAGE_BAD_VALUE', /--reqid/],
    [['status', '--lang', 'fr'], 'USAGE_BAD_VALUE', /en, ko, zh-Hans, zh-Hant/],
    [['frobnicate'], 'USAGE_UNKNOWN_COMMAND', /There is no command "frobnicate"/],
  ];
  for (const [args, code, message] of cases) {
    const r = await station(args, { env });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^error ${code}: `), args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.match(r.stderr, /^usage: station/m, `${args.join(' ')} shows the usage`);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(r.stdout, '');
  }
  const json = await station(['status', '--bogus', '--json'], { env });
  assert.equal(json.code, 2);
  assert.equal((JSON.parse(json.stdout) as { code: string }).code, 'USAGE_UNKNOWN_OPTION');
});

test('usage errors are said in the --lang language, wherever --lang stands', async () => {
  const expect = {
    ko: /^오류 USAGE_UNKNOWN_OPTION: "status"에는 --bogus 옵션이 없습니다\./,
    'zh-Hans': /^错误 USAGE_UNKNOWN_OPTION：“status”不接受选项 --bogus。/,
    'zh-Hant': /^錯誤 USAGE_UNKNOWN_OPTION：「status」不接受選項 --bogus。/,
  };
  for (const [lang, re] of Object.entries(expect)) {
    const after = await station(['status', '--bogus', '--lang', lang], { env });
    const before = await station(['--lang', lang, 'status', '--bogus'], { env });
    for (const r of [after, before]) {
      assert.equal(r.code, 2);
      assert.match(r.stderr, re);
    }
  }
});

test("the README's `./run station -- <command>` form: the separator npm passes on is not a command", async () => {
  const r = await station(['--', 'status', '--help'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^usage: station status/);
});

test('the holder named on the command line is validated before the configuration, PC/SC or any PIN', async () => {
  // no configuration file exists and no pcscd is asked: the input is refused first
  const r = await station(
    [
      'enroll',
      '--config',
      '/nonexistent/station.json',
      '--user',
      'not a name',
      '--upn',
      'alice@corp.example',
    ],
    { env, stdin: '11223344\n' },
  );
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^error (BAD_INPUT|REQUESTER_NAME_INVALID): /m);
  assert.doesNotMatch(r.stderr, /CONFIG_|PCSC_/);
});
