// The station's file primitives against what an attacker or a clumsy operator leaves in the data
// folder: links, devices, FIFOs, /proc, other owners, open permissions, huge files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { StationError } from '../../core/errors/catalog.ts';
import {
  appendDurable,
  createFileExclusive,
  ensurePrivateDir,
  readBounded,
  readBoundedText,
  writeFileAtomic,
} from '../../core/state/files.ts';
import { tempDir } from './support.ts';

const refused = (code: string, file: string) => (e: unknown) =>
  e instanceof StationError && e.code === code && e.details.file === file;

test('ensurePrivateDir creates 0700 folders and refuses links, files, other owners and open modes', () => {
  const root = tempDir();
  const made = path.join(root, 'data', 'journal');
  ensurePrivateDir(made);
  assert.equal(statSync(made).mode & 0o777, 0o700);
  assert.equal(statSync(path.dirname(made)).mode & 0o777, 0o700);
  ensurePrivateDir(made); // idempotent

  const elsewhere = tempDir();
  const link = path.join(root, 'linked');
  symlinkSync(elsewhere, link);
  assert.throws(() => ensurePrivateDir(link), refused('STATE_UNSAFE', link));

  const file = path.join(root, 'a-file');
  writeFileSync(file, '');
  assert.throws(() => ensurePrivateDir(file), refused('STATE_DAMAGED', file));

  const open = path.join(root, 'open');
  mkdirSync(open, { mode: 0o755 });
  chmodSync(open, 0o755);
  assert.throws(() => ensurePrivateDir(open), refused('STATE_UNSAFE', open));

  const foreign = path.join(root, 'foreign');
  mkdirSync(foreign, { mode: 0o700 });
  chownSync(foreign, 65534, 65534);
  assert.throws(
    () => ensurePrivateDir(foreign),
    (e: unknown) =>
      refused('STATE_UNSAFE', foreign)(e) &&
      /belongs to user 65534/.test(String((e as StationError).details.problem)),
  );
});

test('a data folder under /proc is refused at once, with the folder named', () => {
  assert.throws(
    () => ensurePrivateDir('/proc/self/station'),
    (e: unknown) => e instanceof StationError && /proc/.test(String(e.details.problem)),
  );
  assert.throws(() => ensurePrivateDir('/proc/self'), refused('STATE_UNSAFE', '/proc/self'));
});

test('bounded reads refuse /dev/zero, FIFOs, /proc files, folders, links and files over the limit', () => {
  const dir = tempDir();
  assert.throws(() => readBounded('/dev/zero', { maxBytes: 1024 }), refused('STATE_DAMAGED', '/dev/zero'));
  const fifo = path.join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  assert.throws(
    () => readBounded(fifo, { maxBytes: 1024 }),
    refused('STATE_DAMAGED', fifo),
    'no hang on a FIFO without writer',
  );
  assert.throws(
    () => readBounded('/proc/self/status', { maxBytes: 1024 }),
    refused('STATE_DAMAGED', '/proc/self/status'),
  );
  assert.throws(() => readBounded(dir, { maxBytes: 1024 }), refused('STATE_DAMAGED', dir));
  const big = path.join(dir, 'big');
  writeFileSync(big, Buffer.alloc(2048, 0x41));
  assert.throws(() => readBounded(big, { maxBytes: 2047 }), refused('STATE_DAMAGED', big));
  assert.equal(readBounded(big, { maxBytes: 2048 }).length, 2048);
  const link = path.join(dir, 'link');
  symlinkSync(big, link);
  assert.throws(() => readBounded(link, { maxBytes: 4096 }), refused('STATE_UNSAFE', link));
  assert.throws(
    () => readBounded(path.join(dir, 'missing'), { maxBytes: 1 }),
    refused('STATE_DAMAGED', path.join(dir, 'missing')),
  );
  const bad = path.join(dir, 'latin1');
  writeFileSync(bad, Buffer.from([0x66, 0xff, 0x66]));
  assert.throws(() => readBoundedText(bad, 100), refused('STATE_DAMAGED', bad));
  const priv = path.join(dir, 'open');
  writeFileSync(priv, 'x', { mode: 0o644 });
  chmodSync(priv, 0o644);
  assert.throws(() => readBounded(priv, { maxBytes: 10, private: true }), refused('STATE_UNSAFE', priv));
});

