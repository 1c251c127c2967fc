// `station audit verify | list | export | cards | key | forward`: parses the arguments, calls the
// use cases in station/audit.ts and formats their results. Every string a person reads is in TEXT
// below, so the catalogs can take them over.
import { existsSync, writeFileSync } from 'node:fs';
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
  type CardProof,
  type CentralAnchorInput,
  type KeySource,
  type LogSource,
  type LogVerdict,
  type ReviewRecord,
  type VerifyReport,
} from '../../station/audit.ts';
import { printLine, type Output } from '../output.ts';

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

/** Every message of the audit commands, in one place for the catalogs (i18n) to take over. */
export const TEXT = {
  seeHelp: 'usage: station audit --help',
  unknownSub: (sub: string) => `unknown audit command "${sub}" (verify, list, export, cards, key, forward)`,
  optionNotFor: (opt: string, sub: string) => `--${opt} is not an option of "audit ${sub}"`,
  needs: (sub: string, what: string) => `audit ${sub} needs ${what}`,
  badOutcome: `--outcome must be one of ${AUDIT_OUTCOMES.join(', ')}`,
  badDate: (flag: string) => `${flag} must be a date/time such as 2026-11-23T00:00:00Z`,
  badCount: (flag: string) =>
    `${flag} must be a whole number (${flag === '--limit' ? '1 to 10000' : '0 or more'})`,
  badFormat: '--format must be csv or json',
  afterOrOffset: 'give --after or --offset, not both',
  stationKeyNote: (db: string) =>
    `note: checked with the station's own key beside ${db}; pass --public-key to pin the key you keep`,
  verdict: {
    intact: (v: VerifyResult) =>
      `log intact: ${v.recordsChecked} records, every one up to seq ${v.toSeq} under a valid signature of key sha256:${short(v.keyFingerprint)} (signed genesis checked)`,
    broken: (v: VerifyResult) =>
      `log BROKEN at seq ${v.firstBreak?.seq ?? '?'}: ${v.firstBreak?.kind ?? 'unknown'} — ${v.firstBreak?.message ?? ''}`,
    empty: () => 'log NOT PROVEN: it holds no records yet (its signed genesis is valid): nothing to prove',
    'nothing-signed': (v: VerifyResult) =>
      `log NOT PROVEN: none of its ${v.lastRecordSeq} records is under a valid signature of the key; the station signs every record, so it did not write them`,
    'unsigned-tail': (v: VerifyResult) =>
      `log NOT PROVEN: records ${v.signedThroughSeq + 1}–${v.toSeq} are newer than the last valid signature (seq ${v.signedThroughSeq}); the station signs every record, so it did not write them`,
    'anchor-unavailable': (v: VerifyResult) =>
      `log NOT ANCHORED: it verifies by itself (${v.recordsChecked} records), but the central copy asked for could not be consulted, so truncation or roll-back is not excluded`,
  } satisfies Record<LogVerdict, (v: VerifyResult) => string>,
  central: {
    'not-configured': () => '',
    unreachable: (error: string) => `central copy unreachable (${error}): not used as an anchor`,
    empty: () => 'central copy holds no record of this station: not used as an anchor',
    used: (h: ChainAnchor) => `checked against the central copy's newest record (seq ${h.seq}) as well`,
  },
  expectedHead: {
    matched: (h: ChainAnchor) =>
      `the head recorded at the last review (${h.seq}:${short(h.hash)}) is in the log`,
    mismatch: (h: ChainAnchor) =>
      `the head recorded at the last review (${h.seq}:${short(h.hash)}) does NOT match: the log was cut, rolled back or replaced`,
    'not-reached': (h: ChainAnchor) =>
      `the head recorded at the last review (${h.seq}) was not reached: the log breaks before it`,
  },
  head: (h: ChainAnchor) =>
    `head ${formatHead(h)} — record it; pass it back with --expect-head at the next review`,
  headFileWritten: (file: string) => `head written to ${file}`,
  review: (r: ReviewRecord, what: string) =>
    r.recorded
      ? `this ${what} was recorded in the log as seq ${r.seq}`
      : `this ${what} was NOT recorded in the log: ${r.reason}`,
  listHeader: ['SEQ', 'TIME', 'ACTION', 'OUTCOME', 'USER', 'OPERATOR', 'CARD', 'REQID', 'PROOF'],
  rowProof: {
    signed: 'ok',
    unsigned: 'UNSIGNED',
    edited: 'EDITED',
    'bad-signature': 'BAD-SIGNATURE',
  } satisfies Record<RowProof, string>,
  listNone: 'no records match',
  listPage: (p: {
    first: number;
    last: number;
    more: boolean;
    nextOffset: number;
    lastSeq: number;
    after?: number;
  }) =>
    `rows ${p.first}–${p.last} of the matches${p.after === undefined ? '' : ` after seq ${p.after}`}` +
    (p.more
      ? `; output cut, more match: next page with --after ${p.lastSeq}${p.after === undefined ? ` (or --offset ${p.nextOffset})` : ''}`
      : '; no more match'),
  listProof: (verdict: string) =>
    `proof of these rows: ${verdict} (each row's hash and own signature, the signed genesis and the newest signature checked; only \`audit verify\` proves the whole log and that nothing is missing)`,
  exported: (n: number, verdict: string) =>
    `exported ${n} records; proof of the exported rows: ${verdict} (each row's hash and own signature; the per-row status is in the file)`,
  cardsHeader: ['CARD', 'STATE', 'HOLDER', 'SINCE', 'CERTIFICATE', 'PROOF'],
  cardProof: { verified: 'ok', unsigned: 'UNSIGNED', unverified: 'UNVERIFIED' } satisfies Record<
    CardProof,
    string
  >,
  noCards: 'no cards',
  cardsProof: (v: VerifyResult) =>
    v.verdict === 'intact'
      ? `the whole log verified (${v.recordsChecked} records)`
      : TEXT.verdict[v.verdict](v),
  keyFingerprint: (fp: string) => `checkpoint key fingerprint sha256:${fp}`,
  forwardDone: (seq: number) => `central log: up to date (forwarded through seq ${seq})`,
  forwardBacklog: (n: number, error: string | null) =>
    `central log unreachable${error ? ` (${error})` : ''}: ${n} record(s) kept in the local outbox; they are forwarded by the next station run or \`station audit forward\``,
  forwardRefused: (error: string) => `NOT forwarded: ${error}`,
  noCentral: 'no central log configured (audit.postgresUrlEnv)',
} as const;

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

