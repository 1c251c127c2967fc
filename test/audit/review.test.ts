import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { randomUUID } from 'node:crypto';
import { event, openForReview, openLog, tempDir } from './fixtures.ts';
import type { TempDir } from './fixtures.ts';
import { csvCell } from '../../core/audit/export.ts';
import type { JsonExport } from '../../core/audit/export.ts';

/** A tiny RFC 4180 parser, written independently of the exporter, to read the CSV back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

let clock = Date.parse('2025-03-01T08:00:00.000Z');
const tick = (): Date => new Date((clock += 60_000));

async function populated(t: TempDir): Promise<{ enrollmentId: string }> {
  const log = openLog(t, { clock: tick, checkpointEvery: 4 });
  const enrollmentId = randomUUID();
  await log.append(
    event({
      enrollmentId,
      action: 'ENROLLMENT_STARTED',
      outcome: 'started',
      targetUser: 'jdoe@corp.example',
      card: { edge: 'piv', serial: '5550001' },
    }),
  );
  await log.append(
    event({
      enrollmentId,
      action: 'CERT_DENIED',
      outcome: 'failure',
      errorCode: '0x80094012',
      reason: 'Denied by policy module, "template" not allowed',
      targetUser: 'jdoe@corp.example',
      card: { edge: 'piv', serial: '5550001' },
    }),
  );
  await log.append(
    event({
      operator: { upn: 'bob.admin@corp.example' },
      targetUser: 'asmith@corp.example',
      card: { edge: 'gids', serial: '7770002' },
    }),
  );
  await log.append(
    event({ reader: '=HYPERLINK("http://evil.example","x")', targetUser: 'asmith@corp.example' }),
  );
  await log.append(event({ reader: '@SUM(1+1)', targetUser: 'cmiller@corp.example' }));
  await log.append(event({ reader: '+cmd', targetUser: 'cmiller@corp.example', outcome: 'aborted' }));
  log.close();
  return { enrollmentId };
}

test('filters: time range, operator, target user, card, outcome, enrollment', async () => {
  const t = tempDir();
  try {
    const { enrollmentId } = await populated(t);
    const log = openLog(t);
    const seqs = async (f: Parameters<typeof log.query>[0]): Promise<number[]> =>
      (await log.query(f)).map((r) => r.seq);
    const all = await log.query();
    assert.deepEqual(
      await seqs({ from: all[1]!.ts, to: all[3]!.ts }),
      [2, 3],
      'from is inclusive, to exclusive',
    );
    assert.deepEqual(await seqs({ from: new Date(Date.parse(all[4]!.ts)) }), [5, 6]);
    assert.deepEqual(await seqs({ operatorUpn: 'bob.admin@corp.example' }), [3]);
    assert.deepEqual(await seqs({ targetUser: 'asmith@corp.example' }), [3, 4]);
    assert.deepEqual(await seqs({ card: '5550001' }), [1, 2]);
    assert.deepEqual(await seqs({ outcome: 'failure' }), [2]);
    assert.deepEqual(await seqs({ enrollmentId }), [1, 2]);
    assert.deepEqual(await seqs({ targetUser: 'cmiller@corp.example', outcome: 'aborted' }), [6]);
    assert.deepEqual(await seqs({ limit: 2 }), [1, 2]);
    log.close();
  } finally {
    t.remove();
  }
});

test('CSV export: RFC 4180 quoting, formula cells neutralised, per-row verification status', async () => {
  const t = tempDir();
  try {
    await populated(t);
    const log = openLog(t);
    const ex = await log.export('csv');
    assert.equal(ex.recordCount, 6);
    assert.equal(ex.verification.ok, true);
    assert.ok(ex.content.endsWith('\r\n'));
    const rows = parseCsv(ex.content);
    const header = rows[0]!;
    const col = (name: string): number => header.indexOf(name);
    assert.equal(rows.length, 7);
    assert.equal(rows[2]![col('reason')], 'Denied by policy module, "template" not allowed');
    assert.equal(rows[4]![col('reader')], '\'=HYPERLINK("http://evil.example","x")');
    assert.equal(rows[5]![col('reader')], "'@SUM(1+1)");
    assert.equal(rows[6]![col('reader')], "'+cmd");
    assert.deepEqual(
      rows.slice(1).map((r) => r[col('verification')]),
      Array(6).fill('verified-signed'),
      'every record carries its own signature',
    );
    assert.equal(csvCell('-2+3'), "'-2+3");
    assert.equal(csvCell('a\nb'), '"a\nb"');
    assert.equal(csvCell(null), '');
    log.close();
  } finally {
    t.remove();
  }
});

test('JSON export carries the verification of the exported range; a tampered log exports as broken', async () => {
  const t = tempDir();
  try {
    await populated(t);
    let log = openLog(t);
    const ok = JSON.parse(
      (await log.export('json', { targetUser: 'asmith@corp.example' })).content,
    ) as JsonExport;
    assert.equal(ok.format, 'station-audit-export/v1');
    assert.equal(ok.records.length, 2);
    assert.equal(ok.verification.ok, true);
    assert.equal(ok.filter.targetUser, 'asmith@corp.example');
    log.close();

    const db = new DatabaseSync(t.file('audit.db'));
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET outcome = 'success' WHERE seq = 2");
    db.close();
    log = openForReview(t);
    const bad = JSON.parse((await log.export('json', { fromSeq: 1, toSeq: 3 })).content) as JsonExport;
    assert.equal(bad.verification.ok, false);
    assert.deepEqual(
      [bad.verification.firstBreak?.seq, bad.verification.firstBreak?.kind],
      [2, 'edited-row'],
    );
    const csv = parseCsv((await log.export('csv', { fromSeq: 1, toSeq: 3 })).content);
    assert.deepEqual(
      csv.slice(1).map((r) => r.at(-1)),
      ['verified-signed', 'broken:edited-row', 'verified-signed'],
      'each row is proven on its own: the edit does not taint its neighbours',
    );
    log.close();
  } finally {
    t.remove();
  }
});
