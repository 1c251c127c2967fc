import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { appendMany, event, openLog, tempDir } from './fixtures.ts';
import { GENESIS_HASH, canonicalRecord, checkpointMessage } from '../../core/audit/chain.ts';
import { loadOrCreateCheckpointKey, publicKeyPem } from '../../core/audit/checkpoint-key.ts';
import { AuditError } from '../../core/audit/errors.ts';

test('append assigns seq 1.., chains hashes from the genesis value and verifies', async () => {
  const t = tempDir();
  try {
    const log = openLog(t);
    const a = await log.append(event());
    const b = await log.append(event({ action: 'CARD_IDENTIFIED', certificate: undefined }));
    assert.equal(a.seq, 1);
    assert.equal(b.seq, 2);
    assert.equal(a.prevHash, log.genesisHash, 'record 1 chains to the signed genesis');
    assert.notEqual(a.prevHash, GENESIS_HASH);
    assert.equal(b.prevHash, a.hash);
    assert.match(a.recordId, /^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    assert.match(a.ts, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Independent oracle: sha256sum over the documented encoding gives the stored hash.
    const preimage = 'station-audit/v1\n' + a.prevHash + '\n' + canonicalRecord(a);
    const viaTool = execFileSync('sha256sum', { input: preimage }).toString().split(' ')[0];
    assert.equal(viaTool, a.hash);
    const v = await log.verify();
    assert.equal(v.ok, true);
    assert.equal(v.recordsChecked, 2);
    log.close();
  } finally {
    t.remove();
  }
});

test('the database refuses UPDATE and DELETE on the log and checkpoints', async () => {
  const t = tempDir();
  try {
    const log = openLog(t);
    await appendMany(log, 10);
    const other = new DatabaseSync(t.file('audit.db'));
    assert.throws(
      () => other.exec("UPDATE audit_log SET target_user = 'mallory@corp.example' WHERE seq = 3"),
      /append-only/,
    );
    assert.throws(() => other.exec('DELETE FROM audit_log WHERE seq = 10'), /append-only/);
    assert.throws(() => other.exec('DELETE FROM audit_checkpoint'), /append-only/);
    assert.throws(
      () => other.exec("UPDATE audit_meta SET value = '0' WHERE key = 'checkpoint_every'"),
      /write-once/,
    );
    other.close();
    assert.equal((await log.verify()).ok, true);
    log.close();
  } finally {
    t.remove();
  }
});

test('checkpoints every N records and on demand, signed with Ed25519 that openssl verifies', async () => {
  const t = tempDir();
  try {
    const log = openLog(t, { checkpointEvery: 5 });
    await appendMany(log, 12);
    const cps = log.checkpoints();
    assert.deepEqual(
      cps.map((c) => c.seq),
      [5, 10],
    );
    const onDemand = await log.checkpoint();
    assert.equal(onDemand?.seq, 12);
    assert.equal(
      (await log.checkpoint())?.seq,
      12,
      'a second on-demand checkpoint at the same head is the same one',
    );
    const v = await log.verify();
    assert.equal(v.ok, true);
    assert.equal(v.signedThroughSeq, 12);
    assert.equal(v.unsignedTail, 0);

    // openssl, not our code, checks the signature over the documented message.
    const cp = log.checkpoints().at(-1)!;
    writeFileSync(t.file('pub.pem'), publicKeyPem(log.publicKey!));
    writeFileSync(t.file('msg'), checkpointMessage(cp));
    writeFileSync(t.file('sig'), Buffer.from(cp.signature, 'base64'));
    const out = execFileSync('openssl', [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      t.file('pub.pem'),
      '-rawin',
      '-in',
      t.file('msg'),
      '-sigfile',
      t.file('sig'),
    ]).toString();
    assert.match(out, /Signature Verified Successfully/);
    const spki = execFileSync('openssl', ['pkey', '-pubin', '-in', t.file('pub.pem'), '-outform', 'DER']);
    assert.equal(createHash('sha256').update(spki).digest('hex'), cp.keyFingerprint);
    log.close();
  } finally {
    t.remove();
  }
});

test('the key file is created 0600, reused on reopen, and a permissive or different key is refused', async () => {
  const t = tempDir();
  try {
    const log = openLog(t);
    await appendMany(log, 3);
    const fp = log.keyFingerprint;
    log.close();
    assert.equal(statSync(t.file('keys/checkpoint.key')).mode & 0o777, 0o600);

    const again = openLog(t);
    assert.equal(again.keyFingerprint, fp);
    assert.equal((await again.append(event())).seq, 4);
    again.close();

    chmodSync(t.file('keys/checkpoint.key'), 0o644);
    assert.throws(
      () => openLog(t),
      (e: unknown) => e instanceof AuditError && e.code === 'AUDIT_KEY' && /0600/.test(e.message),
    );
    chmodSync(t.file('keys/checkpoint.key'), 0o600);

    // a log that exists needs its own key: a missing one is refused and no new key appears in its
    // place (the next start would otherwise fail on "not the key the log was created with")
    assert.throws(
      () => openLog(t, { keyPath: t.file('keys/other.key') }),
      (e: unknown) => e instanceof AuditError && e.code === 'AUDIT_KEY',
    );
    assert.equal(existsSync(t.file('keys/other.key')), false, 'no stray key file was created');
    // and a key that exists but is another one is refused too
    loadOrCreateCheckpointKey(t.file('keys/other.key'));
    assert.throws(
      () => openLog(t, { keyPath: t.file('keys/other.key') }),
      (e: unknown) => e instanceof AuditError && e.code === 'AUDIT_KEY' && /not the key/.test(e.message),
    );
    assert.throws(() => openLog(t, { stationId: 'kiosk-02' }), /belongs to station kiosk-01/);
  } finally {
    t.remove();
  }
});