class UsageError extends Error {}

function filterOf(a: Values): AuditFilter {
  if (a.outcome !== undefined && !(AUDIT_OUTCOMES as readonly string[]).includes(a.outcome))
    throw new UsageError(TEXT.badOutcome);
  for (const [k, v] of [
    ['--from', a.from],
    ['--to', a.to],
  ] as const)
    if (v !== undefined && Number.isNaN(Date.parse(v))) throw new UsageError(TEXT.badDate(k));
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
    throw new UsageError(TEXT.badCount(flag));
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
  if (config === undefined) throw new UsageError(TEXT.needs(sub, '--db FILE (or --config FILE)'));
  const { stationPaths } = await import('../../core/config/config.ts');
  return stationPaths(config).auditDb;
}

async function sourceOf(a: Values, sub: string, out: Output): Promise<LogSource> {
  const db = await dbOf(a, sub);
  if (a['public-key'] === undefined && !out.json) process.stderr.write(TEXT.stationKeyNote(db) + '\n');
  return {
    db,
    ...(a['public-key'] === undefined ? {} : { publicKeyPem: readPublicKeyFile(a['public-key']) }),
    ...(a.station === undefined ? {} : { stationId: a.station }),
  };
}

/** Columns padded to the widest cell of the page (no padding after the last). */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function listRow(r: AuditRecord, proof: RowProof): string[] {
  return [
    String(r.seq),
    r.ts,
    r.action,
    r.outcome + (r.errorCode ? ` ${r.errorCode}` : ''),
    r.targetUser ?? '-',
    r.operatorUpn ?? '-',
    r.cardSerial ?? r.cardGuid ?? '-',
    r.caRequestId === null ? '-' : String(r.caRequestId),
    TEXT.rowProof[proof],
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

async function centralOf(config: StationConfig | undefined): Promise<CentralAnchorInput | undefined> {
  if (config?.audit.postgresUrlEnv === undefined) return undefined;
  const { centralConnectionString, sinkFor } = await import('../central-log.ts');
  const url = centralConnectionString(config);
  if (url === undefined) return undefined;
  return {
    head: async (stationId) => {
      const sink = sinkFor(url);
      try {
        return await sink.head(stationId);
      } finally {
        await sink.close().catch(() => undefined);
      }
    },
  };
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
    head: r.head,
    review: r.review,
  };
  if (r.central.state !== 'not-configured') {
    const c = r.central;
    printLine(
      out,
      c.state === 'unreachable'
        ? TEXT.central.unreachable(c.error)
        : c.state === 'used'
          ? TEXT.central.used(c.head)
          : TEXT.central.empty(),
    );
  }
  if (r.expectedHead && r.expectedHeadCheck)
    printLine(out, TEXT.expectedHead[r.expectedHeadCheck](r.expectedHead));
  printLine(out, TEXT.verdict[r.verdict](v), data);
  if (r.verdict === 'intact' || r.verdict === 'anchor-unavailable') printLine(out, TEXT.head(r.head));
  if (headFile !== undefined && r.verdict === 'intact') {
    writeFileSync(headFile, formatHead(r.head) + '\n', { mode: 0o600 });
    printLine(out, TEXT.headFileWritten(headFile));
  }
  printLine(out, TEXT.review(r.review, 'verification'));
  return exitFor(r.verdict);
}

function list(a: Values, source: LogSource, out: Output): number {
  const limit = count(a.limit, '--limit');
  const offset = count(a.offset, '--offset');
  const after = count(a.after, '--after');
  if (after !== undefined && offset !== undefined) throw new UsageError(TEXT.afterOrOffset);
  const r = listRecords({
    ...source,
    filter: { ...filterOf(a), ...(after === undefined ? {} : { fromSeq: after + 1 }) },
    ...(limit === undefined ? {} : { limit }),
    ...(offset === undefined ? {} : { offset }),
  });
  if (r.rows.length === 0) printLine(out, TEXT.listNone);
  else if (out.json) {
    for (const row of r.rows)
      printLine(out, listRow(row.record, row.proof).join('  '), { record: row.record, proof: row.proof });
  } else {
    for (const l of table(
      TEXT.listHeader,
      r.rows.map((x) => listRow(x.record, x.proof)),
    ))
      printLine(out, l);
  }
  const page = { offset: r.offset, limit: r.limit, returned: r.rows.length, more: r.more };
  if (r.rows.length > 0)
    printLine(
      out,
      TEXT.listPage({
        first: r.offset + 1,
        last: r.offset + r.rows.length,
        more: r.more,
        nextOffset: r.offset + r.rows.length,
        lastSeq: r.rows[r.rows.length - 1]!.record.seq,
        ...(after === undefined ? {} : { after }),
      }),
      { page },
    );
  printLine(out, TEXT.listProof(r.verdict), { verdict: r.verdict, proof: r.proof, keySource: r.keySource });
  return r.verdict === 'empty' ? AUDIT_EXIT.ok : exitFor(r.verdict);
}

async function exportCommand(a: Values, source: LogSource, out: Output): Promise<number> {
  const format = a.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError(TEXT.badFormat);
  const r = await exportRecords({ ...source, format, filter: filterOf(a) });
  if (a.output === undefined) process.stdout.write(r.content);
  else writeFileSync(a.output, r.content, { mode: 0o640 });
  // the export itself is on stdout, so what is said about it goes to stderr
  const said = [TEXT.exported(r.recordCount, r.verdict), TEXT.review(r.review, 'export')];
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
  if (r.cards.length === 0) printLine(out, TEXT.noCards);
  else if (out.json) {
    for (const c of r.cards) printLine(out, `${c.card} ${c.state}`, { card: c });
  } else {
    for (const l of table(
      TEXT.cardsHeader,
      r.cards.map((c) => [
        c.card,
        c.state,
        c.targetUser ?? '-',
        c.ts,
        c.certificateSerial ?? '-',
        TEXT.cardProof[c.proof],
      ]),
    ))
      printLine(out, l);
  }
  printLine(out, TEXT.cardsProof(r.verification), {
    verification: r.verification,
    keySource: r.keySource satisfies KeySource,
  });
  return r.verification.verdict === 'empty' ? AUDIT_EXIT.ok : exitFor(r.verification.verdict);
}

async function key(a: Values, out: Output): Promise<number> {
  const k = checkpointKey(await dbOf(a, 'key'));
  if (a.output !== undefined) writeFileSync(a.output, k.publicKeyPem, { mode: 0o644 });
  else if (!out.json) process.stdout.write(k.publicKeyPem);
  printLine(out, TEXT.keyFingerprint(k.fingerprint), {
    fingerprint: k.fingerprint,
    publicKeyPem: k.publicKeyPem,
  });
  return AUDIT_EXIT.ok;
}

async function forward(a: Values, out: Output): Promise<number> {
  const config = await configOf(a);
  if (config === undefined) throw new UsageError(TEXT.needs('forward', '--config FILE'));
  const { centralConnectionString, sinkFor } = await import('../central-log.ts');
  const url = centralConnectionString(config);
  if (url === undefined) throw new UsageError(TEXT.noCentral);
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
      printLine(out, TEXT.forwardRefused(r.error ?? ''), { centralLog: r.status, error: r.error });
      return AUDIT_EXIT.broken;
    }
    printLine(
      out,
      r.status.backlog === 0
        ? TEXT.forwardDone(r.status.forwardedSeq)
        : TEXT.forwardBacklog(r.status.backlog, r.error),
      { centralLog: r.status },
    );
    return r.status.backlog === 0 ? AUDIT_EXIT.ok : AUDIT_EXIT.backlog;
  } catch (err) {
    if (err instanceof StationError && err.code === 'AUDIT_LOG_DAMAGED') {
      printLine(out, TEXT.forwardRefused(err.message), { error: err.message });
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
  try {
    const allowed = ALLOWED[sub];
    if (allowed === undefined) throw new UsageError(TEXT.unknownSub(sub));
    const defaults: Record<string, unknown> = { json: false, 'pin-not-changed': false, help: false };
    const given = Object.entries(values)
      .filter(([k, x]) => x !== undefined && x !== defaults[k])
      .map(([k]) => k);
    const stray = given.find((k) => !allowed.includes(k));
    if (stray !== undefined) throw new UsageError(TEXT.optionNotFor(stray, sub));
    switch (sub) {
      case 'verify':
        return await verify(values, out);
      case 'list':
        return list(values, await sourceOf(values, sub, out), out);
      case 'export':
        return await exportCommand(values, await sourceOf(values, sub, out), out);
      case 'cards':
        return cards(values, await sourceOf(values, sub, out), out);
      case 'key':
        return await key(values, out);
      default:
        return await forward(values, out);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`station: ${err.message}\n${TEXT.seeHelp}\n`);
      return AUDIT_EXIT.usage;
    }
    throw err;
  }
}
