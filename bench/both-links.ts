// Runs a card bench twice, each time in its own private namespace (scripts/private-ns.sh): first
// with the quickack loopback route, then on the plain link where Debian vpcd's two-write APDUs
// stall ~44 ms each (docs/testing.md). Each run prints its own report, with its ratios against the
// references it measured itself (yubico-piv-tool on the same card and link); this adds the two side
// by side and plain / quick.
//
//   npm run bench:enrollment -- [rounds]     = node bench/both-links.ts enrollment [rounds]
//   npm run bench:piv-card -- [rounds]       = node bench/both-links.ts piv-card [rounds]
//
// Needs root (the namespaces); the benches are never part of the test run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EnrollmentFigures } from './enrollment.bench.ts';
import type { PivCardFigures } from './piv-card.bench.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCHES = { enrollment: 'bench/enrollment.bench.ts', 'piv-card': 'bench/piv-card.bench.ts' } as const;
type BenchName = keyof typeof BENCHES;
const LINKS = ['quick', 'plain'] as const;

const name = process.argv[2];
if (name === undefined || !(name in BENCHES)) {
  process.stderr.write(`usage: node bench/both-links.ts ${Object.keys(BENCHES).join('|')} [rounds]\n`);
  process.exit(2);
}
const bench = name as BenchName;
const extra = process.argv.slice(3);

function runOnLink(link: (typeof LINKS)[number], jsonFile: string): Promise<void> {
  const args = [
    ...(link === 'plain' ? ['--plain-link'] : []),
    process.execPath,
    '--disable-warning=ExperimentalWarning',
    BENCHES[bench],
    ...extra,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'scripts/private-ns.sh'), args, {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      // reader pair D: apart from the pair a test file uses by default
      env: { ...process.env, BENCH_JSON: jsonFile, STATION_TEST_VPCD: 'D' },
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${bench} on the ${link} link exited ${code}`)),
    );
  });
}

const f = (n: number, d = 0): string => (Number.isFinite(n) ? n.toFixed(d) : '–');
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

function compareEnrollment(quick: EnrollmentFigures, plain: EnrollmentFigures): void {
  console.log('## Enrollment on both links (medians; plain / quick)');
  console.log('');
  console.log(row(['', 'quickack route', 'plain link', 'plain / quick']));
  console.log(row(['---', '--:', '--:', '--:']));
  const line = (what: string, q: number, p: number, d = 0): void =>
    console.log(row([what, f(q, d), f(p, d), f(p / q, 2)]));
  line('enrollment ms', quick.enrollmentMs, plain.enrollmentMs);
  line('APDUs per enrollment', quick.apdus, plain.apdus);
  line('one APDU round trip ms', quick.apduRttMs, plain.apduRttMs, 1);
  line('operator sign-in ms (once per session)', quick.signIn.ms, plain.signIn.ms);
  line('operator sign-in APDUs', quick.signIn.apdus, plain.signIn.apdus);
  line('yubico-piv-tool keygen ms (reference)', quick.toolKeygenMs, plain.toolKeygenMs);
  line('yubico-piv-tool, the six card actions ms', quick.toolTotalMs, plain.toolTotalMs);
  line(
    'enrollment / yubico-piv-tool six actions',
    quick.enrollmentMs / quick.toolTotalMs,
    plain.enrollmentMs / plain.toolTotalMs,
    2,
  );
  console.log('');
  console.log(row(['step', 'APDUs', 'quick ms', 'plain ms', 'plain − quick ms', 'per APDU ms']));
  console.log(row(['---', '--:', '--:', '--:', '--:', '--:']));
  for (const q of quick.steps) {
    const p = plain.steps.find((s) => s.step === q.step);
    if (p === undefined || (q.apdus === 0 && q.ms < 0.05)) continue;
    const extraMs = p.ms - q.ms;
    console.log(
      row([
        q.step,
        f(q.apdus),
        f(q.ms, 1),
        f(p.ms, 1),
        f(extraMs, 1),
        q.apdus ? f(extraMs / q.apdus, 1) : '',
      ]),
    );
  }
}

function comparePivCard(quick: PivCardFigures, plain: PivCardFigures): void {
  console.log('## PIV card operations on both links (means; plain / quick)');
  console.log('');
  console.log(
    row([
      'operation',
      'APDUs station',
      'APDUs tool',
      'quick ms station',
      'quick ms tool',
      'plain ms station',
      'plain ms tool',
      'station plain / quick',
    ]),
  );
  console.log(row(['---', '--:', '--:', '--:', '--:', '--:', '--:', '--:']));
  for (const q of quick.operations) {
    const p = plain.operations.find((o) => o.op === q.op);
    if (p === undefined) continue;
    console.log(
      row([
        q.op,
        f(q.station.apdus, 1),
        f(q.yubico.apdus, 1),
        f(q.station.ms, 1),
        f(q.yubico.ms, 1),
        f(p.station.ms, 1),
        f(p.yubico.ms, 1),
        f(p.station.ms / q.station.ms, 1),
      ]),
    );
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-links-'));
try {
  const files = { quick: path.join(dir, 'quick.json'), plain: path.join(dir, 'plain.json') };
  for (const link of LINKS) await runOnLink(link, files[link]);
  console.log('');
  const quick: unknown = JSON.parse(readFileSync(files.quick, 'utf8'));
  const plain: unknown = JSON.parse(readFileSync(files.plain, 'utf8'));
  if (bench === 'enrollment') compareEnrollment(quick as EnrollmentFigures, plain as EnrollmentFigures);
  else comparePivCard(quick as PivCardFigures, plain as PivCardFigures);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
