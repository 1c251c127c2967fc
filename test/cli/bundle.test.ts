// bin/station runs the CLI from an esbuild bundle (cli/bundle.mjs, cli/run.mjs) only while the
// bundle is that of the sources: any write to a file it was made from makes the next start build
// it again, and the bundle says exactly what the sources say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: plain JavaScript (it runs before any TypeScript can), checked by its own @ts-check
import { unchanged } from '../../cli/bundle.mjs';

type FileStamp = [string, string, string, string, string, string | null];
const isUnchanged = unchanged as (root: string, s: FileStamp) => boolean;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/station');
const MANIFEST = path.join(ROOT, 'dist/cli/manifest.json');

function stampOf(dir: string, rel: string, sha: string | null = null): FileStamp {
  const st = statSync(path.join(dir, rel), { bigint: true });
  return [rel, String(st.size), String(st.mtimeNs), String(st.ctimeNs), String(st.ino), sha];
}

test('a file written since the build is seen, even with its size and times put back', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'station-bundle-'));
  try {
    const file = path.join(dir, 'a.ts');
    writeFileSync(file, 'export const a = 1;\n');
    // whole seconds, so that utimes can put them back exactly
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const before = stampOf(dir, 'a.ts');
    assert.equal(isUnchanged(dir, before), true);
    writeFileSync(file, 'export const a = 2;\n'); // same size
    utimesSync(file, 1_700_000_000, 1_700_000_000); // the times of the old content
    assert.equal(stampOf(dir, 'a.ts')[1], before[1]);
    assert.equal(stampOf(dir, 'a.ts')[2], before[2], 'mtime put back');
    assert.equal(isUnchanged(dir, before), false, 'the ctime tells');
    // a file stamped within a clock tick of the build is also checked by its content
    const racy = stampOf(dir, 'a.ts', '0'.repeat(64));
    assert.equal(isUnchanged(dir, racy), false);
    rmSync(file);
    assert.equal(isUnchanged(dir, before), false, 'a removed file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const station = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(BIN, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('the bundle is built when missing and answers as the sources do', () => {
  rmSync(MANIFEST, { force: true });
  const t0 = Date.now();
  const cases = [
    ['--version'],
    ['--help'],
    ['--lang', 'ko', 'audit', '--help'],
    ['audit', 'list', '--limit', 'many'],
    ['audit', 'list', '--db', '/nonexistent/audit.sqlite', '--json'],
    ['enroll', '--bogus'],
    ['nosuchcommand'],
  ];
  const bundled = cases.map((a) => station(a));
  assert.ok(existsSync(MANIFEST), 'the first start built the bundle');
  assert.ok(statSync(MANIFEST).mtimeMs >= t0 - 1000);
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { entry: string; files: FileStamp[] };
  assert.ok(existsSync(path.join(ROOT, manifest.entry)));
  const names = manifest.files.map((f) => f[0]);
  for (const f of ['cli/station.ts', 'cli/commands/audit.ts', 'core/errors/catalog.ts', 'cli/bundle.mjs'])
    assert.ok(names.includes(f), `${f} is in the manifest`);
  const sources = cases.map((a) => station(a, { STATION_CLI_BUNDLE: '0' }));
  assert.deepEqual(bundled, sources);
  assert.equal(bundled[0]!.stdout.trim().startsWith('station '), true);
  assert.equal(bundled[0]!.status, 0);
});

test('a source written after the build makes the next start build again', () => {
  station(['--version']);
  const before = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { entry: string };
  const file = path.join(ROOT, 'cli/output.ts');
  const { atime, mtime } = statSync(file);
  // rewritten with the same content and its times put back: only the ctime moves
  writeFileSync(file, readFileSync(file));
  utimesSync(file, atime, mtime);
  const r = station(['--version']);
  assert.equal(r.status, 0);
  const after = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { entry: string };
  assert.notEqual(after.entry, before.entry, 'built again');
  assert.ok(existsSync(path.join(ROOT, after.entry)));
});
