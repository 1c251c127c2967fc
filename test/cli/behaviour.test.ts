// Issue 10 §2 against real pcscd + vpcd, software cards and the demo CA, through the real CLI:
// Ctrl-C at a prompt (on a pseudo-terminal) cancels with exit 130; a missing CA password variable
// and an unknown reader fail before any PIN is asked; `station status | head -1` ends quietly;
// `station change-pin` on a card issued with --no-pin-change (yubico-piv-tool confirms), audited.
// Run inside test/piv/run-private.sh (it starts pcscd).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startDemoEnvironment,
  randomHolderPin,
  PASSWORD_ENV,
  type DemoEnvironment,
} from '../../dev/demo-environment.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { enrollAlice, run, station, text } from '../e2e/helpers.ts';

const STATION = fileURLToPath(new URL('../../cli/station.ts', import.meta.url));
const PTY = fileURLToPath(new URL('./pty-run.py', import.meta.url));
let env: DemoEnvironment;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair() });
});
after(async () => {
  await env?.stop();
});

interface PtyRun {
  output: string;
  code: number | null;
  signal: number | null;
  timedOut: boolean;
  unsentSteps: string[];
}

// Never spawnSync here: the software cards and the demo CA live in this process and must answer.
const exec = promisify(execFile);

/** `station <args>` on a pseudo-terminal, typing `steps` ([prompt seen, keys]) as they come. */
async function onTerminal(
  args: string[],
  steps: Array<[string, string]>,
  environment = env.env,
): Promise<PtyRun> {
  const spec = {
    argv: [process.execPath, '--disable-warning=ExperimentalWarning', STATION, ...args],
    env: environment,
    steps,
    timeout: 60,
  };
  const r = await exec('python3', [PTY, JSON.stringify(spec)], { encoding: 'utf8', timeout: 90_000 });
  return JSON.parse(r.stdout) as PtyRun;
}

test('Ctrl-C at the PIN prompt cancels cleanly: exit 130, CANCELLED, no card touched', async () => {
  const before = env.target.apduCount;
  const r = await onTerminal(enrollAlice(env.configFile), [['Operator card PIN: ', '12\u0003']]);
  assert.equal(r.timedOut, false, r.output);
  assert.deepEqual(r.unsentSteps, [], r.output);
  assert.equal(r.code, 130, r.output);
  assert.match(r.output, /error CANCELLED: Cancelled; nothing was changed\./);
  assert.doesNotMatch(r.output, /\n\s+at /, 'no stack trace');
  assert.equal(env.target.apduCount, before, 'the card to enroll was not touched');
  // Ctrl-D is the end of input, not a cancel: INPUT_ENDED, exit 1
  const d = await onTerminal(enrollAlice(env.configFile), [['Operator card PIN: ', '\u0004']]);
  assert.equal(d.code, 1, d.output);
  assert.match(d.output, /error INPUT_ENDED: Standard input ended before "Operator card PIN" was given/);
});

test('standard input that ends before an answer is INPUT_ENDED (exit 1), naming the prompt', async () => {
  const r = await station(enrollAlice(env.configFile), { env: env.env, stdin: `${text(env.agentPin)}\n` });
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /^error INPUT_ENDED: Standard input ended before "Cardholder's new PIN" was given\./m,
  );
  assert.match(r.stderr, /station enroll --help/);
});

test('a missing CA password variable fails before any prompt, with CA_PASSWORD_MISSING', async () => {
  const environment = { ...env.env };
  delete environment[PASSWORD_ENV];
  const started = Date.now();
  // a terminal that never types: had the CLI asked for a PIN, it would wait until the timeout
  const r = await onTerminal(enrollAlice(env.configFile), [], environment);
  assert.equal(r.timedOut, false, r.output);
  assert.equal(r.code, 1, r.output);
  assert.match(r.output, /error CA_PASSWORD_MISSING: The password of the station account is not set\./);
  assert.match(r.output, new RegExp(`Set the environment variable ${PASSWORD_ENV} `));
  assert.doesNotMatch(r.output, /PIN:/, 'no PIN was asked');
  assert.ok(Date.now() - started < 30_000);
});

