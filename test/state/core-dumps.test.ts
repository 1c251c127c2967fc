// Core dumps switched off for the station process: checked from outside (the parent reads
// /proc/<pid>/limits, util-linux prlimit reads the limit), and by a real crash that leaves no core.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { coreLimit } from '../../core/state/core-dumps.ts';
import { exited, firstLine, startWorkerWithCoreDumps, tempDir } from './support.ts';

const prlimitCore = (pid: number): string =>
  execFileSync('prlimit', ['--pid', String(pid), '--core', '--output', 'SOFT,HARD', '--noheadings'], {
    encoding: 'utf8',
  })
    .trim()
    .replace(/\s+/g, ' ');

test('the guard lowers RLIMIT_CORE to 0/0 in the station process, as prlimit sees it', async () => {
  const dir = tempDir('core-');
  const child = startWorkerWithCoreDumps(dir, 'core-dumps', 'guard', 'wait');
  const report = JSON.parse(await firstLine(child)) as {
    before: string[];
    guard: { disabled: boolean; how: string };
  };
  const pid = child.pid as number;
  assert.deepEqual(report.before, ['unlimited', 'unlimited'], 'started with core dumps on');
  assert.equal(report.guard.disabled, true, report.guard.how);
  assert.deepEqual(coreLimit(pid), ['0', '0'], '/proc/<pid>/limits read by another process');
  assert.equal(prlimitCore(pid), '0 0');
  child.stdin?.end();
  assert.equal(await exited(child), 0);
});

test('a crash after the guard leaves no core file; without it the same crash does (where core_pattern is a file)', async (t) => {
  const pattern = readFileSync('/proc/sys/kernel/core_pattern', 'utf8').trim();
  const guarded = tempDir('core-');
  const child = startWorkerWithCoreDumps(guarded, 'core-dumps', 'guard', 'abort');
  await exited(child);
  assert.equal(child.signalCode, 'SIGABRT');
  assert.deepEqual(
    readdirSync(guarded).filter((n) => n.startsWith('core')),
    [],
    'no core file written',
  );

  if (pattern.startsWith('|') || pattern.includes('/')) {
    t.diagnostic(`core_pattern is ${pattern}: the unguarded control cannot be observed in a folder`);
    return;
  }
  const open = tempDir('core-');
  const control = startWorkerWithCoreDumps(open, 'core-dumps', 'none', 'abort');
  await exited(control);
  assert.equal(control.signalCode, 'SIGABRT');
  assert.ok(
    readdirSync(open).some((n) => n.startsWith('core')),
    'the control crash did write a core file, so the guarded run shows the guard at work',
  );
});
