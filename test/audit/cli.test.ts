// `station audit …` through the real CLI (node cli/station.ts), on a station data folder laid out
// as the station lays it out (audit.sqlite with audit-signing.key beside it), attacked with the
// sqlite3 CLI. The auditor pins the key they took away with `station audit key`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { event, sqlite3 } from './fixtures.ts';
import { SqliteAuditLog } from '../../core/audit/sqlite-log.ts';
import { recordHash } from '../../core/audit/chain.ts';
import { column } from '../../core/audit/columns.ts';
import { RECORD_FIELDS } from '../../core/audit/record.ts';
import type { AuditRecord } from '../../core/audit/record.ts';
import { AUDIT_EXIT } from '../../cli/commands/audit.ts';
import { formatHead, parseHead } from '../../station/audit.ts';

const execFileP = promisify(execFile);
const CLI = new URL('../../cli/station.ts', import.meta.url).pathname;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function station(args: string[], asUser?: string): Promise<Run> {
  const node = [process.execPath, '--disable-warning=ExperimentalWarning', CLI, ...args];
  const [cmd, ...argv] = asUser
    ? ['setpriv', `--reuid=${asUser}`, '--regid=nogroup', '--clear-groups', ...node]
    : node;
  try {
    const { stdout, stderr } = await execFileP(cmd!, argv, { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

interface Station {
  dir: string;
  db: string;
  pem: string;
  /** `station audit <command> --db <db> --public-key <pem> …` on this station's log */
  audit(command: string, ...args: string[]): Promise<Run>;
  remove(): void;
}

async function stationWith(
  records: number,
  f: (i: number) => Parameters<typeof event>[0] = () => ({}),
): Promise<Station> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'station-audit-cli-'));
  const db = path.join(dir, 'audit.sqlite');
  const log = new SqliteAuditLog({
    path: db,
    keyPath: path.join(dir, 'audit-signing.key'),
    stationId: 'kiosk-01',
    checkpointEvery: 10,
  });
  for (let i = 0; i < records; i++) log.appendSync(event(f(i)));
  log.close();
  const pem = path.join(mkdtempSync(path.join(os.tmpdir(), 'auditor-')), 'kiosk-01.pub.pem');
  const key = await station(['audit', 'key', '--db', db, '--output', pem]);
  assert.equal(key.code, 0, key.stderr);
  return {
    dir,
    db,
    pem,
    audit: (command, ...args) => station(['audit', command, '--db', db, '--public-key', pem, ...args]),
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(path.dirname(pem), { recursive: true, force: true });
    },
  };
}

function forgeAfterHead(s: Station, targetUser: string): void {
  const log = new SqliteAuditLog({ path: s.db, readOnly: true });
  const prev = log.querySync({ fromSeq: log.lastSeq() })[0]!;
  log.close();
  const base = { ...prev, seq: prev.seq + 1, recordId: randomUUID(), targetUser };
  const r: AuditRecord = { ...base, prevHash: prev.hash, hash: recordHash(base, prev.hash) };
  const v = (x: string | number | null): string =>
    x === null ? 'NULL' : typeof x === 'number' ? String(x) : `'${x.replace(/'/g, "''")}'`;
  sqlite3(
    s.db,
    `INSERT INTO audit_log (${RECORD_FIELDS.map(column).join(', ')}) VALUES (${RECORD_FIELDS.map((f) => v(r[f])).join(', ')});`,
  );
}

const actions = (db: string): string[] =>
  sqlite3(db, 'SELECT action FROM audit_log ORDER BY seq;').trim().split('\n');

