// Issue 8 §3, every state file damaged in each way, through the real CLI with a card in the reader:
// `station enroll --reissue` on an issued card (a run that went ahead would replace the holder's
// certificate) must stop before any PIN is asked and before any APDU reaches either card, naming
// the damaged file, in the operator's language, with exit code 1. The soft cards count the APDUs
// they receive; yubico-piv-tool reads the holder's certificate back after each row; at the end the
// card still signs for it, `audit cards` agrees and `audit verify` is clean. One pcscd, one pair of
// cards and one demo CA serve the whole table.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { stationPaths } from '../../core/config/config.ts';
import { explainCode } from '../../core/errors/explain.ts';
import type { ErrorDetails } from '../../core/errors/catalog.ts';
import type { Language } from '../../core/i18n/language.ts';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { station, text, enrollAlice } from './helpers.ts';
import {
  assertHolderIntact,
  certificateOnCard,
  fingerprint,
  issueAlice,
  logRecords,
  parseJsonLines,
} from './nothing-lost-helpers.ts';

let env: DemoEnvironment;
let paths: ReturnType<typeof stationPaths>;
let holderPin: string;
let holderCert: string;
let serial: number;
let recordsBefore: number;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'nothing-lost-state-files' });
  paths = stationPaths(env.config);
  holderPin = text(randomHolderPin());
  holderCert = await issueAlice(env, holderPin);
  serial = env.target.status().serial;
  // an archived journal, so "a finished journal" has something to damage
  assert.ok(existsSync(paths.journalDoneDir));
  recordsBefore = (await logRecords(env)).length;
});
after(async () => {
  await env?.stop();
});

type Damage = (file: string) => void;

interface Row {
  readonly label: string;
  readonly file: () => string;
  readonly what: string;
  readonly damage: Damage;
  /** the code the station stops with */
  readonly code: string;
  /** the station sees `file` read-only (a read-only mount) instead of a damaged file */
  readonly readOnly?: boolean;
}

const garbage: Damage = (f) => writeFileSync(f, 'not what the station wrote \u0000\u00ff', { mode: 0o600 });
const empty: Damage = (f) => writeFileSync(f, '', { mode: 0o600 });
const folder: Damage = (f) => mkdirSync(f, { mode: 0o700 });
const link: Damage = (f) => {
  // the link points at a good copy of the file, so only the link itself is wrong
  const target = `${f}.elsewhere`;
  cpSync(`${f}.saved`, target, { recursive: true });
  symlinkSync(target, f);
};
const jsonVersion =
  (version: number): Damage =>
  (f) => {
    const raw = JSON.parse(readFileSync(`${f}.saved`, 'utf8')) as Record<string, unknown>;
    writeFileSync(f, JSON.stringify({ ...raw, version }), { mode: 0o600 });
  };

/** Each state file: a name for the test title, and its path once the demo environment is up. */
const ledger = { label: 'request ledger', file: (): string => paths.caLedger };
const keyStore = { label: 'key store', file: (): string => paths.managementKeys };
const kek = { label: 'key-encryption key', file: (): string => paths.keyEncryptionKey };
const log = { label: 'enrollment log', file: (): string => paths.auditDb };
const openJournal = {
  label: 'open journal',
  file: (): string => path.join(paths.journalDir, '0badc0de-0000-4000-8000-000000000001.jsonl'),
};
const doneJournal = {
  label: 'archived journal',
  file: (): string => path.join(paths.journalDoneDir, 'deadbeef-0000-4000-8000-000000000002.jsonl'),
};
const journalFolder = { label: 'journal folder', file: (): string => paths.journalDir };
const logKey = { label: 'log signing key', file: (): string => paths.auditKey };
const logAnchor = { label: 'log anchor', file: (): string => `${paths.auditDb}.anchor` };

