// The demo environment's start, as the kiosk and `station demo` use it: a start that fails half-way
// leaves nothing behind, and a command run with a temp directory of its own (TMPDIR) shares the
// test readers' pcscd instead of refusing it as a stranger's. (A fresh-clone CI run found the
// browser kiosk refused the suite's pcscd and left its station-demo folder: issue 9.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoEnvironment } from '../../dev/demo-environment.ts';
import { ensurePcscd, runningPcscdPid } from '../../dev/pcscd.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('a command with a TMPDIR of its own shares the running test pcscd', async () => {
  await ensurePcscd();
  const pid = runningPcscdPid();
  assert.ok(pid !== undefined);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'own-tmp-'));
  try {
    const r = spawnSync(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        '--input-type=module',
        '-e',
        "import { ensurePcscd } from './dev/pcscd.ts'; process.stdout.write(String(await ensurePcscd()));",
      ],
      { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'false', 'it used the daemon that runs, it did not start one');
    assert.equal(runningPcscdPid(), pid, 'the same daemon still runs');
    assert.deepEqual(readdirSync(tmp), [], 'nothing of the daemon went to its temp directory');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a start that fails half-way stops what it started and removes its folder', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'own-tmp-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  const servers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
  const before = servers();
  try {
    // a reader pair no pcscd serves: the demo CA has started, the first card cannot connect
    const nowhere = { port: 1, readers: ['Nowhere 00 00', 'Nowhere 00 01'] } as const;
    await assert.rejects(startDemoEnvironment({ pair: nowhere }));
    assert.deepEqual(readdirSync(tmp), [], 'no station-demo folder is left');
    // a closed server leaves the list once libuv has processed its close (a few ms); a server
    // left listening never would
    for (let i = 0; i < 40 && servers() !== before; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(servers(), before, 'the demo CA it started is stopped');
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(tmp, { recursive: true, force: true });
  }
});