test('audit list: a header, aligned columns, every row proven; a forged row is marked and the exit is not 0', async () => {
  const s = await stationWith(12);
  try {
    const clean = await s.audit('list');
    assert.equal(clean.code, AUDIT_EXIT.ok, clean.stderr);
    const lines = clean.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^SEQ +TIME +ACTION +OUTCOME +USER +OPERATOR +CARD +REQID +PROOF$/);
    // aligned: every row's TIME column starts where the header's does
    const at = lines[0]!.indexOf('TIME');
    for (const l of lines.slice(1, 13)) assert.match(l.slice(at), /^\d{4}-\d\d-\d\dT/);
    assert.equal(lines.slice(1, 13).filter((l) => / ok$/.test(l)).length, 12);
    assert.match(clean.stdout, /rows 1–12 of the matches; no more match/);
    assert.match(clean.stdout, /proof of these rows: intact/);

    forgeAfterHead(s, 'mallory@corp.example');
    const forged = await s.audit('list', '--user', 'mallory@corp.example');
    assert.equal(forged.code, AUDIT_EXIT.notProven, forged.stdout);
    assert.match(forged.stdout, /^13 .*mallory@corp\.example.* UNSIGNED$/m);
    assert.match(forged.stdout, /proof of these rows: NOT PROVEN \(newer than the last signature\)/);

    // an edited row (hash left as it was) is named EDITED
    sqlite3(
      s.db,
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET outcome = 'failure' WHERE seq = 4;",
    );
    const edited = await s.audit('list', '--json');
    assert.equal(edited.code, AUDIT_EXIT.broken);
    const rows = edited.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { record?: { seq: number }; proof?: string })
      .filter((x) => x.record);
    assert.deepEqual(
      rows.map((x) => [x.record!.seq, x.proof]).filter(([, p]) => p !== 'signed'),
      [
        [4, 'edited'],
        [13, 'unsigned'],
      ],
    );
  } finally {
    s.remove();
  }
});

test('audit list pages with --limit/--offset and says when the output was cut', async () => {
  const s = await stationWith(30);
  try {
    const first = await s.audit('list', '--limit', '10');
    assert.equal(first.code, 0);
    assert.equal(first.stdout.split('\n').filter((l) => /^\d+ /.test(l)).length, 10);
    assert.match(
      first.stdout,
      /rows 1–10 of the matches; output cut, more match: next page with --after 10 \(or --offset 10\)/,
    );
    const byAfter = await s.audit('list', '--limit', '10', '--after', '25');
    assert.deepEqual(
      byAfter.stdout
        .split('\n')
        .filter((l) => /^\d+ /.test(l))
        .map((l) => Number(l.split(' ')[0])),
      [26, 27, 28, 29, 30],
    );
    assert.match(byAfter.stdout, /rows 1–5 of the matches after seq 25; no more match/);
    const last = await s.audit('list', '--limit', '10', '--offset', '20');
    assert.deepEqual(
      last.stdout
        .split('\n')
        .filter((l) => /^\d+ /.test(l))
        .map((l) => Number(l.split(' ')[0])),
      Array.from({ length: 10 }, (_, i) => 21 + i),
    );
    assert.match(last.stdout, /rows 21–30 of the matches; no more match/);
    const bad = await station(['audit', 'list', '--db', s.db, '--limit', '0']);
    assert.equal(bad.code, AUDIT_EXIT.usage);
    const stray = await station(['audit', 'list', '--db', s.db, '--pin-not-changed']);
    assert.equal(stray.code, AUDIT_EXIT.usage);
    assert.match(stray.stderr, /USAGE_UNKNOWN_OPTION/);
    assert.match(stray.stderr, /"audit list" does not take the option --pin-not-changed/);
    const both = await station(['audit', 'list', '--db', s.db, '--after', '3', '--offset', '2']);
    assert.equal(both.code, AUDIT_EXIT.usage);
    assert.match(both.stderr, /USAGE_CONFLICTING_OPTIONS/);
    const ko = await station(['audit', 'list', '--db', s.db, '--outcome', 'maybe', '--lang', 'ko']);
    assert.equal(ko.code, AUDIT_EXIT.usage);
    assert.match(ko.stderr, /--outcome에 지정한 값이 올바르지 않습니다/);
  } finally {
    s.remove();
  }
});