test('atomic writes use unique O_EXCL temp names, never follow a link, and leave no temp file', () => {
  const dir = tempDir();
  const target = path.join(dir, 'management-keys.json');
  const victim = path.join(dir, 'victim');
  writeFileSync(victim, 'precious');
  symlinkSync(victim, `${target}.tmp`); // the old fixed temp name, planted
  writeFileAtomic(target, 'one');
  writeFileAtomic(target, 'two');
  assert.equal(readFileSync(target, 'utf8'), 'two');
  assert.equal(statSync(target).mode & 0o777, 0o600);
  assert.equal(readFileSync(victim, 'utf8'), 'precious');
  assert.deepEqual(readdirSync(dir).sort(), ['management-keys.json', 'management-keys.json.tmp', 'victim']);

  // the target itself a link: refused, the link's target untouched
  const linked = path.join(dir, 'linked.json');
  symlinkSync(victim, linked);
  assert.throws(() => writeFileAtomic(linked, 'evil'), refused('STATE_UNSAFE', linked));
  assert.equal(readFileSync(victim, 'utf8'), 'precious');

  // the parent folder a link: refused
  const realDir = tempDir();
  const linkDir = path.join(dir, 'journal');
  symlinkSync(realDir, linkDir);
  assert.throws(
    () => writeFileAtomic(path.join(linkDir, 'x.json'), 'evil'),
    refused('STATE_UNSAFE', linkDir),
  );
  assert.deepEqual(readdirSync(realDir), []);
});

test('exclusive creation: the file appears whole or not at all, a taken name (file or link) is refused', () => {
  const dir = tempDir();
  const file = path.join(dir, 'aaaaaaaa-1.jsonl');
  createFileExclusive(file, 'first line\n');
  assert.equal(readFileSync(file, 'utf8'), 'first line\n');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.throws(() => createFileExclusive(file, 'again\n'), refused('STATE_UNSAFE', file));
  assert.equal(readFileSync(file, 'utf8'), 'first line\n', 'the existing file is untouched');

  const victim = path.join(dir, 'victim');
  writeFileSync(victim, 'precious');
  const linked = path.join(dir, 'bbbbbbbb-2.jsonl');
  symlinkSync(victim, linked);
  assert.throws(() => createFileExclusive(linked, 'evil'), refused('STATE_UNSAFE', linked));
  assert.equal(readFileSync(victim, 'utf8'), 'precious');
  assert.deepEqual(
    readdirSync(dir).sort(),
    ['aaaaaaaa-1.jsonl', 'bbbbbbbb-2.jsonl', 'victim'],
    'no temp file left',
  );
});

test('durable appends never follow a link or a linked folder and refuse open or foreign files', () => {
  const dir = tempDir();
  const journal = path.join(dir, 'j.jsonl');
  appendDurable(journal, 'a\n');
  appendDurable(journal, 'b\n');
  assert.equal(readFileSync(journal, 'utf8'), 'a\nb\n');
  assert.equal(statSync(journal).mode & 0o777, 0o600);

  const victim = path.join(dir, 'victim');
  writeFileSync(victim, 'precious', { mode: 0o600 });
  const link = path.join(dir, 'link.jsonl');
  symlinkSync(victim, link);
  assert.throws(() => appendDurable(link, 'evil\n'), refused('STATE_UNSAFE', link));
  assert.equal(readFileSync(victim, 'utf8'), 'precious');
  assert.ok(lstatSync(link).isSymbolicLink());

  const realDir = tempDir();
  const linkDir = path.join(dir, 'journal');
  symlinkSync(realDir, linkDir);
  assert.throws(
    () => appendDurable(path.join(linkDir, 'x.jsonl'), 'evil\n'),
    refused('STATE_UNSAFE', linkDir),
  );
  assert.deepEqual(readdirSync(realDir), []);

  const open = path.join(dir, 'open.jsonl');
  writeFileSync(open, '', { mode: 0o644 });
  chmodSync(open, 0o644);
  assert.throws(() => appendDurable(open, 'x\n'), refused('STATE_UNSAFE', open));
  const foreign = path.join(dir, 'foreign.jsonl');
  writeFileSync(foreign, '', { mode: 0o600 });
  chownSync(foreign, 65534, 65534);
  assert.throws(() => appendDurable(foreign, 'x\n'), refused('STATE_UNSAFE', foreign));
  assert.throws(
    () => appendDurable('/dev/null', 'x\n'),
    (e: unknown) => e instanceof StationError,
  );
});
