// `station audit verify | list | export | cards | key | forward`: parses the arguments, calls the
// use cases in station/audit.ts and formats their results. Every word a person reads comes from the
// catalogs (core/i18n/audit.ts; usage mistakes are the catalog's USAGE_* errors, exit 2); record
// fields (seq, time, action codes, serials, ReqIDs, hashes) are shown as they are.
import { existsSync, writeFileSync } from 'node:fs';
import stringWidth from 'string-width';
import type { StationConfig } from '../../core/config/config.ts';
import { StationError } from '../../core/errors/catalog.ts';
// station/audit.ts, not the station/index.ts barrel: the barrel loads the enrollment stack too,
// and an auditor's query must start fast
import {
  AUDIT_OUTCOMES,
  type AuditFilter,
  type AuditOutcome,
  type AuditRecord,
  type ChainAnchor,
  type RowProof,
  type VerifyResult,
  checkpointKey,
  cardsReport,
  exportRecords,
  formatHead,
  forwardLog,
  listRecords,
  parseHead,
  readPublicKeyFile,
  verifyLog,
  type CentralAnchorInput,
  type CentralCopyCheck,
  type KeySource,
  type LogSource,
  type LogVerdict,
  type ReviewRecord,
  type VerifyReport,
} from '../../station/audit.ts';
import { explainCode } from '../../core/errors/explain.ts';
import { printLine, say, word, type Output } from '../output.ts';

/** Exit codes of `station audit …` (also in docs/audit-log.md). */
export const AUDIT_EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  broken: 3,
  backlog: 4,
  notProven: 5,
  anchorUnavailable: 6,
} as const;

const short = (h: string): string => `${h.slice(0, 16)}…`;

/** The one-line verdict of a verification, in the output's language. */
function verdictLine(out: Output, verdict: LogVerdict, v: VerifyResult): string {
  switch (verdict) {
    case 'intact':
      return say(out, 'audit.verdict.intact', {
        records: v.recordsChecked,
        toSeq: v.toSeq,
        fingerprint: short(v.keyFingerprint),
      });
    case 'broken': {
      const kind = v.firstBreak?.kind ?? 'edited-row';
      return say(out, 'audit.verdict.broken', {
        seq: v.firstBreak?.seq ?? '?',
        kind,
        what: say(out, `audit.break.${kind}`),
      });
    }
    case 'empty':
      return say(out, 'audit.verdict.empty');
    case 'nothing-signed':
      return say(out, 'audit.verdict.nothingSigned', { records: v.lastRecordSeq });
    case 'unsigned-tail':
      return say(out, 'audit.verdict.unsignedTail', {
        from: v.signedThroughSeq + 1,
        to: v.toSeq,
        signedThrough: v.signedThroughSeq,
      });
    case 'anchor-unavailable':
      return say(out, 'audit.verdict.anchorUnavailable', { records: v.recordsChecked });
  }
}

/** Whether the review was itself recorded, and if not why, in the output's language. */
function reviewLine(out: Output, r: ReviewRecord, what: 'verification' | 'export'): string {
  if (r.recorded) return say(out, 'audit.review.recorded', { what, seq: r.seq });
  const why =
    r.why === 'refused'
      ? explainCode(r.errorCode ?? 'INTERNAL', r.details ?? {}, out.language, 'cli').message
      : say(out, `audit.review.why.${r.why}`);
  return say(out, 'audit.review.notRecorded', { what, why });
}

const LIST_COLUMNS = [
  'seq',
  'time',
  'action',
  'outcome',
  'user',
  'operator',
  'card',
  'reqId',
  'proof',
] as const;
const CARD_COLUMNS = ['card', 'state', 'holder', 'since', 'certificate', 'proof'] as const;
const titles = (
  out: Output,
  columns: readonly (typeof LIST_COLUMNS | typeof CARD_COLUMNS)[number][],
): string[] => columns.map((c) => say(out, `audit.col.${c}`));

/** The options cli/station.ts parses for `audit` (its table lists the same names). */
interface Values {
  readonly json?: boolean;
  readonly lang?: string;
  readonly help?: boolean;
  readonly db?: string;
  readonly config?: string;
  readonly 'public-key'?: string;
  readonly station?: string;
  readonly 'expect-head'?: string;
  readonly 'head-file'?: string;
  readonly from?: string;
  readonly to?: string;
  readonly operator?: string;
  readonly user?: string;
  readonly card?: string;
  readonly outcome?: string;
  readonly limit?: string;
  readonly offset?: string;
  readonly after?: string;
  readonly format?: string;
  readonly output?: string;
  readonly 'pin-not-changed'?: boolean;
}

