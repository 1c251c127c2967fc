// Locks held by a live process, raced by real child processes: nothing lost under the station
// lock, a live holder named (pid + start time from /proc), a killed holder's lock taken over by
// exactly one of several racers, and two cards locked at once inside one process.
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { StationError } from '../../core/errors/catalog.ts';
import {
  acquireCardLock,
  acquireLock,
  cardLockFile,
  isHeldByLiveOwner,
  lockState,
  processStartTime,
  withStationLock,
} from '../../core/state/lock.ts';
import { exited, firstLine, runWorker, startWorker, tempDir } from './support.ts';

const procStart = (pid: number): string => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] as string;
};

test('four processes incrementing one file under the station lock lose no update', async () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'counter'), '0');
  await Promise.all(Array.from({ length: 4 }, () => runWorker('counter', dir, '150')));
  assert.equal(readFileSync(path.join(dir, 'counter'), 'utf8'), '600');
});

test('a live holder in another process is named by pid and start time; its death frees the lock', async () => {
  const dir = tempDir();
  const file = cardLockFile(dir, 'serial:4242');
  const holder = startWorker('hold', file, 'enroll CORP\\alice');
  assert.equal(await firstLine(holder), 'held');
  const pid = holder.pid as number;

  const owner = JSON.parse(readFileSync(`${file}.owner`, 'utf8')) as { pid: number; startTime: string };
  assert.equal(owner.pid, pid);
  assert.equal(owner.startTime, procStart(pid), 'the start time is the one /proc shows for the holder');
  assert.equal(processStartTime(pid), procStart(pid));

  assert.equal(isHeldByLiveOwner(file), true);
  const state = lockState(file);
  assert.ok(state.held && state.owner?.pid === pid);
  assert.throws(
    () => acquireLock(file, 'recover'),
    (e: unknown) => e instanceof StationError && e.code === 'STATE_LOCKED' && e.details.ownerPid === pid,
  );
  const other = await runWorker('try', file);
  assert.match(other, new RegExp(`^STATE_LOCKED .*"ownerPid":${pid}`));

  holder.kill('SIGKILL');
  await exited(holder);
  // the owner file of the dead process is still there, but the kernel dropped its lock
  assert.equal(isHeldByLiveOwner(file), false);
  const after = lockState(file);
  assert.ok(
    !after.held && after.previousOwner?.pid === pid,
    'the dead owner is reported as the previous one',
  );
  const lock = acquireLock(file, 'recover');
  assert.equal(JSON.parse(readFileSync(`${file}.owner`, 'utf8')).pid, process.pid);
  lock.release();
  assert.equal(isHeldByLiveOwner(file), false);
});

test("six racers for a killed owner's lock: exactly one takes it over", async () => {
  const dir = tempDir();
  const file = cardLockFile(dir, 'serial:77');
  const holder = startWorker('hold', file, 'enroll');
  assert.equal(await firstLine(holder), 'held');
  holder.kill('SIGKILL');
  await exited(holder);
  const results = await Promise.all(Array.from({ length: 6 }, () => runWorker('race', file, '4000')));
  const lines = results.map((r) => r.trim()).sort();
  assert.deepEqual(lines, [
    'STATE_LOCKED',
    'STATE_LOCKED',
    'STATE_LOCKED',
    'STATE_LOCKED',
    'STATE_LOCKED',
    'got',
  ]);
});

test('one kiosk process enrolls two cards at once; the same card twice is refused', () => {
  const dir = tempDir();
  const a = acquireCardLock(dir, 'serial:1', 'enroll on reader A');
  const b = acquireCardLock(dir, 'serial:2', 'enroll on reader B');
  assert.notEqual(a.file, b.file);
  assert.throws(
    () => acquireCardLock(dir, 'serial:1', 'enroll on reader B'),
    (e: unknown) =>
      e instanceof StationError &&
      e.code === 'CARD_BUSY' &&
      e.details.ownerPid === process.pid &&
      e.details.card === 'serial:1',
  );
  assert.equal(isHeldByLiveOwner(a.file), true);
  a.release();
  assert.equal(isHeldByLiveOwner(a.file), false);
  assert.equal(isHeldByLiveOwner(b.file), true);
  b.release();
});

test('the station lock is re-entrant within a call stack and refuses an async critical section', () => {
  const dir = tempDir();
  assert.equal(
    withStationLock(dir, 'outer', () => withStationLock(dir, 'inner', () => 42)),
    42,
  );
  assert.throws(() => withStationLock(dir, 'async', () => Promise.resolve(1)), /synchronous/);
  // released after the refusal
  assert.equal(
    withStationLock(dir, 'again', () => 'ok'),
    'ok',
  );
});

test('a lock file planted as a symbolic link is refused, its target untouched', () => {
  const dir = tempDir();
  const target = path.join(dir, 'victim');
  writeFileSync(target, 'precious');
  const file = cardLockFile(dir, 'serial:9');
  withStationLock(dir, 'make the locks folder', () => undefined);
  symlinkSync(target, file);
  assert.throws(
    () => acquireLock(file, 'enroll'),
    (e: unknown) => e instanceof StationError && e.code === 'STATE_UNSAFE' && e.details.file === file,
  );
  assert.equal(readFileSync(target, 'utf8'), 'precious');
});
