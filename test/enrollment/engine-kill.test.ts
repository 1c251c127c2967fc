// The engine on in-memory ports, killed at every port operation of an enrollment (before and after
// the operation's effect), then recovered as a restarted station would. After each, the invariants
// of "nothing lost" must hold:
//   - at most one certificate per enrollment at the CA;
//   - no journal left open (pending aside);
//   - the card in a state the journal explains: issued with its certificate and key, or without
//     a usable key for any certificate the CA issued (destroyed, recorded "to be revoked");
//   - a holder's earlier certificate is removed only by a run whose journal shows it wrote;
//   - the enrollment log verifies.
// Kills during recovery's own compensation are tried too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPublicKey } from 'node:crypto';
import { SqliteAuditLog } from '../../core/audit/sqlite-log.ts';
import { enroll, type EnrollmentDeps, type EnrollmentJob } from '../../core/enrollment/engine.ts';
import { markNotLive, openJournals } from '../../core/enrollment/journal.ts';
import { PIV_PIN_POLICY } from '../../core/enrollment/pin-policy.ts';
import { journalPlans, recover, type RecoveryInputs } from '../../core/enrollment/recovery.ts';
import { Secret } from '../../core/enrollment/secret.ts';
import {
  decodeCert,
  FACTORY_ADMIN_KEY,
  FakeCa,
  FakeCard,
  fakeChecker,
  fakeRequests,
  MemoryKeyStore,
  World,
} from './fakes.ts';

const NEW_PIN = '24681357';

interface Scenario {
  readonly name: string;
  readonly upnAtCa?: string;
  readonly serial?: string | null;
}

const SCENARIOS: Scenario[] = [
  { name: 'a blank card is issued' },
  {
    name: 'the CA certifies another user (the check fails, the station compensates)',
    upnAtCa: 'mallory@corp.example',
  },
  { name: 'a card without a serial (identity by GUID)', serial: null },
];

function job(): EnrollmentJob {
  return {
    mode: 'self',
    requesterName: 'CORP\\alice',
    upn: 'alice@corp.example',
    template: 'SmartcardUser',
    keyAlgorithm: 'EC-P256',
    reissue: false,
    transportPin: Secret.fromText('12345678'),
    factoryPin: Secret.fromText('123456'),
    transportPuk: Secret.fromText('12345678'),
    factoryAdminKey: Secret.fromBytes(new Uint8Array(Buffer.from(FACTORY_ADMIN_KEY, 'hex'))),
    pinPolicy: PIV_PIN_POLICY,
  };
}

interface Station {
  readonly dir: string;
  readonly log: SqliteAuditLog;
  readonly keys: MemoryKeyStore;
  readonly ca: FakeCa;
  card: FakeCard;
}

function deps(s: Station, _world: World): EnrollmentDeps {
  const held = new Set<string>();
  return {
    stationId: 'kill-test',
    card: s.card,
    ca: s.ca,
    requests: fakeRequests,
    check: fakeChecker,
    audit: s.log,
    keys: s.keys,
    journalDir: path.join(s.dir, 'journal'),
    lockCard: (id) => {
      if (held.has(id)) throw new Error('busy');
      held.add(id);
      return () => held.delete(id);
    },
    io: { askNewPin: async () => Secret.fromText(NEW_PIN) },
  };
}

function inputs(decision?: RecoveryInputs['decision']): RecoveryInputs {
  const j = job();
  return {
    transportPin: j.transportPin,
    transportPuk: j.transportPuk,
    factoryAdminKey: j.factoryAdminKey,
    pinPolicy: PIV_PIN_POLICY,
    decidedBy: 'test-operator',
    ...(decision === undefined ? {} : { decision }),
  };
}

/** Runs recovery over every open journal until none is left (or a round changes nothing). */
async function recoverAll(s: Station, world: World): Promise<void> {
  for (let round = 0; round < 4; round++) {
    const plans = journalPlans(path.join(s.dir, 'journal'));
    if (plans.length === 0) return;
    for (const p of plans) {
      s.card = s.card.reconnect(world);
      const decision =
        p.plan.action === 'ask-operator'
          ? s.ca.requests.has(p.state.id)
            ? { reqId: s.ca.requests.get(p.state.id)?.reqId ?? 0 }
            : ('abandon' as const)
          : undefined;
      await recover(p, deps(s, world), inputs(decision)).catch(() => undefined);
    }
  }
}

const spkiOf = (card: FakeCard): string | null =>
  card.state.key === null
    ? null
    : Buffer.from(createPublicKey(card.state.key).export({ format: 'der', type: 'spki' })).toString('base64');