const COMMON = ['json', 'lang', 'help'];
const SOURCE = ['db', 'config', 'public-key', 'station'];
const FILTERS = ['from', 'to', 'operator', 'user', 'card', 'outcome'];
const ALLOWED: Record<string, readonly string[]> = {
  verify: [...COMMON, ...SOURCE, 'expect-head', 'head-file'],
  list: [...COMMON, ...SOURCE, ...FILTERS, 'limit', 'offset', 'after'],
  export: [...COMMON, ...SOURCE, ...FILTERS, 'format', 'output'],
  cards: [...COMMON, ...SOURCE, 'pin-not-changed'],
  key: [...COMMON, 'db', 'config', 'output'],
  forward: [...COMMON, 'config'],
};

function filterOf(a: Values): AuditFilter {
  if (a.outcome !== undefined && !(AUDIT_OUTCOMES as readonly string[]).includes(a.outcome))
    throw new StationError('USAGE_BAD_VALUE', { option: '--outcome', expected: AUDIT_OUTCOMES.join(', ') });
  for (const [k, v] of [
    ['--from', a.from],
    ['--to', a.to],
  ] as const)
    if (v !== undefined && Number.isNaN(Date.parse(v)))
      throw new StationError('USAGE_BAD_VALUE', { option: k, expected: '2026-11-23T00:00:00Z' });
  return {
    ...(a.from === undefined ? {} : { from: a.from }),
    ...(a.to === undefined ? {} : { to: a.to }),
    ...(a.operator === undefined ? {} : { operatorUpn: a.operator }),
    ...(a.user === undefined ? {} : { targetUser: a.user }),
    ...(a.card === undefined ? {} : { card: a.card }),
    ...(a.outcome === undefined ? {} : { outcome: a.outcome as AuditOutcome }),
  };
}

function count(v: string | undefined, flag: '--limit' | '--offset' | '--after'): number | undefined {
  if (v === undefined) return undefined;
  const n = /^\d{1,9}$/.test(v) ? Number(v) : NaN;
  if (Number.isNaN(n) || (flag === '--limit' && (n < 1 || n > 10_000)))
    throw new StationError('USAGE_BAD_VALUE', {
      option: flag,
      expected: flag === '--limit' ? '1…10000' : '0, 1, 2…',
    });
  return n;
}

/** --config FILE, or the file STATION_CONFIG names; undefined when neither is given. */
async function configOf(a: Values): Promise<StationConfig | undefined> {
  if (a.config === undefined && !process.env.STATION_CONFIG) return undefined;
  const { configFrom } = await import('../config-arg.ts');
  return configFrom(a as Record<string, string | boolean | undefined>);
}

async function dbOf(a: Values, sub: string): Promise<string> {
  if (a.db !== undefined) return a.db;
  const config = await configOf(a);
  if (config === undefined)
    throw new StationError('USAGE_MISSING_OPTION', {
      command: `audit ${sub}`,
      option: '--db FILE / --config FILE / STATION_CONFIG',
    });
  const { stationPaths } = await import('../../core/config/config.ts');
  return stationPaths(config).auditDb;
}

async function sourceOf(a: Values, sub: string, out: Output): Promise<LogSource> {
  const db = await dbOf(a, sub);
  if (a['public-key'] === undefined && !out.json)
    process.stderr.write(say(out, 'audit.stationKeyNote', { db }) + '\n');
  return {
    db,
    ...(a['public-key'] === undefined ? {} : { publicKeyPem: readPublicKeyFile(a['public-key']) }),
    ...(a.station === undefined ? {} : { stationId: a.station }),
  };
}

/**
 * Columns padded to the widest cell of the page (no padding after the last). Widths are terminal
 * columns (string-width): a Hangul or Han character takes two, so titles and states in ko/zh align.
 */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i]!))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - stringWidth(c))))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function listRow(out: Output, r: AuditRecord, proof: RowProof): string[] {
  return [
    String(r.seq),
    r.ts,
    r.action,
    word(out, 'audit.outcome.', r.outcome) + (r.errorCode ? ` ${r.errorCode}` : ''),
    r.targetUser ?? '-',
    r.operatorUpn ?? '-',
    r.cardSerial ?? r.cardGuid ?? '-',
    r.caRequestId === null ? '-' : String(r.caRequestId),
    word(out, 'audit.proof.', proof),
  ];
}

