// Every command the README shows is run here exactly as written (`bash -c '<the line>'` from the
// repository root), in the README's order, against the demo environment: a README line that does
// not work fails the suite. `./run test` is the one exception — it is this suite.
//
// The README's environment lines (`export STATION_CONFIG=…`) are provided by the test: it points
// them at the demo environment it starts. PINs go to standard input, as the README says.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomHolderPin, startDemoEnvironment, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { text } from '../e2e/helpers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The shell lines of the README's ```sh blocks that run the station. */
export function readmeCommands(readme: string): string[] {
  const out: string[] = [];
  let inSh = false;
  for (const line of readme.split('\n')) {
    if (/^```sh\s*$/.test(line)) inSh = true;
    else if (/^```/.test(line)) inSh = false;
    else if (inSh && /^\.\/run /.test(line) && !/^\.\/run test\b/.test(line)) out.push(line);
  }
  return out;
}

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function sh(line: string, env: NodeJS.ProcessEnv, stdin = '', untilText?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', line], {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => process.kill(-(child.pid ?? 0), 'SIGKILL'), 180_000);
    let interrupted = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      // a command that keeps running until Ctrl-C: one Ctrl-C once it said what it does (a
      // person presses it once; output after it must not send another)
      if (untilText !== undefined && !interrupted && stdout.includes(untilText)) {
        interrupted = true;
        process.kill(-(child.pid ?? 0), 'SIGINT');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // npm returns on Ctrl+C while the program it ran is still removing what it started (as a
      // terminal's prompt comes back): the command has ended once its whole process group has
      void groupGone(child.pid ?? 0).then(() => resolve({ code, signal, stdout, stderr }));
    });
    child.stdin.end(stdin);
  });
}

/** Waits (up to 60 s) until no process of the group `pgid` is left. */
async function groupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 600 && pgid > 0; i++) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs a README line with a temp directory of its own (TMPDIR), so what it leaves there is its
 * own: the demo's `station-demo-*` folder and Chromium's profile must be gone once it ended (a
 * Ctrl+C included — that is how a person stops the kiosk and a kept-up demo).
 */
async function shClean(line: string, env: NodeJS.ProcessEnv, stdin = '', untilText?: string): Promise<Run> {
  const tmp = mkdtempSync(path.join(root, 'tmp-'));
  try {
    const r = await sh(line, { ...env, TMPDIR: tmp }, stdin, untilText);
    const left = readdirSync(tmp).filter((n) => /station-|chromium|playwright/i.test(n));
    assert.deepEqual(
      left,
      [],
      `${line} left folders in the temp directory\n${r.code} ${r.signal}\n${r.stdout}\n${r.stderr}`,
    );
    return r;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const commands = readmeCommands(readme);
let env: DemoEnvironment | undefined;
const root = mkdtempSync(path.join(os.tmpdir(), 'readme-'));

after(async () => {
  await env?.stop();
  rmSync(root, { recursive: true, force: true });
  // the file the README's `audit key --output` writes
  rmSync('/tmp/station-audit.pub.pem', { force: true });
});

test('the README shows the two commands and the CLI, and every one of them works as written', async () => {
  assert.ok(commands.includes('./run demo'), 'the main-job command');
  assert.match(readme, /^\.\/run test\b/m, 'the test command');
  assert.ok(commands.length >= 10, commands.join('\n'));

  // the kiosk: in Chromium until it says it is up (then Ctrl+C); Electron itself is not to be had here
  for (const line of commands.filter((c) => c.startsWith('./run kiosk'))) {
    const browser = line.includes('--browser');
    // without a display the screens run headless and the start screen's screenshot is taken first:
    // Ctrl+C only once it was
    const ready = process.env.DISPLAY === undefined ? 'start screen:' : 'Ctrl+C stops';
    const r = await shClean(line, { ...process.env }, '', browser ? ready : undefined);
    if (browser) {
      // Ctrl+C goes to the whole foreground group, as in a terminal: npm ends by the signal
      assert.ok(
        r.code === 0 || r.signal === 'SIGINT',
        `${line}\n${r.code} ${r.signal}\n${r.stdout}\n${r.stderr}`,
      );
      assert.match(r.stdout, /kiosk \(browser mode\): http:\/\/127\.0\.0\.1:\d+\/index\.html/, line);
    } else {
      assert.equal(r.code, 2, `${line}\n${r.stdout}\n${r.stderr}`);
      assert.match(r.stderr, /The Electron binary is not available here/, line);
    }
  }

  // the demo commands start (and stop) a demo environment of their own
  for (const line of commands.filter((c) => c.startsWith('./run demo'))) {
    const keepRunning = line.includes('--keep-running');
    const r = await shClean(line, { ...process.env }, '', keepRunning ? 'Ctrl-C' : undefined);
    assert.equal(r.code, keepRunning ? 0 : 0, `${line}\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, keepRunning ? /\.\/run station status/ : /result: issued/, line);
  }

  env = await startDemoEnvironment({ root });
  const base: NodeJS.ProcessEnv = { ...env.env, STATION_CONFIG: env.configFile };
  const agentPin = text(env.agentPin);
  const holderPin = text(randomHolderPin());
  const newerPin = text(randomHolderPin());
  const stdinFor = (line: string): string => {
    if (/ station enroll /.test(line)) return `${agentPin}\n${holderPin}\n${holderPin}\n`;
    if (/ station change-pin/.test(line)) return `${holderPin}\n${newerPin}\n${newerPin}\n`;
    return '';
  };
  const ran: string[] = [];
  const stationLines = commands.filter((c) => !c.startsWith('./run demo') && !c.startsWith('./run kiosk'));
  for (const line of stationLines) {
    const r = await shClean(line, base, stdinFor(line));
    assert.equal(r.code, 0, `README command failed: ${line}\n${r.stdout}\n${r.stderr}`);
    assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at .*\(file:/, `no stack trace: ${line}`);
    for (const pin of [agentPin, holderPin, newerPin])
      assert.ok(!(r.stdout + r.stderr).includes(pin), `no PIN in the output of ${line}`);
    ran.push(line);
  }
  assert.deepEqual(ran, stationLines);
});