const ROWS: readonly Row[] = [
  { ...ledger, what: 'garbage', damage: garbage, code: 'STATE_DAMAGED' },
  { ...ledger, what: 'empty', damage: empty, code: 'STATE_DAMAGED' },
  { ...ledger, what: 'wrong version', damage: jsonVersion(9), code: 'STATE_DAMAGED' },
  { ...ledger, what: 'a folder', damage: folder, code: 'STATE_DAMAGED' },
  { ...ledger, what: 'a symbolic link', damage: link, code: 'STATE_UNSAFE' },
  { ...ledger, what: 'read-only', damage: () => undefined, readOnly: true, code: 'STATE_UNWRITABLE' },

  { ...keyStore, what: 'garbage', damage: garbage, code: 'STATE_DAMAGED' },
  { ...keyStore, what: 'empty', damage: empty, code: 'STATE_DAMAGED' },
  { ...keyStore, what: 'wrong version', damage: jsonVersion(9), code: 'STATE_DAMAGED' },
  { ...keyStore, what: 'a folder', damage: folder, code: 'STATE_DAMAGED' },
  { ...keyStore, what: 'a symbolic link', damage: link, code: 'STATE_UNSAFE' },
  { ...keyStore, what: 'read-only', damage: () => undefined, readOnly: true, code: 'STATE_UNWRITABLE' },

  // the KEK is only read, so read-only does not matter; a substituted key is its "wrong version"
  { ...kek, what: 'garbage (not 32 bytes)', damage: garbage, code: 'STATE_DAMAGED' },
  { ...kek, what: 'empty', damage: empty, code: 'STATE_DAMAGED' },
  {
    ...kek,
    what: 'another key (substituted)',
    damage: (f) => writeFileSync(f, Buffer.alloc(32, 7), { mode: 0o600 }),
    code: 'STATE_UNSAFE',
  },
  { ...kek, what: 'a folder', damage: folder, code: 'STATE_DAMAGED' },
  { ...kek, what: 'a symbolic link', damage: link, code: 'STATE_UNSAFE' },
  { ...kek, what: 'missing', damage: () => undefined, code: 'STATE_DAMAGED' },

  // journals: an open one (what `recover` would act on) and an archived one, and their folders
  { ...openJournal, what: 'garbage', damage: garbage, code: 'STATE_DAMAGED' },
  { ...openJournal, what: 'empty', damage: empty, code: 'STATE_DAMAGED' },
  {
    ...openJournal,
    what: 'wrong version',
    damage: (f) => writeFileSync(f, '{"v":9,"t":"start"}\n', { mode: 0o600 }),
    code: 'STATE_DAMAGED',
  },
  { ...openJournal, what: 'a folder', damage: folder, code: 'STATE_DAMAGED' },
  {
    ...openJournal,
    what: 'a symbolic link',
    damage: (f) => symlinkSync('/etc/hostname', f),
    code: 'STATE_UNSAFE',
  },
  {
    ...doneJournal,
    what: 'a symbolic link',
    damage: (f) => symlinkSync('/etc/hostname', f),
    code: 'STATE_UNSAFE',
  },
  { ...doneJournal, what: 'a folder', damage: folder, code: 'STATE_DAMAGED' },
  { ...journalFolder, what: 'folder is a symbolic link', damage: link, code: 'STATE_UNSAFE' },
  { ...journalFolder, what: 'folder is a file', damage: garbage, code: 'STATE_DAMAGED' },
  {
    ...journalFolder,
    what: 'folder read-only',
    damage: () => undefined,
    readOnly: true,
    code: 'STATE_UNWRITABLE',
  },

  { ...log, what: 'garbage', damage: garbage, code: 'AUDIT_LOG_DAMAGED' },
  { ...log, what: 'empty', damage: empty, code: 'AUDIT_LOG_MISSING' },
  { ...log, what: 'missing', damage: () => undefined, code: 'AUDIT_LOG_MISSING' },
  {
    ...log,
    what: 'a page of random bytes',
    damage: (f) => {
      cpSync(`${f}.saved`, f);
      const bytes = readFileSync(f);
      bytes.fill(0xa5, 4096, 8192);
      writeFileSync(f, bytes, { mode: 0o600 });
    },
    code: 'AUDIT_LOG_DAMAGED',
  },
  { ...log, what: 'a folder', damage: folder, code: 'STATE_DAMAGED' },
  { ...log, what: 'a symbolic link', damage: link, code: 'STATE_UNSAFE' },
  { ...log, what: 'read-only', damage: () => undefined, readOnly: true, code: 'STATE_UNWRITABLE' },

  // the log's signing key and its anchor (the head the station last wrote, kept beside the log)
  { ...logKey, what: 'garbage', damage: garbage, code: 'AUDIT_KEY' },
  { ...logKey, what: 'missing', damage: () => undefined, code: 'AUDIT_KEY' },
  { ...logKey, what: 'a folder', damage: folder, code: 'STATE_DAMAGED' },
  { ...logKey, what: 'a symbolic link', damage: link, code: 'STATE_UNSAFE' },
  { ...logAnchor, what: 'garbage', damage: garbage, code: 'AUDIT_LOG_DAMAGED' },
  { ...logAnchor, what: 'a folder', damage: folder, code: 'STATE_DAMAGED' },
  { ...logAnchor, what: 'a symbolic link', damage: link, code: 'STATE_UNSAFE' },
];

