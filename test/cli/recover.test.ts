// Issue 10 §2: `station recover` proposes a plan for each interrupted enrollment and the operator
// confirms it (a plain run), abandons it (--abandon ID) or supplies a ReqID (--reqid ID=N); each
// decision is written to the enrollment log with who made it, and --dry-run changes nothing.
// Enrollments are interrupted for real: the station CLI is SIGKILLed at a step. Run inside
// test/piv/run-private.sh (it starts pcscd).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { enrollAlice, station, text } from '../e2e/helpers.ts';

let env: DemoEnvironment;
const actor = `${os.userInfo().username}@${os.hostname()}`;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair() });
});
after(async () => {
  await env?.stop();
});

interface Plan {
  enrollmentId: string;
  plan: { action: string; reqId?: number };
}

async function interruptAt(step: string): Promise<Plan> {
  const pin = text(randomHolderPin());
  const killed = await station([...enrollAlice(env.configFile), '--reissue', '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${pin}\n${pin}\n`,
    killAtStep: step,
  });
  assert.equal(killed.signal, 'SIGKILL', `not killed at ${step}: ${killed.stdout}${killed.stderr}`);
  const listed = await station(['recover', '--config', env.configFile, '--dry-run', '--json'], {
    env: env.env,
  });
  assert.equal(listed.code, 0, listed.stderr);
  const id = /"enrollmentId":"([^"]+)"/.exec(killed.stdout)?.[1];
  const plans = listed.stdout
    .split('\n')
    .filter((l) => l.includes('"plan"'))
    .map((l) => JSON.parse(l) as Plan)
    .filter((x) => x.enrollmentId === id);
  assert.equal(plans.length, 1, listed.stdout);
  return plans[0] as Plan;
}

interface Row {
  action: string;
  outcome: string;
  reason: string | null;
  enrollmentId: string | null;
}

async function rows(enrollmentId: string): Promise<Row[]> {
  const db = path.join(env.config.dataDir, 'audit.sqlite');
  const r = await station(['audit', 'export', '--db', db, '--format', 'json'], { env: env.env });
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { records: Row[] }).records.filter((x) => x.enrollmentId === enrollmentId);
}

test('a plan listed with --dry-run is left as it is; a plain run carries it out, audited with who decided', async () => {
  // the first run makes the card an issued one, so the interrupted runs below are re-issues
  const pin = text(randomHolderPin());
  const first = await station(enrollAlice(env.configFile), {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${pin}\n${pin}\n`,
  });
  assert.equal(first.code, 0, first.stdout + first.stderr);

  const p = await interruptAt('keygen');
  assert.equal(p.plan.action, 'close');
  const reviews = async (): Promise<Row[]> =>
    (await rows(p.enrollmentId)).filter((r) => r.action === 'RECOVERY_REVIEWED');
  const reviewedBefore = (await reviews()).length;
  const text1 = await station(['recover', '--config', env.configFile, '--dry-run', '--lang', 'ko'], {
    env: env.env,
  });
  assert.match(
    text1.stdout,
    new RegExp(`^등록 ${p.enrollmentId}: .* 종료 예정: CA에 아무것도 보내지 않았습니다`, 'm'),
  );
  assert.deepEqual(
    (await rows(p.enrollmentId)).filter((r) => r.action === 'RECOVERY_DECIDED'),
    [],
    'a dry run decides nothing',
  );
  const reviewed = await reviews();
  assert.equal(reviewed.length, reviewedBefore + 1, 'the dry run itself is recorded, once');
  assert.match(
    reviewed[0]?.reason ?? '',
    new RegExp(`^plan "close" after "[a-z-]+" listed to ${actor.replace(/[.\\]/g, '\\$&')}`),
  );
  const done = await station(['recover', '--config', env.configFile], { env: env.env });
  assert.equal(done.code, 0, done.stdout + done.stderr);
  assert.match(done.stdout, /^ {2}→ closed$/m);
  const decided = (await rows(p.enrollmentId)).filter((r) => r.action === 'RECOVERY_DECIDED');
  assert.equal(decided.length, 1);
  assert.ok(decided[0]?.reason?.endsWith(`(by ${actor})`), JSON.stringify(decided));
  const again = await station(['recover', '--config', env.configFile], { env: env.env });
  assert.equal(again.stdout, 'no interrupted enrollments\n');
});

test('--abandon ID gives up an enrollment the CA answered: the key is destroyed, audited with who decided', async () => {
  const p = await interruptAt('check');
  assert.equal(p.plan.action, 'resume');
  const r = await station(['recover', '--config', env.configFile, '--abandon', p.enrollmentId], {
    env: env.env,
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^ {2}→ abandoned: the key on the card is destroyed/m);
  const log = await rows(p.enrollmentId);
  assert.ok(
    log.some((x) => x.action === 'RECOVERY_DECIDED' && x.reason === `abandoned by ${actor}`),
    JSON.stringify(log),
  );
  const after = await station(['recover', '--config', env.configFile, '--dry-run'], { env: env.env });
  assert.equal(after.stdout, 'no interrupted enrollments\n');
});

test('--reqid ID=N resumes an enrollment by the ReqID given, audited with who decided; a malformed one is a usage error', async () => {
  const bad = await station(['recover', '--config', env.configFile, '--reqid', 'x=1'], { env: env.env });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error USAGE_BAD_VALUE: The value given for --reqid is not valid\./m);

  const p = await interruptAt('check');
  assert.equal(p.plan.action, 'resume');
  const reqId = p.plan.reqId as number;
  const r = await station(['recover', '--config', env.configFile, '--reqid', `${p.enrollmentId}=${reqId}`], {
    env: env.env,
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^ {2}→ issued, PIN not changed$/m);
  const log = await rows(p.enrollmentId);
  assert.ok(
    log.some((x) => x.action === 'RECOVERY_DECIDED' && (x.reason ?? '').endsWith(`(by ${actor})`)),
    JSON.stringify(log),
  );
  assert.ok(
    log.some((x) => x.action === 'ENROLLMENT_FINISHED' && x.outcome === 'success'),
    JSON.stringify(log),
  );
});
