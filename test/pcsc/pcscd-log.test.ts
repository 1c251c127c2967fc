// The pcscd log is bounded: each daemon start begins a new file and keeps only the previous one, so
// a machine that runs the suite every day does not grow one log forever (it used to be appended to
// /tmp/station-pcscd.log on every start). Three starts and stops run in a namespace of their own
// (mount + network, like scripts/private-ns.sh), so the suite's daemon is not touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runTool } from '../support/tools.ts';

const PCSCD_MODULE = fileURLToPath(new URL('../../dev/pcscd.ts', import.meta.url));

// Between two daemons the test appends "run N ended" to the current log: after the next start it
// must be in pcscd.log.1, and two starts later nowhere.
const CHILD = `
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
const { ensurePcscd, stopPcscd, PCSCD_LOG } = await import(${JSON.stringify(PCSCD_MODULE)});
for (let i = 0; i < 3; i++) {
  if (!(await ensurePcscd())) throw new Error('a pcscd was already running in the new namespace');
  await stopPcscd();
  appendFileSync(PCSCD_LOG, 'run ' + i + ' ended\\n');
}
const read = (f) => { try { return readFileSync(f, 'utf8'); } catch { return null; } };
console.log(JSON.stringify({
  files: readdirSync(path.dirname(PCSCD_LOG)).filter((f) => f.startsWith('pcscd.log')).sort(),
  current: read(PCSCD_LOG),
  previous: read(PCSCD_LOG + '.1'),
}));
`;

const SETUP = [
  'set -e',
  'ip link set lo up',
  'mount -t tmpfs -o mode=0755 tmpfs /run/pcscd',
  'mkdir -p /tmp/station-pcscd',
  'mount -t tmpfs tmpfs /tmp/station-pcscd',
  'exec "$0" --disable-warning=ExperimentalWarning --input-type=module -e "$1"',
].join('\n');

test(
  'each pcscd start rotates its log: the current run and one before it, nothing older',
  { skip: process.getuid?.() !== 0 && 'needs root (namespaces)' },
  async () => {
    const r = await runTool(
      'unshare',
      ['--mount', '--net', '--propagation', 'private', 'bash', '-c', SETUP, process.execPath, CHILD],
      { env: { ...process.env, TMPDIR: '/tmp' }, timeoutMs: 60_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as {
      files: string[];
      current: string | null;
      previous: string | null;
    };
    assert.deepEqual(out.files, ['pcscd.log', 'pcscd.log.1']);
    assert.match(out.current ?? '', /run 2 ended/);
    assert.doesNotMatch(out.current ?? '', /run [01] ended/);
    assert.match(out.previous ?? '', /run 1 ended/);
    assert.doesNotMatch(out.previous ?? '', /run 0 ended/, 'the log of two starts ago is gone');
  },
);