export function exitFor(verdict: LogVerdict): number {
  switch (verdict) {
    case 'intact':
      return AUDIT_EXIT.ok;
    case 'broken':
      return AUDIT_EXIT.broken;
    case 'anchor-unavailable':
      return AUDIT_EXIT.anchorUnavailable;
    default:
      return AUDIT_EXIT.notProven;
  }
}

/** The second verdict (the central copy's own chain) and, when it is behind, by how much. */
function centralCopyLines(out: Output, c: CentralCopyCheck): string[] {
  switch (c.state) {
    case 'not-configured':
      return [];
    case 'unreachable':
      return [say(out, 'audit.centralCopy.unreachable')];
    case 'checked': {
      const lines = [centralCopyVerdict(out, c)];
      if (c.behind > 0)
        lines.push(say(out, 'audit.centralCopy.behind', { count: c.behind, seq: c.lastRecordSeq }));
      return lines;
    }
  }
}

function centralCopyVerdict(out: Output, c: Extract<CentralCopyCheck, { state: 'checked' }>): string {
  switch (c.verdict) {
    case 'intact':
      return say(out, 'audit.centralCopy.intact', { records: c.recordsChecked, seq: c.lastRecordSeq });
    case 'broken': {
      const kind = c.firstBreak?.kind ?? 'edited-row';
      return say(out, 'audit.centralCopy.broken', {
        seq: c.firstBreak?.seq ?? '?',
        kind,
        what: say(out, `audit.break.${kind}`),
      });
    }
    case 'empty':
      return say(out, 'audit.centralCopy.empty');
    case 'nothing-signed':
      return say(out, 'audit.centralCopy.nothingSigned', { records: c.lastRecordSeq });
    case 'unsigned-tail':
      return say(out, 'audit.centralCopy.unsignedTail', {
        signedThrough: c.signedThroughSeq,
        from: c.signedThroughSeq + 1,
        to: c.lastRecordSeq,
      });
  }
}

async function centralOf(config: StationConfig | undefined): Promise<CentralAnchorInput | undefined> {
  if (config?.audit.postgresUrlEnv === undefined) return undefined;
  const { centralConnectionString, centralCopyFor } = await import('../central-log.ts');
  const url = centralConnectionString(config);
  return url === undefined ? undefined : centralCopyFor(url);
}

async function verify(a: Values, out: Output): Promise<number> {
  const source = await sourceOf(a, 'verify', out);
  let expectHead: ChainAnchor | undefined;
  if (a['expect-head'] !== undefined) expectHead = parseHead(a['expect-head']);
  const headFile = a['head-file'];
  if (expectHead === undefined && headFile !== undefined && existsSync(headFile)) {
    const { readFileSync } = await import('node:fs');
    expectHead = parseHead(readFileSync(headFile, 'utf8').slice(0, 200));
  }
  const central = await centralOf(await configOf(a));
  const r: VerifyReport = await verifyLog({
    ...source,
    ...(expectHead ? { expectHead } : {}),
    ...(central ? { central } : {}),
  });
  const v = r.verification;
  const data = {
    verdict: r.verdict,
    verification: v,
    keySource: r.keySource,
    central: r.central,
    centralCopy: r.centralCopy,
    head: r.head,
    review: r.review,
  };
  if (r.central.state !== 'not-configured') {
    const c = r.central;
    printLine(
      out,
      c.state === 'unreachable'
        ? say(out, 'audit.central.unreachable')
        : c.state === 'used'
          ? say(out, 'audit.central.used', { seq: c.head.seq })
          : say(out, 'audit.central.empty'),
      c.state === 'unreachable' ? { error: c.error } : undefined,
    );
  }
  for (const line of centralCopyLines(out, r.centralCopy)) printLine(out, line);
  if (r.expectedHead && r.expectedHeadCheck)
    printLine(
      out,
      r.expectedHeadCheck === 'not-reached'
        ? say(out, 'audit.expectedHead.notReached', { seq: r.expectedHead.seq })
        : say(
            out,
            r.expectedHeadCheck === 'matched' ? 'audit.expectedHead.matched' : 'audit.expectedHead.mismatch',
            {
              head: `${r.expectedHead.seq}:${short(r.expectedHead.hash)}`,
            },
          ),
    );
  printLine(out, verdictLine(out, r.verdict, v), data);
  // the break's facts for support (which record, which station), as the verifier stated them
  if (!out.json && v.firstBreak)
    printLine(
      out,
      say(out, 'cli.detail', { name: say(out, 'cli.detailName.problem'), value: v.firstBreak.message }),
    );
  if (r.verdict === 'intact' || r.verdict === 'anchor-unavailable')
    printLine(out, say(out, 'audit.head', { head: formatHead(r.head) }));
  if (headFile !== undefined && r.verdict === 'intact') {
    writeFileSync(headFile, formatHead(r.head) + '\n', { mode: 0o600 });
    printLine(out, say(out, 'audit.headFileWritten', { file: headFile }));
  }
  printLine(out, reviewLine(out, r.review, 'verification'));
  // a central copy that was rewritten fails the check even when the local log is intact
  const centralBroken = r.centralCopy.state === 'checked' && r.centralCopy.verdict === 'broken';
  return centralBroken && r.verdict === 'intact' ? AUDIT_EXIT.broken : exitFor(r.verdict);
}