test('audit verify and export are themselves audited, and the log still verifies after each', async () => {
  const s = await stationWith(5);
  try {
    const v = await s.audit('verify');
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /log intact: 5 records/);
    assert.match(v.stdout, /this verification was recorded in the log as seq 6/);
    const e = await s.audit('export', '--format', 'csv');
    assert.equal(e.code, 0, e.stderr);
    assert.match(e.stderr, /exported 6 records; proof of the exported rows: intact/);
    assert.match(e.stderr, /this export was recorded in the log as seq 7/);
    assert.deepEqual(actions(s.db).slice(5), ['LOG_VERIFIED', 'LOG_EXPORTED']);
    const again = await s.audit('verify', '--json');
    assert.equal(again.code, 0);
    const verdict = again.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { verdict?: string; verification?: { recordsChecked: number } })
      .find((x) => x.verdict);
    assert.deepEqual([verdict?.verdict, verdict?.verification?.recordsChecked], ['intact', 7]);
    const recorded = sqlite3(
      s.db,
      "SELECT outcome || ' ' || error_code FROM audit_log WHERE seq = 6;",
    ).trim();
    assert.equal(recorded, 'success intact');
  } finally {
    s.remove();
  }
});

test('a read-only auditor verifies a copy with the pinned key; the verification says it was not recorded', async () => {
  const s = await stationWith(8);
  const copyDir = mkdtempSync(path.join(os.tmpdir(), 'auditor-copy-'));
  try {
    chmodSync(copyDir, 0o755);
    const copy = path.join(copyDir, 'audit.sqlite');
    sqlite3(s.db, `VACUUM INTO '${copy}';`);
    copyFileSync(path.join(s.dir, 'audit-signing.key'), path.join(copyDir, 'audit-signing.key'));
    chmodSync(copy, 0o644);
    chmodSync(s.pem, 0o644);
    chmodSync(path.dirname(s.pem), 0o755);
    const before = readFileSync(copy);
    const v = await station(['audit', 'verify', '--db', copy, '--public-key', s.pem], 'nobody');
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /log intact: 8 records/);
    assert.match(v.stdout, /this verification was NOT recorded in the log: .*checkpoint key/);
    assert.deepEqual(readFileSync(copy), before, 'the copy is unchanged');
    assert.equal(existsSync(`${copy}.anchor`), false);
  } finally {
    s.remove();
    rmSync(copyDir, { recursive: true, force: true });
  }
});

test('the head the auditor recorded catches a roll-back to an older copy; --head-file keeps it between reviews', async () => {
  const s = await stationWith(10);
  try {
    const headFile = path.join(path.dirname(s.pem), 'kiosk-01.head');
    const first = await s.audit('verify', '--head-file', headFile);
    assert.equal(first.code, 0, first.stdout);
    const recorded = parseHead(readFileSync(headFile, 'utf8'));
    assert.equal(recorded.seq, 10, 'the head before this verification recorded itself');
    assert.match(first.stdout, new RegExp(`head ${formatHead(recorded)}`));
    // the attacker restores a copy taken before the last review, without the newer records
    sqlite3(s.db, `VACUUM INTO '${path.join(s.dir, 'old.sqlite')}';`);
    const log = new SqliteAuditLog({ path: s.db, keyPath: path.join(s.dir, 'audit-signing.key') });
    for (let i = 0; i < 3; i++) log.appendSync(event());
    log.close();
    const second = await s.audit('verify', '--head-file', headFile);
    assert.equal(second.code, 0, second.stdout);
    assert.equal(parseHead(readFileSync(headFile, 'utf8')).seq, 14, 'moved on to the new head');
    for (const f of ['audit.sqlite-wal', 'audit.sqlite-shm']) rmSync(path.join(s.dir, f), { force: true });
    copyFileSync(path.join(s.dir, 'old.sqlite'), s.db);
    const alone = await s.audit('verify');
    assert.equal(alone.code, 0, 'the older copy is consistent in itself');
    const rolled = await s.audit('verify', '--head-file', headFile);
    assert.equal(rolled.code, AUDIT_EXIT.broken, rolled.stdout);
    assert.match(rolled.stdout, /BROKEN at seq 1[2-5]: truncated-tail/);
    assert.match(rolled.stdout, /does NOT match/);
    const explicit = await s.audit('verify', '--expect-head', `14:${'0'.repeat(64)}`);
    assert.equal(explicit.code, AUDIT_EXIT.broken);
  } finally {
    s.remove();
  }
});