const LANGS: readonly Language[] = ['en', 'ko', 'zh-Hans', 'zh-Hant'];

/** The file and its SQLite companions, saved beside it (`<f>.saved`) and put back afterwards. */
const companions = (f: string): string[] => [f, `${f}-wal`, `${f}-shm`].filter((p) => existsSync(p));

function save(f: string): void {
  for (const p of companions(f)) renameSync(p, `${p}.saved`);
}

function restore(f: string): void {
  for (const p of [f, `${f}-wal`, `${f}-shm`, `${f}.elsewhere`]) rmSync(p, { recursive: true, force: true });
  for (const p of [f, `${f}-wal`, `${f}-shm`]) if (existsSync(`${p}.saved`)) renameSync(`${p}.saved`, p);
}

ROWS.forEach((row, i) => {
  const lang = LANGS[i % LANGS.length] as Language;
  test(`${row.label} ${row.what}: refused before any PIN or APDU, the file named (${lang})`, async () => {
    const file = row.file();
    // a read-only row leaves the file as it is; the others replace it, saved beside it
    const existed = !row.readOnly && existsSync(file);
    if (existed) save(file);
    if (!row.readOnly && row.what !== 'missing') row.damage(file);
    const apdus = { target: env.target.apduCount, agent: env.agentCard.apduCount };
    try {
      // no PINs on standard input: a prompt would end in CANCELLED, not the state error
      const r = await station([...enrollAlice(env.configFile), '--reissue', '--json', '--lang', lang], {
        env: env.env,
        stdin: '',
        ...(row.readOnly ? { readOnly: file } : {}),
      });
      const error = parseJsonLines(r.stdout).find((l) => l.type === 'error');
      assert.ok(error, `an error line: ${r.stdout}${r.stderr}`);
      assert.equal(error.code, row.code, r.stdout + r.stderr);
      assert.equal(r.code, 1, 'exit code 1');
      const details = error.details as ErrorDetails;
      assert.equal(details.file, file, 'the error names the file');
      // the message is the catalog's, in the operator's language, with the facts filled in
      const said = explainCode(row.code, details, lang, 'cli');
      assert.equal(error.message, said.message);
      if (lang !== 'en') assert.notEqual(said.message, explainCode(row.code, details, 'en', 'cli').message);
      assert.doesNotMatch(r.stdout, /"step":/, 'no step began');
      assert.equal(env.target.apduCount, apdus.target, 'no APDU reached the holder card');
      assert.equal(env.agentCard.apduCount, apdus.agent, 'no APDU reached the operator card');
    } finally {
      if (existed) restore(file);
      else if (!row.readOnly) rmSync(file, { recursive: true, force: true });
    }
    const now = await certificateOnCard(env);
    assert.ok(now, 'yubico-piv-tool still reads the holder certificate');
    assert.equal(fingerprint(now), fingerprint(holderCert));
  });
});

test('afterwards: the card still signs for its certificate, the log holds no new record and verifies', async () => {
  await assertHolderIntact(env, { certificate: holderCert, pin: holderPin, serial });
  assert.equal((await logRecords(env)).length, recordsBefore, 'no refusal wrote to the log');
});
