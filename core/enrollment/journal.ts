// One enrollment = one journal file of JSON lines, each fsync'ed before the step it announces runs.
// After a crash the lines say which steps of the step table (steps.ts) were done and which one was
// in doubt, which is what recovery needs to resume (fetch an issued certificate by ReqID), close
// (nothing reached the CA), or compensate — without submitting anything twice.
//
// Every line carries a short checksum, so a garbled or emptied journal is read as UNREADABLE (and
// recovery asks the operator), never as "nothing happened". The first line names the owner process
// (pid and start time), so recovery never touches a journal whose owner is still running. The
// journal holds facts only; secrets never reach it. Files are created exclusively and never written
// through a symbolic link.
import { createHash } from 'node:crypto';
import { closeSync, constants, lstatSync, openSync, readdirSync, readSync, renameSync } from 'node:fs';
import path from 'node:path';
import { StationError } from '../errors/catalog.ts';
import { appendDurable, createFileExclusive, ensurePrivateDir } from '../state/files.ts';
import { isProcessAlive, processStartTime } from './owner.ts';
import { isStepId, type StepId } from './steps.ts';

export type Facts = Readonly<Record<string, string | number | boolean | null>>;

/** How an enrollment ended. Open journals (pending at the CA, interrupted) have none yet. */
export type EndStatus =
  'issued' | 'issued-pin-not-changed' | 'denied' | 'refused' | 'failed' | 'rolled-back' | 'abandoned';

export type JournalLine =
  | { readonly kind: 'open'; readonly at: string; readonly owner: Owner; readonly facts: Facts }
  | { readonly kind: 'begin' | 'done'; readonly step: StepId; readonly at: string; readonly facts: Facts }
  | { readonly kind: 'end'; readonly status: EndStatus; readonly at: string; readonly facts: Facts };

export interface Owner {
  readonly pid: number;
  /** from /proc, so a reused pid is not taken for the owner; null where unknown */
  readonly started: string | null;
}

export type JournalState =
  | {
      readonly readable: true;
      readonly id: string;
      readonly owner: Owner;
      /** when the enrollment began (the first line; an adopting process adds lines, not this) */
      readonly openedAt: string;
      /** every fact recorded so far, later lines overriding earlier ones */
      readonly facts: Facts;
      readonly done: ReadonlySet<StepId>;
      /** the step that began and did not finish, if any */
      readonly inDoubt: StepId | null;
      readonly end: EndStatus | null;
    }
  | { readonly readable: false; readonly id: string; readonly problem: string };

const ID = /^[A-Za-z0-9-]{8,64}$/;
const NOFOLLOW = constants.O_NOFOLLOW;

const checksum = (body: string): string => createHash('sha256').update(body).digest('hex').slice(0, 12);

export class Journal {
  readonly id: string;
  readonly file: string;

  private constructor(id: string, file: string) {
    this.id = id;
    this.file = file;
  }

  /**
   * A new journal: refuses an existing file (or link) of the same name. It appears with its first
   * line already in it, so no other process and no restart ever sees an empty journal — an empty
   * one is therefore damage, never an enrollment that had just begun.
   */
  static create(dir: string, id: string, facts: Facts): Journal {
    const journal = Journal.at(dir, id);
    createFileExclusive(
      journal.file,
      lineText({
        kind: 'open',
        at: new Date().toISOString(),
        owner: { pid: process.pid, started: processStartTime(process.pid) },
        facts,
      }),
    );
    return journal;
  }

  /** An existing journal, to continue (resume, recover). */
  static at(dir: string, id: string): Journal {
    if (!ID.test(id)) throw new StationError('BAD_INPUT', { field: 'enrollment id' });
    ensureJournalDir(dir);
    return new Journal(id, path.join(dir, `${id}.jsonl`));
  }

  begin(step: StepId, facts: Facts = {}): void {
    this.#write({ kind: 'begin', step, at: new Date().toISOString(), facts });
  }

  done(step: StepId, facts: Facts = {}): void {
    this.#write({ kind: 'done', step, at: new Date().toISOString(), facts });
  }

  /** Records how the enrollment ended and moves the journal to done/. */
  end(status: EndStatus, facts: Facts = {}): void {
    this.#write({ kind: 'end', status, at: new Date().toISOString(), facts });
    this.archive();
  }