// Each command checks its own arguments before it opens the log (or prints anything about it).
async function list(a: Values, out: Output): Promise<number> {
  const limit = count(a.limit, '--limit');
  const offset = count(a.offset, '--offset');
  const after = count(a.after, '--after');
  if (after !== undefined && offset !== undefined)
    throw new StationError('USAGE_CONFLICTING_OPTIONS', {
      command: 'audit list',
      option: '--after',
      other: '--offset',
    });
  const filter = { ...filterOf(a), ...(after === undefined ? {} : { fromSeq: after + 1 }) };
  const r = listRecords({
    ...(await sourceOf(a, 'list', out)),
    filter,
    ...(limit === undefined ? {} : { limit }),
    ...(offset === undefined ? {} : { offset }),
  });
  if (r.rows.length === 0) printLine(out, say(out, 'audit.list.none'));
  else if (out.json) {
    for (const row of r.rows)
      printLine(out, listRow(out, row.record, row.proof).join('  '), {
        record: row.record,
        proof: row.proof,
      });
  } else {
    for (const l of table(
      titles(out, LIST_COLUMNS),
      r.rows.map((x) => listRow(out, x.record, x.proof)),
    ))
      printLine(out, l);
  }
  const page = { offset: r.offset, limit: r.limit, returned: r.rows.length, more: r.more };
  if (r.rows.length > 0)
    printLine(
      out,
      say(out, 'audit.list.page', {
        first: r.offset + 1,
        last: r.offset + r.rows.length,
        more: r.more,
        nextOffset: r.offset + r.rows.length,
        lastSeq: r.rows[r.rows.length - 1]!.record.seq,
        after: after ?? 'none',
      }),
      { page },
    );
  printLine(out, say(out, 'audit.list.proof', { verdict: word(out, 'audit.word.', r.verdict) }), {
    verdict: r.verdict,
    proof: r.proof,
    keySource: r.keySource,
  });
  return r.verdict === 'empty' ? AUDIT_EXIT.ok : exitFor(r.verdict);
}

async function exportCommand(a: Values, out: Output): Promise<number> {
  const format = a.format ?? 'csv';
  if (format !== 'csv' && format !== 'json')
    throw new StationError('USAGE_BAD_VALUE', { option: '--format', expected: 'csv, json' });
  const filter = filterOf(a);
  const r = await exportRecords({ ...(await sourceOf(a, 'export', out)), format, filter });
  if (a.output === undefined) process.stdout.write(r.content);
  else writeFileSync(a.output, r.content, { mode: 0o640 });
  // the export itself is on stdout, so what is said about it goes to stderr
  const said = [
    say(out, 'audit.exported', { count: r.recordCount, verdict: word(out, 'audit.word.', r.verdict) }),
    reviewLine(out, r.review, 'export'),
  ];
  process.stderr.write(
    out.json
      ? JSON.stringify({
          type: 'info',
          text: said.join('; '),
          verdict: r.verdict,
          verification: r.verification,
          review: r.review,
        }) + '\n'
      : said.join('\n') + '\n',
  );
  return r.verdict === 'empty' ? AUDIT_EXIT.ok : exitFor(r.verdict);
}