test('an unknown reader is refused before any PIN, listing the readers that exist', async () => {
  const before = env.target.apduCount;
  const r = await station([...enrollAlice(env.configFile), '--target-reader', 'No Such Reader 00 00'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n`,
  });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^error UNKNOWN_READER: There is no reader named "No Such Reader 00 00"\./m);
  assert.ok(r.stderr.includes(env.targetReader) && r.stderr.includes(env.agentReader), r.stderr);
  assert.equal(env.target.apduCount, before);
  const ko = await station(['change-pin', '--config', env.configFile, '--reader', 'Nope', '--lang', 'ko'], {
    env: env.env,
  });
  assert.equal(ko.code, 1);
  assert.match(ko.stderr, /^오류 UNKNOWN_READER: "Nope"\(이\)라는 판독기가 없습니다\./m);
});

test('`station status | head -1` prints one line and no stack trace; a closed pipe ends it quietly', async () => {
  const r = await exec(
    'bash',
    [
      '-c',
      `set -o pipefail; "${process.execPath}" --disable-warning=ExperimentalWarning "${STATION}" status --config "${env.configFile}" | head -1`,
    ],
    { env: env.env, encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 1, r.stdout);
  assert.equal(r.stderr, '', 'nothing on standard error');
  // the reading end closed before the first line: EPIPE on every write
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', STATION, 'status', '--config', env.configFile],
    {
      env: env.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(stderr, '', 'no stack trace');
  assert.equal(code, 0);
});

test('change-pin on a card issued with --no-pin-change: the new PIN opens it, 12345678 no longer does, audited', async () => {
  await env.insertBlankCard();
  const issued = await station([...enrollAlice(env.configFile), '--no-pin-change'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n`,
  });
  assert.equal(issued.code, 0, issued.stdout + issued.stderr);
  await run('yubico-piv-tool', ['-r', env.targetReader, '-a', 'verify-pin', '-P', '12345678']);

  // the same policy as at issuance: the default PIN is refused, nothing changes
  const weak = await station(['change-pin', '--config', env.configFile], {
    env: env.env,
    stdin: '12345678\n123456\n123456\n',
  });
  assert.equal(weak.code, 1);
  assert.match(weak.stderr, /^error PIN_IS_DEFAULT/m);
  await run('yubico-piv-tool', ['-r', env.targetReader, '-a', 'verify-pin', '-P', '12345678']);

  const pin = text(randomHolderPin());
  const r = await station(['change-pin', '--config', env.configFile], {
    env: env.env,
    stdin: `12345678\n${pin}\n${pin}\n`,
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, `PIN changed on the card in "${env.targetReader}"\n`);
  assert.ok(!r.stdout.includes(pin) && !r.stderr.includes(pin));
  await run('yubico-piv-tool', ['-r', env.targetReader, '-a', 'verify-pin', '-P', pin]);
  await assert.rejects(
    run('yubico-piv-tool', ['-r', env.targetReader, '-a', 'verify-pin', '-P', '12345678']),
  );

  const db = path.join(env.config.dataDir, 'audit.sqlite');
  const listed = (await station(['audit', 'list', '--db', db], { env: env.env })).stdout;
  const serial = String(env.target.status().serial);
  const rows = listed.split('\n').filter((l) => l.includes('PIN_CHANGED') && l.includes(serial));
  assert.ok(
    rows.some((l) => /\bPIN_CHANGED\s+success\b/.test(l)),
    listed,
  );
  assert.match(listed, /\bPIN_POLICY_REJECTED\s+failure PIN_IS_DEFAULT\b/);
  // and the log now says the holder chose a PIN
  const status = await station(['status', '--config', env.configFile], { env: env.env });
  assert.match(
    status.stdout,
    new RegExp(`serial ${serial}, issued to alice@corp\\.example, .*log: the holder chose a PIN`),
  );
});
