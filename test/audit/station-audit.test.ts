// The use cases of station/audit.ts as the kiosk calls them (typed results, nothing printed).
// The central copy is reached through its head() and verify() ports; the real PostgreSQL, reachable and not,
// is exercised in test/audit/postgres.test.ts and test/e2e/central-log.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendMany, openLog, tempDir } from './fixtures.ts';
import { publicKeyPem } from '../../core/audit/checkpoint-key.ts';
import { listRecords, verifyLog, type CentralAnchorInput, type ChainAnchor } from '../../station/audit.ts';

test('verifyLog: an unreachable central copy makes an intact log "anchor-unavailable", never intact', async () => {
  const t = tempDir();
  try {
    const log = openLog(t);
    await appendMany(log, 12);
    const pem = publicKeyPem(log.publicKey!);
    const head = { seq: 12, hash: log.querySync({ fromSeq: 12 })[0]!.hash };
    // the central copy's own chain, as a faithful copy would verify (the local walk stands in)
    const own = log.verifySync();
    const copy = (h: ChainAnchor | null): CentralAnchorInput => ({
      head: () => Promise.resolve(h),
      verify: () => Promise.resolve(own),
    });
    log.close();
    const source = { db: t.file('audit.db'), publicKeyPem: pem, record: false };
    const away = await verifyLog({
      ...source,
      central: {
        head: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
        verify: () => Promise.reject(new Error('not asked: the head was unreachable')),
      },
    });
    assert.equal(away.verdict, 'anchor-unavailable');
    assert.equal(away.verification.verdict, 'intact', 'the local proof itself holds');
    assert.deepEqual(away.central, { state: 'unreachable', error: 'connect ECONNREFUSED 127.0.0.1:5432' });
    assert.deepEqual(away.centralCopy, {
      state: 'unreachable',
      error: 'connect ECONNREFUSED 127.0.0.1:5432',
    });
    const empty = await verifyLog({ ...source, central: copy(null) });
    assert.equal(empty.verdict, 'anchor-unavailable', 'a central copy that holds nothing anchors nothing');
    const used = await verifyLog({ ...source, central: copy(head) });
    assert.equal(used.verdict, 'intact');
    assert.equal(used.verification.anchorsMatched, 1);
    assert.deepEqual(used.centralCopy, {
      state: 'checked',
      verdict: 'intact',
      firstBreak: null,
      recordsChecked: 12,
      signedThroughSeq: 12,
      lastRecordSeq: 12,
      behind: 0,
    });
    // the head answered, the walk of the central chain did not: not the proof asked for
    const cutOff = await verifyLog({
      ...source,
      central: {
        head: () => Promise.resolve(head),
        verify: () => Promise.reject(new Error('connection lost')),
      },
    });
    assert.equal(cutOff.verdict, 'anchor-unavailable');
    assert.deepEqual(cutOff.centralCopy, { state: 'unreachable', error: 'connection lost' });
    const ahead = await verifyLog({
      ...source,
      central: copy({ seq: 20, hash: 'a'.repeat(64) }),
    });
    assert.deepEqual([ahead.verdict, ahead.verification.firstBreak?.kind], ['broken', 'truncated-tail']);
    const expected = await verifyLog({ ...source, expectHead: { seq: 5, hash: 'b'.repeat(64) } });
    assert.deepEqual([expected.verdict, expected.expectedHeadCheck], ['broken', 'mismatch']);
  } finally {
    t.remove();
  }
});

test('listRecords: a page, whether more follow, and the proof of the rows returned', async () => {
  const t = tempDir();
  try {
    const log = openLog(t);
    await appendMany(log, 7, (i) => ({ targetUser: i % 2 ? 'odd@corp.example' : 'even@corp.example' }));
    const pem = publicKeyPem(log.publicKey!);
    log.close();
    const page = listRecords({
      db: t.file('audit.db'),
      publicKeyPem: pem,
      filter: { targetUser: 'even@corp.example' },
      limit: 3,
    });
    assert.deepEqual(
      page.rows.map((r) => [r.record.seq, r.proof]),
      [
        [1, 'signed'],
        [3, 'signed'],
        [5, 'signed'],
      ],
    );
    assert.equal(page.more, true);
    assert.equal(page.verdict, 'intact');
    const rest = listRecords({
      db: t.file('audit.db'),
      publicKeyPem: pem,
      filter: { targetUser: 'even@corp.example' },
      limit: 3,
      offset: 3,
    });
    assert.deepEqual(
      rest.rows.map((r) => r.record.seq),
      [7],
    );
    assert.equal(rest.more, false);
  } finally {
    t.remove();
  }
});