  /** A line written by this process takes over ownership (recovery continuing a dead run). */
  adopt(): void {
    this.#write({
      kind: 'open',
      at: new Date().toISOString(),
      owner: { pid: process.pid, started: processStartTime(process.pid) },
      facts: {},
    });
  }

  read(): JournalState {
    return readJournal(this.file, this.id);
  }

  archive(): void {
    const done = path.join(path.dirname(this.file), 'done');
    ensureJournalDir(done);
    renameSync(this.file, path.join(done, path.basename(this.file)));
  }

  #write(line: JournalLine): void {
    // fsync'ed, never through a link, refused when the file is not the station's own
    appendDurable(this.file, lineText(line));
  }
}

const ensureJournalDir = ensurePrivateDir;

const lineText = (line: JournalLine): string => {
  const body = JSON.stringify(line);
  return `${body}\t${checksum(body)}\n`;
};

export function readJournal(file: string, id: string): JournalState {
  let text: string;
  try {
    const st = lstatSync(file);
    if (!st.isFile()) return { readable: false, id, problem: 'not a regular file' };
    if (st.size > 1_000_000) return { readable: false, id, problem: 'larger than any journal' };
    text = readFileNoFollow(file);
  } catch (e) {
    return { readable: false, id, problem: (e as NodeJS.ErrnoException).code ?? 'unreadable' };
  }
  const raw = text.split('\n');
  // the last line may be cut short by a crash mid-write; anything else broken is damage
  if (raw.at(-1) === '') raw.pop();
  const lines: JournalLine[] = [];
  for (let i = 0; i < raw.length; i++) {
    const parsed = parseLine(raw[i] ?? '');
    if (parsed === undefined) {
      if (i === raw.length - 1 && i > 0) break;
      return { readable: false, id, problem: `line ${i + 1} is damaged` };
    }
    lines.push(parsed);
  }
  const first = lines[0];
  if (first === undefined || first.kind !== 'open') return { readable: false, id, problem: 'empty' };
  let owner = first.owner;
  const facts: Record<string, string | number | boolean | null> = {};
  const done = new Set<StepId>();
  let inDoubt: StepId | null = null;
  let end: EndStatus | null = null;
  for (const line of lines) {
    Object.assign(facts, line.facts);
    if (line.kind === 'open') owner = line.owner;
    else if (line.kind === 'begin') inDoubt = line.step;
    else if (line.kind === 'done') {
      done.add(line.step);
      if (inDoubt === line.step) inDoubt = null;
    } else if (line.kind === 'end') end = line.status;
  }
  return { readable: true, id, owner, openedAt: first.at, facts, done, inDoubt, end };
}

function parseLine(text: string): JournalLine | undefined {
  const tab = text.lastIndexOf('\t');
  if (tab < 0) return undefined;
  const body = text.slice(0, tab);
  if (checksum(body) !== text.slice(tab + 1)) return undefined;
  try {
    const v = JSON.parse(body) as JournalLine;
    if (typeof v !== 'object' || v === null || typeof v.at !== 'string') return undefined;
    if ((v.kind === 'begin' || v.kind === 'done') && !isStepId(v.step)) return undefined;
    return v;
  } catch {
    return undefined;
  }
}

function readFileNoFollow(file: string): string {
  const fd = openSync(file, constants.O_RDONLY | NOFOLLOW);
  try {
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(65536);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) return Buffer.concat(chunks).toString('utf8');
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
  } finally {
    closeSync(fd);
  }
}

/** Enrollments running in this process (a kiosk may run two readers at once). */
const LIVE_HERE = new Set<string>();
export const markLive = (id: string): void => void LIVE_HERE.add(id);
export const markNotLive = (id: string): void => void LIVE_HERE.delete(id);

/** The journals that have not ended — what a restarted station must explain. */
export function openJournals(dir: string): JournalState[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.jsonl') && ID.test(n.slice(0, -'.jsonl'.length)))
    .sort()
    .map((n) => readJournal(path.join(dir, n), n.slice(0, -'.jsonl'.length)))
    .filter((s) => !s.readable || s.end === null);
}

/** The journal's owner is a process still running (an enrollment in progress, not a crash). */
export function ownerAlive(state: JournalState): boolean {
  if (!state.readable) return false;
  const { pid, started } = state.owner;
  if (pid === process.pid) return LIVE_HERE.has(state.id);
  return isProcessAlive(pid) && (started === null || processStartTime(pid) === started);
}
