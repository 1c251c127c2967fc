// The support library's own promises: temp folders go even when a test forgets them or crashes, and
// the runner survives a tool that exits without reading its input (an uncaught EPIPE used to fail
// test/sim-card/tools.test.ts now and then).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkedTool, runTool, ToolFailedError } from './tools.ts';

const TOOLS = fileURLToPath(new URL('../../dev/tools.ts', import.meta.url));

/** A child Node that makes a temp folder, prints its path, then ends as `ending` says. */
async function folderLeftBy(ending: string): Promise<{ path: string; status: number }> {
  const script = `
    const { tempDir } = await import(${JSON.stringify(TOOLS)});
    const d = tempDir('support-selftest-');
    d.file('x', 'y');
    console.log(d.path);
    ${ending}
  `;
  const r = await runTool(process.execPath, [
    '--disable-warning=ExperimentalWarning',
    '--input-type=module',
    '-e',
    script,
  ]);
  const path = r.stdout.trim().split('\n')[0] ?? '';
  assert.ok(path.includes('support-selftest-'), r.stderr);
  return { path, status: r.status };
}

test('a temp folder the test never removed is gone when the process exits', async () => {
  const normal = await folderLeftBy('');
  assert.equal(normal.status, 0);
  assert.equal(existsSync(normal.path), false);
});

test('… also when the process dies of an uncaught exception', async () => {
  const crashed = await folderLeftBy("throw new Error('boom');");
  assert.notEqual(crashed.status, 0);
  assert.equal(existsSync(crashed.path), false);
});

test('a tool that exits without reading its input is an exit status, not an EPIPE crash', async () => {
  const r = await runTool('true', [], { input: 'x'.repeat(4 << 20) });
  assert.equal(r.status, 0);
  const failed = await runTool('sh', ['-c', 'echo nope >&2; exit 3'], { input: 'x'.repeat(1 << 20) });
  assert.equal(failed.status, 3);
  assert.equal(failed.stderr.trim(), 'nope');
});

test('checkedTool rejects a non-zero exit with both streams; input reaches the tool on stdin', async () => {
  assert.equal((await checkedTool('cat', [], { input: 'on stdin' })).stdout, 'on stdin');
  await assert.rejects(
    checkedTool('sh', ['-c', 'echo out; echo err >&2; exit 2']),
    (e: unknown) =>
      e instanceof ToolFailedError &&
      e.result.status === 2 &&
      e.result.stdout === 'out\n' &&
      /err/.test(e.message),
  );
});
