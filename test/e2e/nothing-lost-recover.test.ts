// Issue 8 §1, the paths after the CA was asked and the paths through `station recover`, through the
// real CLI with pcscd, vpcd, software cards and the demo CA. The judges: yubico-piv-tool (what slot
// 9a holds, whether the card signs for a given certificate), opensc-tool (GET METADATA), openssl,
// the demo CA's own records, and the station's `audit cards` / `audit verify`.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { station, text, enrollAlice } from './helpers.ts';
import { assertLogVerifies, journalDirOf, journals, parseJsonLines } from './nothing-lost-helpers.ts';

let env: DemoEnvironment;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'nothing-lost-recover' });
});
after(async () => {
  await env?.stop();
});

test('a successful enrollment archives its journal in journal/done, ended "issued"', async () => {
  const pin = text(randomHolderPin());
  const r = await station([...enrollAlice(env.configFile), '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${pin}\n${pin}\n`,
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const id = parseJsonLines(r.stdout).find((l) => l.type === 'progress')?.enrollmentId;
  assert.equal(typeof id, 'string');
  const { open, done } = journals(env);
  assert.deepEqual(open, [], 'no open journal left');
  assert.ok(done.includes(`${String(id)}.jsonl`), `journal/done holds ${String(id)}: ${done.join(', ')}`);
  const lines = readFileSync(path.join(journalDirOf(env), 'done', `${String(id)}.jsonl`), 'utf8')
    .trim()
    .split('\n');
  const last = JSON.parse((lines.at(-1) ?? '').split('\t')[0] ?? '') as { kind: string; status: string };
  assert.deepEqual([last.kind, last.status], ['end', 'issued']);
  const recovered = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
  assert.match(recovered.stdout, /no interrupted enrollments/);
  await assertLogVerifies(env);
});
