// One enrollment = one journal file of JSON lines, each line fsync'ed before the step it
// announces runs. After a crash the last line says how far the enrollment got, which is what
// recovery needs to resume (fetch an issued certificate by ReqID) or roll back — without
// submitting anything twice. The journal holds facts only; secrets never reach it.
import {
  openSync,
  writeSync,
  fsyncSync,
  closeSync,
  readFileSync,
  readdirSync,
  mkdirSync,
  renameSync,
} from 'node:fs';
import path from 'node:path';

export type StepName =
  | 'started'
  | 'identified'
  | 'agent-ready'
  | 'admin-authenticated'
  | 'key-generated'
  | 'csr-signed'
  | 'request-wrapped'
  | 'submit-intent'
  | 'submitted'
  | 'certificate-checked'
  | 'certificate-written'
  | 'management-key-set'
  | 'puk-set'
  | 'pin-change-started'
  | 'pin-changed'
  | 'proven'
  | 'rolled-back'
  | 'finished';

export type Facts = Readonly<Record<string, string | number | boolean | null>>;

export interface JournalEntry {
  readonly step: StepName;
  readonly at: string;
  readonly facts: Facts;
}

export interface JournalState {
  readonly id: string;
  readonly entries: readonly JournalEntry[];
  /** every fact recorded so far, later entries overriding earlier ones */
  readonly facts: Facts;
  readonly last: StepName;
  readonly finished: boolean;
}

const ID = /^[A-Za-z0-9-]{8,64}$/;

export class Journal {
  readonly id: string;
  readonly file: string;

  private constructor(id: string, file: string) {
    this.id = id;
    this.file = file;
  }

  static create(dir: string, id: string): Journal {
    if (!ID.test(id)) throw new Error(`bad journal id "${id}"`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return new Journal(id, path.join(dir, `${id}.jsonl`));
  }

  static open(dir: string, id: string): Journal {
    return Journal.create(dir, id);
  }

  record(step: StepName, facts: Facts = {}): void {
    const line = JSON.stringify({ step, at: new Date().toISOString(), facts } satisfies JournalEntry) + '\n';
    const fd = openSync(this.file, 'a', 0o600);
    try {
      writeSync(fd, line);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  read(): JournalState {
    return readJournal(this.file, this.id);
  }

  /** Moves a finished journal out of the way so the open set stays small. */
  archive(): void {
    const done = path.join(path.dirname(this.file), 'done');
    mkdirSync(done, { recursive: true, mode: 0o700 });
    renameSync(this.file, path.join(done, path.basename(this.file)));
  }
}

function readJournal(file: string, id: string): JournalState {
  const entries: JournalEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = JSON.parse(line) as JournalEntry;
      if (typeof parsed.step === 'string' && typeof parsed.at === 'string') entries.push(parsed);
    } catch {
      // a line cut short by a crash mid-write: everything before it is intact and fsync'ed
      break;
    }
  }
  const facts: Record<string, string | number | boolean | null> = {};
  for (const e of entries) Object.assign(facts, e.facts);
  const last = entries.at(-1)?.step ?? 'started';
  return { id, entries, facts, last, finished: last === 'finished' };
}

/** Journals of enrollments that did not reach "finished" — what a restarted station must explain. */
export function unfinishedJournals(dir: string): JournalState[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.jsonl'))
    .map((n) => readJournal(path.join(dir, n), n.slice(0, -'.jsonl'.length)))
    .filter((s) => !s.finished);
}