async function checkInvariants(s: Station, label: string): Promise<void> {
  assert.equal(openJournals(path.join(s.dir, 'journal')).length, 0, `${label}: every journal ended`);
  for (const [key, req] of s.ca.requests) assert.ok(req.reqId > 0, `${label}: ${key}`);
  assert.ok(s.ca.requests.size <= 1, `${label}: at most one request reached the CA (${s.ca.requests.size})`);
  const verdict = s.log.verifySync();
  assert.equal(verdict.ok, true, `${label}: the log verifies (${JSON.stringify(verdict)})`);
  const records = s.log.querySync({}, 100_000);
  const finished = records.filter((r) => r.action === 'ENROLLMENT_FINISHED' && r.outcome !== 'started');
  assert.ok(finished.length >= 1, `${label}: the log says how it ended`);
  const cert = s.card.state.certificate;
  const issuedAtCa = [...s.ca.requests.values()].find((r) => r.issued);
  if (cert !== null) {
    // what is on the card is usable and right: the CA's certificate for the card's own key
    const c = decodeCert(cert);
    assert.equal(c.spki, spkiOf(s.card), `${label}: the certificate on the card is for the card's key`);
    assert.equal(c.upn, 'alice@corp.example', `${label}: and for alice`);
    assert.ok(
      records.some((r) => r.action === 'ENROLLMENT_FINISHED' && r.outcome === 'success'),
      `${label}: a certificate on the card means the log says issued`,
    );
  } else if (issuedAtCa !== undefined) {
    // the CA issued, the card does not carry it: its key must not be the certified one
    const certified = decodeCert(issuedAtCa.certificate).spki;
    assert.notEqual(spkiOf(s.card), certified, `${label}: no usable key left for an unfinished issuance`);
    assert.ok(
      records.some((r) => r.action === 'CERT_TO_BE_REVOKED'),
      `${label}: the certificate is recorded to be revoked`,
    );
  }
}

function station(scenario: Scenario, world: World): Station {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kill-'));
  const ca = new FakeCa(world);
  if (scenario.upnAtCa) ca.upnOverride = scenario.upnAtCa;
  return {
    dir,
    log: new SqliteAuditLog({
      path: path.join(dir, 'audit.sqlite'),
      stationId: 'kill-test',
      keyPath: path.join(dir, 'audit.key'),
      checkpointEvery: 5,
    }),
    keys: new MemoryKeyStore(),
    ca,
    card: new FakeCard(world, {}, scenario.serial === undefined ? '4242' : scenario.serial),
  };
}

/** A run that never returns: the process died inside a port operation. Give it a moment. */
async function runUntilKilled(s: Station, world: World): Promise<'finished' | 'killed'> {
  const run = enroll(job(), deps(s, world)).then(
    () => 'finished' as const,
    (e: unknown) => {
      if (process.env.KILL_DEBUG) console.error('run failed', e);
      return 'finished' as const;
    },
  );
  const outcome = await Promise.race([run, new Promise<'killed'>((r) => setTimeout(() => r('killed'), 150))]);
  if (outcome === 'killed') for (const j of openJournals(path.join(s.dir, 'journal'))) markNotLive(j.id);
  return outcome;
}

for (const scenario of SCENARIOS) {
  test(`killed at every operation, recovered: ${scenario.name}`, async () => {
    // how many port operations one undisturbed run takes
    const probe = new World();
    const p = station(scenario, probe);
    await runUntilKilled(p, probe);
    await checkInvariants(p, `${scenario.name}, undisturbed`);
    const total = probe.ops;
    p.log.close();
    rmSync(p.dir, { recursive: true, force: true });
    assert.ok(total > 5, `an enrollment takes more than 5 operations (${total})`);

    for (const when of ['before', 'after'] as const) {
      for (let k = 1; k <= total; k++) {
        const world = new World();
        world.killAt = k;
        world.killWhen = when;
        const s = station(scenario, world);
        try {
          const outcome = await runUntilKilled(s, world);
          assert.equal(outcome, 'killed', `killed at op ${k} (${when})`);
          const label = `${scenario.name}: killed ${when} ${probe.trace[k - 1]} (#${k})`;
          // the restarted station, with nothing killing it
          const calm = new World();
          s.card = s.card.reconnect(calm);
          await recoverAll(s, calm);
          await checkInvariants(s, label);
        } finally {
          s.log.close();
          rmSync(s.dir, { recursive: true, force: true });
        }
      }
    }
  });
}

test('killed during recovery: the compensation itself is journaled and finished by the next recovery', async () => {
  const scenario = SCENARIOS[1] as Scenario; // the check fails; stop the run right after the CA issued
  const first = new World();
  const s = station(scenario, first);
  // kill right after ca.submit (the CA issued; the station never saw the answer's check)
  const probe = new World();
  const p = station(scenario, probe);
  await runUntilKilled(p, probe);
  const submitAt = probe.trace.indexOf('ca.submit') + 1;
  p.log.close();
  rmSync(p.dir, { recursive: true, force: true });
  first.killAt = submitAt;
  first.killWhen = 'after';
  assert.equal(await runUntilKilled(s, first), 'killed');

  // recovery resumes, the check fails, compensation starts: kill it at each of its operations
  for (let k = 1; k < 12; k++) {
    const world = new World();
    world.killAt = k;
    s.card = s.card.reconnect(world);
    const plans = journalPlans(path.join(s.dir, 'journal'));
    if (plans.length === 0) break;
    const run = recover(plans[0] as (typeof plans)[number], deps(s, world), inputs()).catch(() => undefined);
    await Promise.race([run, new Promise((r) => setTimeout(r, 150))]);
    for (const j of openJournals(path.join(s.dir, 'journal'))) markNotLive(j.id);
  }
  const calm = new World();
  s.card = s.card.reconnect(calm);
  await recoverAll(s, calm);
  await checkInvariants(s, 'compensation killed and resumed');
  s.log.close();
  rmSync(s.dir, { recursive: true, force: true });
});
