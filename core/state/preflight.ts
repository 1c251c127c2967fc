// One start-up check of every file and folder the station keeps, run before any PIN is asked or
// any card is touched. Each problem stops the station with a catalog error naming the path
// (STATE_DAMAGED, STATE_UNSAFE, STATE_UNWRITABLE) or a ConfigError naming the setting whose file
// is unusable — never a hang on /dev/zero, never CA_UNREACHABLE at submit for a broken ledger,
// never EBUSY after issuance for a read-only store, never a silently recreated key.
import { accessSync, constants, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { FileRequestLedger } from '../ca/ledger.ts';
import { ConfigError, stationPaths, type StationConfig } from '../config/config.ts';
import { readJournal } from '../enrollment/journal.ts';
import { DiscardingKeyStore, EncryptedFileKeyStore } from '../enrollment/key-store.ts';
import type { ManagementKeyStore } from '../enrollment/ports.ts';
import { StationError } from '../errors/catalog.ts';
import { ensurePrivateDir, probeWritableDir, readBounded, READ_LIMITS, stateError } from './files.ts';

export type StationPaths = ReturnType<typeof stationPaths>;

export interface PreflightEvidence {
  /** facts showing the station has worked before ("the request ledger holds 3 requests", …) */
  readonly priorUse: readonly string[];
}

export interface PreflightOptions {
  /**
   * The enrollment log's own start-up check (the audit module's: integrity at open, refusing a new
   * empty log on a station that has logged before). Runs last, with the evidence gathered here.
   */
  readonly audit?: (paths: StationPaths, evidence: PreflightEvidence) => void | Promise<void>;
  /** check the CA bundle and client-certificate files the configuration names (default true) */
  readonly inputs?: boolean;
}

export interface PreflightReport extends PreflightEvidence {
  readonly paths: StationPaths;
  /** the checked key store and ledger, for the composition root to use */
  readonly keys: ManagementKeyStore;
  readonly ledger: FileRequestLedger;
  /** journals not yet archived (what recovery will look at) */
  readonly openJournals: readonly string[];
  /**
   * open journals that cannot be read (garbled, emptied, of another format): an enrollment nobody
   * can explain, maybe of the card about to be enrolled. Enrolling refuses while one exists
   * (`refuseDamagedJournals`); `station recover` is where the operator decides about them.
   */
  readonly damagedJournals: readonly { readonly file: string; readonly problem: string }[];
}

export async function preflight(
  config: StationConfig,
  options: PreflightOptions = {},
): Promise<PreflightReport> {
  const paths = stationPaths(config);
  ensurePrivateDir(paths.dataDir);
  probeWritableDir(paths.dataDir);
  // each folder is written at its own moment (a journal at the first step, its archive at the end,
  // a lock at the start): a read-only one is found now, not half-way through an enrollment
  for (const dir of [paths.journalDir, paths.journalDoneDir, paths.locksDir]) {
    ensurePrivateDir(dir);
    probeWritableDir(dir);
  }
  const openJournals = checkJournalFiles(paths.journalDir);
  const finished = checkJournalFiles(paths.journalDoneDir);
  const damagedJournals = openJournals.flatMap((id) => {
    const file = path.join(paths.journalDir, `${id}.jsonl`);
    const state = readJournal(file, id);
    return state.readable ? [] : [{ file, problem: state.problem }];
  });
  checkLogFiles(paths);

  const ledger = new FileRequestLedger(paths.caLedger, { dataDir: paths.dataDir });
  const requests = ledger.check();

  const priorUse: string[] = [];
  if (requests.length > 0)
    priorUse.push(`the request ledger ${paths.caLedger} holds ${requests.length} requests`);
  if (finished.length > 0) priorUse.push(`${finished.length} finished journals in ${paths.journalDoneDir}`);
  if (openJournals.length > 0) priorUse.push(`${openJournals.length} open journals in ${paths.journalDir}`);
  if (exists(paths.auditDb)) priorUse.push(`the enrollment log ${paths.auditDb} exists`);

  let keys: ManagementKeyStore;
  if (config.card.managementKeyStorage === 'encrypted-file') {
    const store = new EncryptedFileKeyStore(paths.managementKeys, paths.keyEncryptionKey, {
      dataDir: paths.dataDir,
    });
    store.check({ priorUse });
    keys = store;
  } else {
    keys = new DiscardingKeyStore();
  }

  if (options.inputs !== false) checkInputs(config);
  await options.audit?.(paths, { priorUse });
  return { paths, keys, ledger, openJournals, damagedJournals, priorUse };
}

/** Enrolling stops at a damaged open journal, naming it (see `damagedJournals`). */
export function refuseDamagedJournals(report: Pick<PreflightReport, 'damagedJournals'>): void {
  const first = report.damagedJournals[0];
  if (first === undefined) return;
  throw stateError(
    'STATE_DAMAGED',
    first.file,
    `an interrupted enrollment's journal cannot be read (${first.problem}); station recover shows what the station knows of it`,
  );
}

/**
 * The log's files are SQLite's to judge once open, but SQLite follows a link, reports a folder as
 * "unable to open" only when the first record is written, and opens a read-only file read-only
 * without a word: each is named here instead, before any PIN. A log that does not exist yet is
 * the audit module's to create (or to refuse, when the station has logged before).
 */
function checkLogFiles(paths: StationPaths): void {
  const files = [
    paths.auditDb,
    `${paths.auditDb}-wal`,
    `${paths.auditDb}-shm`,
    `${paths.auditDb}.anchor`,
    paths.auditKey,
  ];
  for (const file of files) {
    let st;
    try {
      st = lstatSync(file);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) throw stateError('STATE_UNSAFE', file, 'the file is a symbolic link');
    if (!st.isFile()) throw stateError('STATE_DAMAGED', file, 'this is not a regular file');
    if (file === paths.auditKey) continue; // only read
    // access(), never open()+close(): this process may hold the log open, and closing any other
    // descriptor of the file drops the POSIX locks SQLite holds on it (sqlite.org/howtocorrupt.html
    // §2.2), after which another station process can reset the WAL under this one's reader
    try {
      accessSync(file, constants.W_OK);
    } catch (e) {
      throw stateError(
        'STATE_UNWRITABLE',
        file,
        `the station cannot write the log (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
        e,
      );
    }
  }
}

const exists = (p: string): boolean => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

/**
 * Journal files are appended as root: each must be a regular file of the station's (not a link,
 * not open to others) and of a sane size. Their content is the journal module's to judge.
 */
function checkJournalFiles(dir: string): string[] {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const names = readdirSync(dir).filter((n) => n.endsWith('.jsonl'));
  for (const name of names) {
    const file = path.join(dir, name);
    const st = lstatSync(file);
    if (st.isSymbolicLink()) throw stateError('STATE_UNSAFE', file, 'the journal is a symbolic link');
    if (!st.isFile()) throw stateError('STATE_DAMAGED', file, 'the journal is not a regular file');
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o077) !== 0)) {
      throw stateError(
        'STATE_UNSAFE',
        file,
        `the journal belongs to user ${st.uid} or is open to others (mode ${(st.mode & 0o777).toString(8)})`,
      );
    }
    if (st.size > READ_LIMITS.journal) {
      throw stateError(
        'STATE_DAMAGED',
        file,
        `the journal is ${st.size} bytes, more than the ${READ_LIMITS.journal} allowed`,
      );
    }
  }
  return names.map((n) => n.slice(0, -'.jsonl'.length));
}

/** The files the configuration names: regular, bounded, and PEM where PEM is expected. */
function checkInputs(config: StationConfig): void {
  const pem = (field: string, file: string, label: RegExp): void => {
    let text: string;
    try {
      text = readBounded(file, { maxBytes: READ_LIMITS.pem }).toString('utf8');
    } catch (e) {
      if (e instanceof StationError)
        throw new ConfigError(field, `names ${file}: ${String(e.details.problem)}`);
      throw e;
    }
    if (!label.test(text))
      throw new ConfigError(field, `names ${file}, which holds no ${label.source.replace(/\\/g, '')} block`);
  };
  pem('ca.caBundleFile', config.ca.caBundleFile, /-----BEGIN CERTIFICATE-----/);
  const a = config.ca.auth;
  if (a.kind === 'client-certificate') {
    pem('ca.auth.certFile', a.certFile, /-----BEGIN CERTIFICATE-----/);
    pem('ca.auth.keyFile', a.keyFile, /-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  }
}
