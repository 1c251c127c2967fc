// An attacker with the database file: drops the triggers (as anyone with the file can), then
// edits, deletes, truncates or rewrites. verify() must name the first broken record and the kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, sign } from 'node:crypto';
import { appendMany, openForReview, openLog, tempDir } from './fixtures.ts';
import type { TempDir } from './fixtures.ts';
import { recordHash, GENESIS_HASH, checkpointMessage } from '../../core/audit/chain.ts';
import { checkpointFromRow, recordFromRow } from '../../core/audit/columns.ts';
import type { Row } from '../../core/audit/columns.ts';
import type { VerifyResult } from '../../core/audit/verify.ts';

/** 25 records, checkpoints at 10 and 20; returns a second, trigger-free connection. */
async function attackedLog(t: TempDir): Promise<DatabaseSync> {
  const log = openLog(t, { checkpointEvery: 10 });
  await appendMany(log, 25);
  assert.equal((await log.verify()).ok, true);
  log.close();
  const db = new DatabaseSync(t.file('audit.db'));
  db.exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
           DROP TRIGGER audit_checkpoint_no_update; DROP TRIGGER audit_checkpoint_no_delete;`);
  return db;
}

async function verifyAfter(t: TempDir): Promise<VerifyResult> {
  const log = openForReview(t);
  try {
    return await log.verify();
  } finally {
    log.close();
  }
}

/** Re-hashes every record from `from` on, as an attacker hiding an edit would. */
function rechain(db: DatabaseSync, from: number): void {
  const rows = db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(from) as Row[];
  const before = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(from - 1) as Row | undefined;
  let prev = before ? String(before.hash) : GENESIS_HASH;
  const upd = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const row of rows) {
    const r = recordFromRow(row);
    const h = recordHash(r, prev);
    upd.run(prev, h, r.seq);
    prev = h;
  }
}

async function scenario(
  name: string,
  attack: (db: DatabaseSync, t: TempDir) => void,
  expected: { seq: number; kind: string },
): Promise<void> {
  await test(name, async () => {
    const t = tempDir();
    try {
      const db = await attackedLog(t);
      attack(db, t);
      db.close();
      const v = await verifyAfter(t);
      assert.equal(v.ok, false);
      assert.deepEqual({ seq: v.firstBreak?.seq, kind: v.firstBreak?.kind }, expected, v.firstBreak?.message);
    } finally {
      t.remove();
    }
  });
}

await scenario(
  'edited row (triggers dropped, target user changed) → edited-row at that seq',
  (db) => db.exec("UPDATE audit_log SET target_user = 'mallory@corp.example' WHERE seq = 7"),
  { seq: 7, kind: 'edited-row' },
);

await scenario(
  'deleted row → sequence-gap naming the missing seq',
  (db) => db.exec('DELETE FROM audit_log WHERE seq = 13'),
  { seq: 13, kind: 'sequence-gap' },
);

await scenario(
  'deleted row with the rest renumbered → break at the deleted seq',
  (db) => {
    db.exec('DELETE FROM audit_log WHERE seq = 13');
    for (let s = 14; s <= 25; s++) db.exec(`UPDATE audit_log SET seq = ${s - 1} WHERE seq = ${s}`);
  },
  { seq: 13, kind: 'edited-row' },
);

await scenario(
  'deleted row, renumbered and re-hashed (consistent rewrite) → the signed checkpoint exposes it',
  (db) => {
    db.exec('DELETE FROM audit_log WHERE seq = 13');
    for (let s = 14; s <= 25; s++) db.exec(`UPDATE audit_log SET seq = ${s - 1} WHERE seq = ${s}`);
    rechain(db, 13);
  },
  { seq: 20, kind: 'checkpoint-mismatch' },
);

await scenario(
  'edited row re-hashed to the end → checkpoint-mismatch at the first checkpoint after the edit',
  (db) => {
    db.exec("UPDATE audit_log SET outcome = 'failure' WHERE seq = 4");
    rechain(db, 4);
  },
  { seq: 10, kind: 'checkpoint-mismatch' },
);

await scenario(
  'tail truncated past a checkpoint → truncated-tail at the first missing record',
  (db) => db.exec('DELETE FROM audit_log WHERE seq > 18'),
  {
    seq: 19,
    kind: 'truncated-tail',
  },
);

await scenario(
  'checkpoint rows deleted and the tail rewritten → missing-checkpoint',
  (db) => {
    db.exec('DELETE FROM audit_checkpoint WHERE seq = 20');
    db.exec("UPDATE audit_log SET target_user = 'mallory@corp.example' WHERE seq = 16");
    rechain(db, 16);
  },
  { seq: 20, kind: 'missing-checkpoint' },
);

await scenario(
  'forged checkpoint (attacker re-signs a rewrite with their own key) → bad-checkpoint-signature',
  (db) => {
    db.exec("UPDATE audit_log SET target_user = 'mallory@corp.example' WHERE seq = 16");
    rechain(db, 16);
    const row = db.prepare('SELECT hash FROM audit_log WHERE seq = 20').get() as Row;
    const cp = checkpointFromRow(db.prepare('SELECT * FROM audit_checkpoint WHERE seq = 20').get() as Row);
    const forged = { ...cp, hash: String(row.hash) };
    const { privateKey } = generateKeyPairSync('ed25519');
    const signature = sign(null, checkpointMessage(forged), privateKey).toString('base64');
    db.prepare('UPDATE audit_checkpoint SET hash = ?, signature = ? WHERE seq = 20').run(
      forged.hash,
      signature,
    );
  },
  { seq: 20, kind: 'bad-checkpoint-signature' },
);

await test('raw byte edit of the database file → edited-row at the record that held the bytes', async () => {
  const t = tempDir();
  try {
    const db = await attackedLog(t);
    const id = String((db.prepare('SELECT record_id FROM audit_log WHERE seq = 9').get() as Row).record_id);
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    db.close();
    const file = readFileSync(t.file('audit.db'));
    const at = file.indexOf(Buffer.from(id));
    assert.ok(at > 0, 'record 9 is in the main database file after the WAL checkpoint');
    assert.equal(file.indexOf(Buffer.from(id), at + 1), -1);
    // flip one hex digit of its record id, in place, as a hex editor would
    file[at + 35] = file[at + 35] === 0x30 ? 0x31 : 0x30;
    writeFileSync(t.file('audit.db'), file);
    const hit = 9;
    const v = await verifyAfter(t);
    assert.equal(v.ok, false);
    assert.equal(v.firstBreak?.kind, 'edited-row');
    assert.equal(v.firstBreak?.seq, hit);
  } finally {
    t.remove();
  }
});

await test('truncation that also removes the covering checkpoints is caught by an external anchor', async () => {
  const t = tempDir();
  try {
    const db = await attackedLog(t);
    const anchor = db.prepare('SELECT seq, hash FROM audit_log WHERE seq = 25').get() as Row;
    db.exec(`DROP TRIGGER audit_signature_no_delete; DELETE FROM audit_log WHERE seq > 15;
             DELETE FROM audit_checkpoint WHERE seq > 15; DELETE FROM audit_signature WHERE seq > 15`);
    db.close();
    const log = openForReview(t);
    assert.equal((await log.verify()).ok, true, 'locally consistent: nothing inside the file can tell');
    const v = await log.verify({ anchors: [{ seq: Number(anchor.seq), hash: String(anchor.hash) }] });
    assert.deepEqual([v.firstBreak?.seq, v.firstBreak?.kind], [16, 'truncated-tail']);
    log.close();
  } finally {
    t.remove();
  }
});

await test('a range verify reports breaks inside the range and is clean outside it', async () => {
  const t = tempDir();
  try {
    const db = await attackedLog(t);
    db.exec("UPDATE audit_log SET reason = 'edited' WHERE seq = 17");
    db.close();
    const log = openForReview(t);
    const early = await log.verify({ fromSeq: 1, toSeq: 9 });
    assert.equal(early.ok, true);
    assert.equal(early.toSeq, 9, 'every record is signed, so the range ends where asked');
    assert.equal(early.signedThroughSeq, 9);
    const late = await log.verify({ fromSeq: 12, toSeq: 19 });
    assert.deepEqual([late.firstBreak?.seq, late.firstBreak?.kind], [17, 'edited-row']);
    log.close();
  } finally {
    t.remove();
  }
});