test('audit verify: not-proven verdicts have their own words and exit code', async () => {
  const s = await stationWith(3);
  try {
    forgeAfterHead(s, 'mallory@corp.example');
    const v = await s.audit('verify');
    assert.equal(v.code, AUDIT_EXIT.notProven, v.stdout);
    assert.match(v.stdout, /log NOT PROVEN: records 4–4 are newer than the last valid signature \(seq 3\)/);
    assert.match(v.stdout, /NOT recorded in the log: .*not signed by this station/);
    const changed = await s.audit('verify', '--station', 'kiosk-02');
    assert.equal(changed.code, AUDIT_EXIT.broken);
    assert.match(
      changed.stdout,
      /BROKEN at seq 0: bad-genesis — the signed genesis is missing, forged, rewritten or of another station\nproblem: the log belongs to station kiosk-01, not kiosk-02/,
    );
  } finally {
    s.remove();
  }
});

test('audit cards verifies the whole log first and marks the cards whose state rests on what does not verify', async () => {
  const enrollment = (serial: string, user: string) => {
    const id = randomUUID();
    return [
      {
        enrollmentId: id,
        action: 'CARD_IDENTIFIED' as const,
        outcome: 'success' as const,
        targetUser: user,
        card: { edge: 'piv' as const, serial },
      },
      {
        enrollmentId: id,
        action: 'ENROLLMENT_FINISHED' as const,
        outcome: 'success' as const,
        targetUser: user,
        card: { edge: 'piv' as const, serial },
      },
    ];
  };
  const evs = [
    ...enrollment('111', 'a@corp.example'),
    ...enrollment('222', 'b@corp.example'),
    ...enrollment('333', 'c@corp.example'),
  ];
  const s = await stationWith(evs.length, (i) => evs[i]!);
  try {
    const ok = await s.audit('cards');
    assert.equal(ok.code, 0, ok.stdout);
    assert.match(ok.stdout, /^CARD +STATE +HOLDER +SINCE +CERTIFICATE +PROOF$/m);
    assert.equal(ok.stdout.split('\n').filter((l) => /^\d+ +issued .* ok$/.test(l)).length, 3);
    sqlite3(
      s.db,
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET target_user = 'm@corp.example' WHERE seq = 3;",
    );
    const bad = await s.audit('cards');
    assert.equal(bad.code, AUDIT_EXIT.broken);
    assert.match(bad.stdout, /^111 +issued .* ok$/m);
    assert.match(bad.stdout, /^222 .* UNVERIFIED$/m);
    assert.match(bad.stdout, /^333 .* UNVERIFIED$/m);
    assert.match(bad.stdout, /log BROKEN at seq 3: edited-row/);
  } finally {
    s.remove();
  }
});

test('--db names a missing file: an error, and no log is created there', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'station-audit-none-'));
  try {
    writeFileSync(path.join(dir, 'x.pem'), '');
    const r = await station([
      'audit',
      'list',
      '--db',
      path.join(dir, 'audit.sqlite'),
      '--public-key',
      path.join(dir, 'x.pem'),
    ]);
    assert.equal(r.code, AUDIT_EXIT.error);
    assert.equal(existsSync(path.join(dir, 'audit.sqlite')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