function cards(a: Values, source: LogSource, out: Output): number {
  const r = cardsReport({ ...source, pinNotChangedOnly: a['pin-not-changed'] });
  if (r.cards.length === 0) printLine(out, say(out, 'audit.cards.none'));
  else if (out.json) {
    for (const c of r.cards) printLine(out, `${c.card} ${c.state}`, { card: c });
  } else {
    for (const l of table(
      titles(out, CARD_COLUMNS),
      r.cards.map((c) => [
        // the serial or GUID itself, as `audit list` shows it
        c.card.replace(/^(serial|guid):/, ''),
        word(out, 'audit.cardState.', c.state),
        c.targetUser ?? '-',
        c.ts,
        c.certificateSerial ?? '-',
        word(out, 'audit.proof.', c.proof),
      ]),
    ))
      printLine(out, l);
  }
  const v = r.verification;
  printLine(
    out,
    v.verdict === 'intact'
      ? say(out, 'audit.cards.proof', { records: v.recordsChecked })
      : verdictLine(out, v.verdict, v),
    {
      verification: r.verification,
      keySource: r.keySource satisfies KeySource,
    },
  );
  return r.verification.verdict === 'empty' ? AUDIT_EXIT.ok : exitFor(r.verification.verdict);
}

async function key(a: Values, out: Output): Promise<number> {
  const k = checkpointKey(await dbOf(a, 'key'));
  if (a.output !== undefined) writeFileSync(a.output, k.publicKeyPem, { mode: 0o644 });
  else if (!out.json) process.stdout.write(k.publicKeyPem);
  printLine(out, say(out, 'audit.keyFingerprint', { fingerprint: k.fingerprint }), {
    fingerprint: k.fingerprint,
    publicKeyPem: k.publicKeyPem,
  });
  return AUDIT_EXIT.ok;
}

async function forward(a: Values, out: Output): Promise<number> {
  const config = await configOf(a);
  if (config === undefined)
    throw new StationError('USAGE_MISSING_OPTION', {
      command: 'audit forward',
      option: '--config FILE / STATION_CONFIG',
    });
  const { centralConnectionString, sinkFor } = await import('../central-log.ts');
  const url = centralConnectionString(config);
  if (url === undefined) throw new StationError('CENTRAL_LOG_NOT_CONFIGURED');
  const { stationPaths } = await import('../../core/config/config.ts');
  const paths = stationPaths(config);
  const sink = sinkFor(url);
  try {
    const r = await forwardLog({
      db: paths.auditDb,
      keyPath: paths.auditKey,
      stationId: config.stationId,
      checkpointEvery: config.audit.checkpointEvery,
      sink,
    });
    if (r.errorCode === 'AUDIT_LOG_DAMAGED') {
      printLine(out, say(out, 'audit.forward.refused'), { centralLog: r.status, error: r.error });
      return AUDIT_EXIT.broken;
    }
    printLine(
      out,
      r.status.backlog === 0
        ? say(out, 'audit.forward.done', { seq: r.status.forwardedSeq })
        : say(out, 'audit.forward.backlog', { count: r.status.backlog }),
      { centralLog: r.status, ...(r.error ? { error: r.error } : {}) },
    );
    return r.status.backlog === 0 ? AUDIT_EXIT.ok : AUDIT_EXIT.backlog;
  } catch (err) {
    if (err instanceof StationError && err.code === 'AUDIT_LOG_DAMAGED') {
      printLine(out, say(out, 'audit.forward.refused'), { error: err.message });
      return AUDIT_EXIT.broken;
    }
    throw err;
  } finally {
    await sink.close().catch(() => undefined);
  }
}

/** `station audit <sub>` with the options cli/station.ts parsed (strictly, for all subcommands). */
export async function auditCli(
  v: Readonly<Record<string, string | boolean | undefined>>,
  positionals: readonly string[],
  out: Output,
): Promise<number> {
  const values = v as Values;
  const sub = positionals[0] ?? 'verify';
  const allowed = ALLOWED[sub];
  if (allowed === undefined)
    throw new StationError('USAGE_UNKNOWN_COMMAND', { command: `audit ${sub.slice(0, 64)}` });
  const defaults: Record<string, unknown> = { json: false, 'pin-not-changed': false, help: false };
  const given = Object.entries(values)
    .filter(([k, x]) => x !== undefined && x !== defaults[k])
    .map(([k]) => k);
  const stray = given.find((k) => !allowed.includes(k));
  if (stray !== undefined)
    throw new StationError('USAGE_UNKNOWN_OPTION', { command: `audit ${sub}`, option: `--${stray}` });
  switch (sub) {
    case 'verify':
      return await verify(values, out);
    case 'list':
      return await list(values, out);
    case 'export':
      return await exportCommand(values, out);
    case 'cards':
      return cards(values, await sourceOf(values, sub, out), out);
    case 'key':
      return await key(values, out);
    default:
      return await forward(values, out);
  }
}
