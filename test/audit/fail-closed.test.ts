// append() must throw a typed error whenever the record is not durably stored, and leave nothing
// half-written: the enrollment engine stops on that error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { event, openLog, tempDir, appendMany } from './fixtures.ts';
import { AuditError, AuditWriteError } from '../../core/audit/errors.ts';
import { SqliteAuditLog } from '../../core/audit/sqlite-log.ts';
import { loadCheckpointKey } from '../../core/audit/checkpoint-key.ts';

test('a closed log throws AUDIT_CLOSED', async () => {
  const t = tempDir();
  try {
    const log = openLog(t);
    await appendMany(log, 2);
    log.close();
    await assert.rejects(
      log.append(event()),
      (e: unknown) => e instanceof AuditError && e.code === 'AUDIT_CLOSED',
    );
    const again = openLog(t);
    assert.equal(again.lastSeq(), 2);
    again.close();
  } finally {
    t.remove();
  }
});

test('a database locked by another process → AuditWriteError after the busy timeout, nothing written', async () => {
  const t = tempDir();
  try {
    const log = openLog(t, { busyTimeoutMs: 200 });
    await appendMany(log, 3);
    const other = new DatabaseSync(t.file('audit.db'));
    other.exec('BEGIN EXCLUSIVE');
    await assert.rejects(
      log.append(event()),
      (e: unknown) =>
        e instanceof AuditWriteError && e.code === 'AUDIT_WRITE_FAILED' && /locked|busy/i.test(e.message),
    );
    other.exec('ROLLBACK');
    other.close();
    assert.equal(log.lastSeq(), 3);
    assert.equal((await log.append(event())).seq, 4, 'the log recovers when the lock is gone');
    assert.equal((await log.verify()).ok, true);
    log.close();
  } finally {
    t.remove();
  }
});

test('a read-only log refuses appends', async () => {
  const t = tempDir();
  try {
    openLog(t).close();
    const ro = new SqliteAuditLog({ path: t.file('audit.db'), readOnly: true });
    await assert.rejects(
      ro.append(event()),
      (e: unknown) => e instanceof AuditError && e.code === 'AUDIT_WRITE_FAILED',
    );
    ro.close();
  } finally {
    t.remove();
  }
});

test('an unusable location (a file where the directory should be) fails at open with a typed error', () => {
  const t = tempDir();
  try {
    writeFileSync(t.file('not-a-dir'), 'x');
    assert.throws(
      () =>
        new SqliteAuditLog({
          path: t.file('not-a-dir/audit.db'),
          stationId: 'kiosk-01',
          keyPath: t.file('k'),
        }),
      (e: unknown) => e instanceof AuditError && e.code === 'AUDIT_WRITE_FAILED',
    );
  } finally {
    t.remove();
  }
});

const isRoot = process.getuid?.() === 0;
test(
  'disk full (1 MiB tmpfs) → AuditWriteError, the partial transaction is rolled back, the chain stays valid',
  { skip: !isRoot && 'needs root to mount a tmpfs' },
  async () => {
    const t = tempDir();
    const mnt = t.file('small');
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt]);
    try {
      const log = new SqliteAuditLog({
        path: `${mnt}/audit.db`,
        keyPath: t.file('checkpoint.key'),
        stationId: 'kiosk-01',
        checkpointEvery: 50,
      });
      let failure: unknown;
      let written = 0;
      for (let i = 0; i < 20_000; i++) {
        try {
          await log.append(event({ reason: 'filling the disk ' + 'x'.repeat(400) }));
          written++;
        } catch (err) {
          failure = err;
          break;
        }
      }
      assert.ok(failure instanceof AuditWriteError, `expected a write failure, got ${String(failure)}`);
      assert.match((failure as Error).message, /full|disk|I\/O/i);
      assert.equal(log.lastSeq(), written, 'no half-written record');
      log.close();
      const reopened = new SqliteAuditLog({
        path: `${mnt}/audit.db`,
        readOnly: true,
        trustedPublicKey: loadCheckpointKey(t.file('checkpoint.key')).publicKey,
      });
      const v = await reopened.verify();
      assert.equal(v.ok, true, v.firstBreak?.message);
      assert.equal(v.lastRecordSeq, written);
      reopened.close();
    } finally {
      execFileSync('umount', ['-l', mnt]);
      t.remove();
    }
  },
);
