// A crash during the PIN change itself (core/enrollment/engine.ts changePinInDoubt): the card holds
// the transport PIN or the holder's new one, which the station never keeps. With the holder there
// at recovery (the io gives a new PIN), the change is made again from the transport PIN: accepted,
// the first had not landed, and the card is proven with the new PIN; refused as a wrong PIN, it had
// landed, and the card keeps the PIN chosen before. A skip, or a card with one try left, changes
// and tries nothing. Fakes for the card and the CA; the journal and the signed log are real.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { SqliteAuditLog } from '../../core/audit/sqlite-log.ts';
import { enroll, type EnrollmentDeps, type EnrollmentIO } from '../../core/enrollment/engine.ts';
import { markNotLive, openJournals } from '../../core/enrollment/journal.ts';
import { PIV_PIN_POLICY } from '../../core/enrollment/pin-policy.ts';
import { journalPlans, recover } from '../../core/enrollment/recovery.ts';
import { Secret } from '../../core/enrollment/secret.ts';
import {
  FACTORY_ADMIN_KEY,
  FakeCa,
  FakeCard,
  fakeChecker,
  fakeRequests,
  MemoryKeyStore,
  World,
} from './fakes.ts';

const TRANSPORT = '12345678';
const FIRST_PIN = '24681357';
const RECOVERY_PIN = '97531864';

interface Rig {
  readonly dir: string;
  readonly log: SqliteAuditLog;
  readonly keys: MemoryKeyStore;
  readonly ca: FakeCa;
  card: FakeCard;
}

function rig(world: World): Rig {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pin-doubt-'));
  return {
    dir,
    log: new SqliteAuditLog({
      path: path.join(dir, 'audit.sqlite'),
      stationId: 'pin-doubt',
      keyPath: path.join(dir, 'audit.key'),
      checkpointEvery: 5,
    }),
    keys: new MemoryKeyStore(),
    ca: new FakeCa(world),
    card: new FakeCard(world, {}),
  };
}

function deps(r: Rig, io: EnrollmentIO): EnrollmentDeps {
  return {
    stationId: 'pin-doubt',
    card: r.card,
    ca: r.ca,
    requests: fakeRequests,
    check: fakeChecker,
    audit: r.log,
    keys: r.keys,
    journalDir: path.join(r.dir, 'journal'),
    io,
  };
}

const pinIO = (pin: string | 'skip'): EnrollmentIO => ({
  askNewPin: () => Promise.resolve(pin === 'skip' ? 'skip' : Secret.fromText(pin)),
});

const secrets = () => ({
  transportPin: Secret.fromText(TRANSPORT),
  transportPuk: Secret.fromText('12345678'),
  factoryAdminKey: Secret.fromBytes(new Uint8Array(Buffer.from(FACTORY_ADMIN_KEY, 'hex'))),
});

/** Runs a self-enrollment that dies at the card's PIN change, before or after its effect. */
async function killedAtPinChange(when: 'before' | 'after'): Promise<Rig> {
  const probe = new World();
  const p = rig(probe);
  await enroll(
    {
      ...secrets(),
      mode: 'self',
      requesterName: 'CORP\\alice',
      upn: 'alice@corp.example',
      template: 'SmartcardUser',
      keyAlgorithm: 'EC-P256',
      reissue: false,
      factoryPin: Secret.fromText('123456'),
      pinPolicy: PIV_PIN_POLICY,
    },
    deps(p, pinIO(FIRST_PIN)),
  );
  const at = probe.trace.indexOf('card.changePin') + 1;
  p.log.close();
  rmSync(p.dir, { recursive: true, force: true });
  assert.ok(at > 0, 'an enrollment changes the PIN');

  const world = new World();
  world.killAt = at;
  world.killWhen = when;
  const r = rig(world);
  const run = enroll(
    {
      ...secrets(),
      mode: 'self',
      requesterName: 'CORP\\alice',
      upn: 'alice@corp.example',
      template: 'SmartcardUser',
      keyAlgorithm: 'EC-P256',
      reissue: false,
      factoryPin: Secret.fromText('123456'),
      pinPolicy: PIV_PIN_POLICY,
    },
    deps(r, pinIO(FIRST_PIN)),
  ).then(() => 'finished');
  assert.equal(
    await Promise.race([run, new Promise((res) => setTimeout(() => res('killed'), 150))]),
    'killed',
  );
  for (const j of openJournals(path.join(r.dir, 'journal'))) markNotLive(j.id);
  const plans = journalPlans(path.join(r.dir, 'journal'));
  assert.equal(plans.length, 1);
  const state = plans[0]?.state;
  assert.equal(
    state?.readable === true ? state.inDoubt : undefined,
    'pin-change',
    'the PIN change is in doubt',
  );
  r.card = r.card.reconnect(new World());
  return r;
}

async function recoverWith(r: Rig, io: EnrollmentIO) {
  const plan = journalPlans(path.join(r.dir, 'journal'))[0];
  assert.ok(plan);
  return recover(plan, deps(r, io), { ...secrets(), pinPolicy: PIV_PIN_POLICY, decidedBy: 'test' });
}

const actions = (r: Rig): string[] => r.log.querySync({}, 10_000).map((e) => `${e.action}:${e.outcome}`);

test('killed before the change reached the card: recovery changes it to the PIN typed now and proves it', async () => {
  const r = await killedAtPinChange('before');
  try {
    assert.equal(r.card.state.pin, TRANSPORT);
    const result = await recoverWith(r, pinIO(RECOVERY_PIN));
    assert.equal(result.status, 'issued');
    assert.equal(r.card.state.pin, RECOVERY_PIN);
    assert.ok(actions(r).includes('CARD_PROVED:success'), actions(r).join());
    assert.equal(r.log.verifySync().ok, true);
  } finally {
    r.log.close();
    rmSync(r.dir, { recursive: true, force: true });
  }
});

test('killed after the change landed: the card keeps the PIN chosen before, issued, one try spent', async () => {
  const r = await killedAtPinChange('after');
  try {
    assert.equal(r.card.state.pin, FIRST_PIN);
    const tries = r.card.state.pinTries;
    const result = await recoverWith(r, pinIO(RECOVERY_PIN));
    assert.equal(result.status, 'issued');
    assert.equal(r.card.state.pin, FIRST_PIN, 'not changed again: the holder’s earlier PIN stays');
    assert.equal(r.card.state.pinTries, tries - 1, 'the one try the check cost');
    assert.ok(actions(r).includes('PIN_CHANGED:success'), actions(r).join());
    assert.ok(actions(r).includes('CARD_PROVED:aborted'), 'not proven: the station never had that PIN');
    assert.equal(r.log.verifySync().ok, true);
  } finally {
    r.log.close();
    rmSync(r.dir, { recursive: true, force: true });
  }
});

test('in doubt and skipped, or one try left: nothing is tried, the card ends "PIN not changed"', async () => {
  for (const setup of ['skip', 'one try left'] as const) {
    const r = await killedAtPinChange('before');
    try {
      if (setup === 'one try left') r.card.state.pinTries = 1;
      const tries = r.card.state.pinTries;
      const result = await recoverWith(r, pinIO(setup === 'skip' ? 'skip' : RECOVERY_PIN));
      assert.equal(result.status, 'issued-pin-not-changed', setup);
      assert.equal(r.card.state.pin, TRANSPORT, setup);
      assert.equal(r.card.state.pinTries, tries, `${setup}: no try spent`);
    } finally {
      r.log.close();
      rmSync(r.dir, { recursive: true, force: true });
    }
  }
});
