// Issue 8 §3, a second process: `station recover` started while an enrollment runs — at each step of
// it — leaves that enrollment alone (its journal's lock is held by a live owner): no PIN try is
// spent, the enrollment finishes, one certificate. And two `station recover` at once over one
// interrupted enrollment: one carries the plan out, the other stands aside; afterwards the card,
// the CA and the log agree.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { enrollAlice, ON_BEHALF_STEPS, station, text } from './helpers.ts';
import { assertLogVerifies, issuedBy, journals } from './nothing-lost-helpers.ts';

const STATION = fileURLToPath(new URL('../../cli/station.ts', import.meta.url));
let env: DemoEnvironment;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'recover-live' });
});
after(async () => {
  await env?.stop();
});

/** `station enroll` as a child; `atStep` runs (awaited) when its JSON progress first names the step. */
function enrollWhile(
  atStep: string,
  during: () => Promise<void>,
): Promise<{ code: number | null; stdout: string }> {
  const newPin = text(randomHolderPin());
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        STATION,
        ...enrollAlice(env.configFile),
        '--reissue',
        '--json',
      ],
      { env: env.env, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let fired: Promise<void> | undefined;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      if (fired === undefined && stdout.includes(`"step":"${atStep}"`)) {
        // hold the enrollment still at this step while the other process looks: the run is
        // frozen (SIGSTOP) with everything it holds, as a slow card would hold it, then resumed
        child.kill('SIGSTOP');
        fired = during().finally(() => child.kill('SIGCONT'));
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      void (fired ?? Promise.resolve()).then(() => resolve({ code, stdout }), reject);
    });
    child.stdin.end(`${text(env.agentPin)}\n${newPin}\n${newPin}\n`);
  });
}

test('recover during each step of a running enrollment leaves it alone, spends no try, issues nothing twice', async () => {
  for (const step of ON_BEHALF_STEPS) {
    const issuedBefore = issuedBy(env).length;
    let recoverOutput = '';
    const run = await enrollWhile(step, async () => {
      const r = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
      recoverOutput = r.stdout + r.stderr;
      // the journal is open and its owner alive: recover reports it busy and does nothing
      assert.equal(r.code, 4, `recover during ${step}: ${recoverOutput}`);
      assert.match(recoverOutput, /"status":"busy"/, `recover during ${step}: ${recoverOutput}`);
      assert.doesNotMatch(
        recoverOutput,
        /"status":"(closed|abandoned|rolled-back)"/,
        `recover acted during ${step}`,
      );
    });
    assert.equal(
      run.code,
      0,
      `the enrollment interrupted by a look at ${step} still finishes: ${run.stdout}\n${recoverOutput}`,
    );
    assert.match(run.stdout, /"status":"issued"/, step);
    assert.equal(issuedBy(env).length - issuedBefore, 1, `one certificate for the run observed at ${step}`);
    assert.deepEqual(journals(env).open, [], `no journal left open after ${step}`);
  }
  await assertLogVerifies(env);
});

test('two `station recover` at once over one interrupted enrollment: one acts, the other stands aside', async () => {
  const newPin = text(randomHolderPin());
  const killed = await station([...enrollAlice(env.configFile), '--reissue', '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${newPin}\n${newPin}\n`,
    killAtStep: 'write',
  });
  assert.equal(killed.signal, 'SIGKILL');
  assert.equal(journals(env).open.length, 1);
  const issuedBefore = issuedBy(env).length;
  const [a, b] = await Promise.all([
    station(['recover', '--config', env.configFile, '--json'], { env: env.env }),
    station(['recover', '--config', env.configFile, '--json'], { env: env.env }),
  ]);
  const outputs = `${a.stdout}${a.stderr}\n---\n${b.stdout}${b.stderr}`;
  // whichever ran first finished the card; the other found the journal busy or already ended
  assert.ok([a.code, b.code].includes(0), outputs);
  let left = journals(env).open.length;
  if (left > 0) {
    // the loser may have seen the card busy: one more quiet recover settles it
    const again = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
    assert.equal(again.code, 0, again.stdout + again.stderr);
    left = journals(env).open.length;
  }
  assert.equal(left, 0, outputs);
  assert.equal(issuedBy(env).length, issuedBefore, 'recovery submitted nothing again');
  // the card's own counter: full, so neither recover spent a try (the journal ends "PIN not changed")
  const pin = env.target.status().pin;
  assert.equal(pin.retriesLeft, pin.retryLimit, 'no PIN try spent by either recover');
  await assertLogVerifies(env);
});
