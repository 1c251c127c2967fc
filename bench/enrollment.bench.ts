// Enrollment benchmark (never part of the test run): enrollments per minute on the software PIV
// card and the demo CA, where the time and the APDUs of one enrollment go, step by step.
//
//   npm run bench:enrollment -- [rounds]     both links, one after the other (bench/both-links.ts)
//   scripts/private-ns.sh [--plain-link] node --disable-warning=ExperimentalWarning \
//     bench/enrollment.bench.ts [rounds]     one link (ENROLL_BENCH_ROUNDS, ENROLL_BENCH_WARMUP=1)
//
// It starts its own pcscd, so it runs only inside scripts/private-ns.sh: with the quickack
// loopback route (default) vpcd's per-APDU stall is gone and the figures are the software's; with
// --plain-link every APDU pays Debian vpcd's ~44 ms (two writes, Nagle, delayed ACK: see
// docs/testing.md), as the suite did before the namespace route. BENCH_JSON=<file> also writes the
// figures as JSON (both-links.ts reads them). Reader pair D.
//
// Measured: the operator signs in once (agent PIN, certificate read once per session, timed and
// counted apart), then each round enrolls a freshly manufactured blank soft card on behalf of a
// directory user through Station.enroll, the path `station enroll` and the kiosk take: the engine,
// the agent card re-checked by its serial and signing the enroll-on-behalf wrapper, HTTPS to the
// demo CA, the audit log (one fsync'd transaction per record) and the journal. A step's wall time
// is the time from its progress event to the next one. "setup" is Station.enroll before the engine's
// first event (target card connect and SELECT); "finish" is after 'done' (last record, journal,
// closing the target connection). The audit-log share of each step is timed by wrapping
// SqliteAuditLog.append. Users alternate between CORP\alice and CORP\dave: the demo directory's only
// enabled users with a mail address (SmartcardUser requires one).
//
// Not counted: swapping the target card between rounds. The old soft card is stopped, PC/SC must
// report the reader empty, and a new card with a new serial is started, so the station's key store
// holds no management key for it and the card is blank. That is the operator's hands at a kiosk.
//
// APDUs are what both soft cards answered (they count every command, chained blocks and GET
// RESPONSE rounds included): the protocol minimum for one enrollment with short APDUs is 34, the
// budget 36 (issue 9 §4, held by test/piv/apdu-budget.test.ts).
//
// Reference, same run, same link, same reader, same in-process soft card: the card-side work of an
// enrollment done by an independent tool, yubico-piv-tool, one process per action as an
// administrator would type them, on its own fresh blank card:
//   keygen          generate RSA-2048 in 9A
//   csr             verify-pin (transport PIN) + test-signature: one on-card signature, like the
//                   CSR (2.2.0 cannot selfsign here; an openssl CA certifies the key, untimed)
//   write           import-certificate into 9A
//   admin-key       set-mgm-key (random 3DES key)
//   pin-change      change-pin
//   proof           verify-pin + test-signature
// The tool needs no CA, agent card, log or journal, and each of its runs pays a process start and
// a PC/SC connect, so "station / tool" shows what the station adds around the same card operations.
// The headline unit is one yubico-piv-tool RSA-2048 keygen (median of the run). Two floors, also
// per round: a bare in-process generateKeyPairSync('rsa', 2048) (the soft card's keygen is exactly
// that, in this process) and one APDU round trip (SELECT PIV over an open connection).
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteAuditLog } from '../core/audit/sqlite-log.ts';
import type { AuditEvent } from '../core/audit/record.ts';
import { STEP_TABLE } from '../core/enrollment/steps.ts';
import { PcscService } from '../native/pcsc/index.ts';
import type { SoftCard } from '../sim/card/index.ts';
import { VPCD } from '../dev/pcscd.ts';
import {
  randomHolderPin,
  startDemoEnvironment,
  TRANSPORT_PIN,
  waitForCards,
} from '../dev/demo-environment.ts';
import { cliStation } from '../cli/compose.ts';
import { connectWhenFree } from '../station/cards.ts';
import { PIV_AID } from '../core/card/piv/constants.ts';
import { OpensslCa } from '../dev/test-ca.ts';
import { mustTool } from '../dev/tools.ts';
import type { OperatorSession } from '../station/index.ts';

const ROUNDS = positiveInt(process.argv[2] ?? process.env.ENROLL_BENCH_ROUNDS ?? '5', 'rounds');
const WARMUP = positiveInt(process.env.ENROLL_BENCH_WARMUP ?? '1', 'ENROLL_BENCH_WARMUP', true);
const PAIR = VPCD.D;
const LINK = process.env.STATION_LINK === 'plain' ? 'plain' : 'quick';
if (process.env.STATION_PRIVATE_NS !== '1')
  throw new Error(
    'run inside scripts/private-ns.sh (npm run bench:enrollment does): the bench starts its own pcscd',
  );
const USERS = ['alice', 'dave'] as const;

function positiveInt(text: string, what: string, zeroOk = false): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1))
    throw new Error(`${what} must be an integer, got ${text}`);
  return n;
}

/** Engine steps in order, without 'done' (its event closes 'proof'), framed by the outside time. */
const ENGINE_STEPS: readonly string[] = STEP_TABLE.map((s) => s.id);
const LINES: readonly string[] = ['setup', ...ENGINE_STEPS, 'finish'];
const WHAT: Readonly<Record<string, string>> = {
  setup: 'outside the engine: target card connect + SELECT',
  identify: 'GET SERIAL, 9A certificate (absent), PIN + PUK metadata',
  agent: 'agent card already open: log and journal only',
  admin: 'management-key mutual authentication',
  keygen: 'RSA-2048 generated on the card',
  csr: 'VERIFY transport PIN, PKCS#10 signed on the card',
  wrap: 'agent card re-checked (GET SERIAL), enroll-on-behalf CMS signed by it',
  submit: 'HTTPS POST to /certsrv, the CA issues',
  check: 'chain, EKUs, UPN, mail, SID, template, key',
  write: 'certificate written (PUT DATA, chained)',
  personalise: 'CHUID and CCC written',
  'admin-key': 'random management key stored, then set on the card',
  puk: 'random PUK stored, then set on the card (CHANGE REFERENCE DATA)',
  'pin-change': 'CHANGE REFERENCE DATA to the holder PIN',
  proof: 'VERIFY new PIN, card signs a challenge',
  finish: 'outside the engine: last record, close the target connection',
};
/** The yubico-piv-tool action that does the same card work as a station step. */
const TOOL_FOR: Readonly<Record<string, string>> = {
  keygen: 'generate',
  csr: 'test-signature (transport PIN)',
  write: 'import-certificate',
  'admin-key': 'set-mgm-key',
  'pin-change': 'change-pin',
  proof: 'test-signature',
};

interface Round {
  totalMs: number;
  stepMs: Map<string, number>;
  auditMs: Map<string, number>;
  /** APDUs both soft cards answered during the line (the cards count them themselves) */
  apdus: Map<string, number>;
  toolMs: Map<string, number>;
  toolApdus: Map<string, number>;
  nodeKeygenMs: number;
  /** median of a few SELECTs over one open connection to the target card */
  apduRttMs: number;
}

const add = (m: Map<string, number>, k: string, v: number): void => {
  m.set(k, (m.get(k) ?? 0) + v);
};

/** nearest-rank percentile */
function pct(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'enroll-bench-'));
  const started = performance.now();
  const env = await startDemoEnvironment({ root, pair: PAIR, stationId: 'bench-kiosk' });
  const reader = env.targetReader;
  const pcsc = new PcscService();
  let target: SoftCard = env.target;

  /** A new blank card in the target reader (see the header: not counted). */
  const freshTarget = async (): Promise<void> => {
    target = await env.insertBlankCard();
  };

  // Which line the running code belongs to, for the audit-log wrapper.
  let line = 'setup';
  let auditSink: Map<string, number> | undefined;
  const originalAppend = SqliteAuditLog.prototype.append;
  SqliteAuditLog.prototype.append = async function (this: SqliteAuditLog, event: AuditEvent) {
    const t0 = performance.now();
    try {
      return await originalAppend.call(this, event);
    } finally {
      if (auditSink) add(auditSink, line, performance.now() - t0);
    }
  };

  // one Station and one operator session for the whole run, as at a kiosk
  const station = cliStation(env.config);
  let operator: OperatorSession | undefined;
  const signIn = { ms: 0, apdus: 0 };

  const enrollOnce = async (round: number, r: Round): Promise<void> => {
    const sam = USERS[round % USERS.length] ?? 'alice';
    const user = env.ca.directory.find(sam);
    if (user?.userPrincipalName === undefined) throw new Error(`no user ${sam} in the demo directory`);
    line = 'setup';
    auditSink = r.auditMs;
    const apdusNow = (): number => target.apduCount + env.agentCard.apduCount;
    let apduMark = apdusNow();
    let mark = performance.now();
    const t0 = mark;
    const holderPin = randomHolderPin();
    const result = await station.enroll(
      {
        requesterName: `CORP\\${sam}`,
        upn: user.userPrincipalName,
        ...(user.mail === undefined ? {} : { email: user.mail }),
        sid: user.objectSid,
        reissue: false,
        targetReader: reader,
      },
      operator as OperatorSession,
      {
        askNewPin: async () => holderPin,
        onProgress: (p) => {
          const now = performance.now();
          add(r.stepMs, line, now - mark);
          add(r.apdus, line, apdusNow() - apduMark);
          mark = now;
          apduMark = apdusNow();
          line = p.step === 'done' ? 'finish' : p.step;
        },
      },
    );
    const end = performance.now();
    add(r.stepMs, line, end - mark);
    add(r.apdus, line, apdusNow() - apduMark);
    auditSink = undefined;
    r.totalMs = end - t0;
    if (result.status !== 'issued') throw new Error(`round ${round}: ${result.status}`);
  };

  // yubico-piv-tool 2.2.0 cannot selfsign or request-certificate with this OpenSSL (see
  // test/sim-card/tools.test.ts), so an openssl CA certifies the card key, outside the timing.
  const opensslCa = new OpensslCa();
  const toolOnce = async (round: number, r: Round): Promise<void> => {
    const pub = path.join(root, `tool-${round}.pub.pem`);
    const newPin = randomHolderPin().use((b) => Buffer.from(b).toString('utf8'));
    const tool = async (name: string, args: readonly string[]): Promise<void> => {
      const a0 = target.apduCount;
      const t0 = performance.now();
      await mustTool('yubico-piv-tool', ['-r', reader, ...args]);
      add(r.toolMs, name, performance.now() - t0);
      add(r.toolApdus, name, target.apduCount - a0);
    };
    await tool('generate', ['-a', 'generate', '-s', '9a', '-A', 'RSA2048', '-o', pub]);
    const spki = createPublicKey(readFileSync(pub, 'utf8')).export({ type: 'spki', format: 'der' });
    const cert = opensslCa.issue(new Uint8Array(spki), `bench-${round}`).pemPath;
    // the CSR's counterpart: VERIFY with the transport PIN and one on-card signature
    const sign = (pin: string): string[] => [
      '-a',
      'verify-pin',
      '-P',
      pin,
      '-a',
      'test-signature',
      '-s',
      '9a',
      '-i',
      cert,
    ];
    await tool('test-signature (transport PIN)', sign(TRANSPORT_PIN));
    await tool('import-certificate', ['-a', 'import-certificate', '-s', '9a', '-i', cert]);
    await tool('set-mgm-key', ['-a', 'set-mgm-key', '-n', randomBytes(24).toString('hex')]);
    await tool('change-pin', ['-a', 'change-pin', '-P', TRANSPORT_PIN, '-N', newPin]);
    await tool('test-signature', sign(newPin));
  };

  const apduRoundTrip = async (): Promise<number> => {
    const transport = await connectWhenFree(pcsc, reader);
    try {
      const samples: number[] = [];
      for (let k = 0; k < 9; k++) {
        const t0 = performance.now();
        const res = await transport.transmit({ cla: 0, ins: 0xa4, p1: 0x04, p2: 0, data: PIV_AID, ne: 256 });
        samples.push(performance.now() - t0);
        if (res.sw !== 0x9000) throw new Error(`SELECT PIV: ${res.sw.toString(16)}`);
      }
      return median(samples);
    } finally {
      await transport.close('leave');
    }
  };

  const rounds: Round[] = [];
  let swapMs = 0;
  try {
    await pcsc.start();
    await waitForCards(pcsc, [reader, env.agentReader]);
    const a0 = env.agentCard.apduCount + target.apduCount;
    const s0 = performance.now();
    operator = await station.signInOperator(env.agentPin.clone(), env.agentReader);
    signIn.ms = performance.now() - s0;
    signIn.apdus = env.agentCard.apduCount + target.apduCount - a0;
    for (let i = 0; i < WARMUP + ROUNDS; i++) {
      const r: Round = {
        totalMs: 0,
        stepMs: new Map(),
        auditMs: new Map(),
        apdus: new Map(),
        toolMs: new Map(),
        toolApdus: new Map(),
        nodeKeygenMs: 0,
        apduRttMs: 0,
      };
      // the first enrollment uses the environment's own blank card
      let t = performance.now();
      if (i > 0) await freshTarget();
      swapMs += performance.now() - t;
      await enrollOnce(i, r);
      t = performance.now();
      await freshTarget();
      swapMs += performance.now() - t;
      await toolOnce(i, r);
      t = performance.now();
      generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
      r.nodeKeygenMs = performance.now() - t;
      r.apduRttMs = await apduRoundTrip();
      if (i >= WARMUP) rounds.push(r);
      process.stderr.write(
        `${i < WARMUP ? 'warm-up' : `round ${i - WARMUP + 1}/${ROUNDS}`}: enrollment ${r.totalMs.toFixed(0)} ms\n`,
      );
    }
  } finally {
    SqliteAuditLog.prototype.append = originalAppend;
    await operator?.close();
    await station.close().catch(() => undefined);
    await pcsc.close().catch(() => undefined);
    await env.stop();
    opensslCa.remove();
    if (process.env.ENROLL_BENCH_KEEP === undefined) rmSync(root, { recursive: true, force: true });
  }
  report(rounds, swapMs, performance.now() - started, signIn);
}

function report(
  rounds: readonly Round[],
  swapMs: number,
  wallMs: number,
  signIn: { ms: number; apdus: number },
): void {
  const f = (n: number, d = 0): string => (Number.isFinite(n) ? n.toFixed(d) : '–');
  const totals = rounds.map((r) => r.totalMs);
  const sumTotal = totals.reduce((a, b) => a + b, 0);
  const toolKeygen = median(rounds.map((r) => r.toolMs.get('generate') ?? 0));
  const toolTotal = median(rounds.map((r) => [...r.toolMs.values()].reduce((a, b) => a + b, 0)));
  const nodeKeygen = median(rounds.map((r) => r.nodeKeygenMs));
  const apduRtt = median(rounds.map((r) => r.apduRttMs));
  const apdus = median(rounds.map((r) => [...r.apdus.values()].reduce((a, b) => a + b, 0)));

  console.log(
    `## Enrollment benchmark, ${LINK === 'quick' ? 'quickack loopback route' : 'plain link (vpcd stall kept)'}: ` +
      `software PIV card on "${PAIR.readers[0]}", demo CA`,
  );
  console.log('');
  console.log(
    `${rounds.length} rounds after ${WARMUP} warm-up, Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu?'}; ` +
      `whole run ${f(wallMs / 1000, 1)} s (card swaps ${f(swapMs / 1000, 1)} s, not counted)`,
  );
  console.log('');
  console.log(
    `- **${f(60_000 / mean(totals), 1)} enrollments/minute** (60 s / mean enrollment of ${f(mean(totals))} ms; ` +
      `median ${f(median(totals))} ms, p90 ${f(pct(totals, 90))} ms)`,
  );
  console.log(
    `- reference unit: one yubico-piv-tool RSA-2048 keygen on the same card, median ${f(toolKeygen)} ms ` +
      `(bare in-process Node RSA-2048 keygen: ${f(nodeKeygen)} ms)`,
  );
  console.log(
    `- operator sign-in, once per session: ${f(signIn.ms)} ms, ${f(signIn.apdus)} APDUs (agent PIN, certificate read once)`,
  );
  console.log(
    `- one APDU round trip through pcscd + vpcd: median ${f(apduRtt, 1)} ms; the ${f(apdus)} APDUs of an ` +
      `enrollment × that = ${f(apdus * apduRtt)} ms, ${f((100 * apdus * apduRtt) / median(totals))} % of it`,
  );
  console.log(
    `- one enrollment = **${f(median(totals) / toolKeygen, 1)} × a yubico-piv-tool keygen** = ` +
      `${f(median(totals) / toolTotal, 2)} × yubico-piv-tool doing the card-side work alone ` +
      `(6 runs, median ${f(toolTotal)} ms)`,
  );
  console.log('');
  const rows: string[][] = [
    [
      'step',
      'median ms',
      'p90 ms',
      'share',
      '× tool keygen',
      'of which log ms',
      'APDUs',
      'yubico-piv-tool',
      'tool ms',
      'tool APDUs',
      'station / tool',
      'what',
    ],
  ];
  for (const name of LINES) {
    const values = rounds.map((r) => r.stepMs.get(name) ?? 0);
    const sum = values.reduce((a, b) => a + b, 0);
    const med = median(values);
    const action = TOOL_FOR[name];
    const toolMed = action === undefined ? Number.NaN : median(rounds.map((r) => r.toolMs.get(action) ?? 0));
    rows.push([
      name,
      f(med, 1),
      f(pct(values, 90), 1),
      `${f((100 * sum) / sumTotal, 1)} %`,
      f(med / toolKeygen, 2),
      f(median(rounds.map((r) => r.auditMs.get(name) ?? 0)), 1),
      f(median(rounds.map((r) => r.apdus.get(name) ?? 0))),
      action ?? '',
      action === undefined ? '' : f(toolMed, 1),
      action === undefined ? '' : f(median(rounds.map((r) => r.toolApdus.get(action) ?? 0))),
      action === undefined ? '' : f(med / toolMed, 2),
      WHAT[name] ?? '',
    ]);
  }
  rows.push([
    '**enrollment**',
    f(median(totals), 1),
    f(pct(totals, 90), 1),
    '100 %',
    f(median(totals) / toolKeygen, 2),
    f(median(rounds.map((r) => [...r.auditMs.values()].reduce((a, b) => a + b, 0))), 1),
    f(apdus),
    'all six runs',
    f(toolTotal, 1),
    f(median(rounds.map((r) => [...r.toolApdus.values()].reduce((a, b) => a + b, 0)))),
    f(median(totals) / toolTotal, 2),
    'Station.enroll() from call to return',
  ]);
  const textColumns = new Set(['step', 'yubico-piv-tool', 'what']);
  const table = [rows[0] ?? [], rows[0]?.map((h) => (textColumns.has(h) ? '---' : '--:')) ?? []];
  for (const row of [...table, ...rows.slice(1)]) console.log(`| ${row.join(' | ')} |`);
  console.log('');
  console.log(
    "share = the step's summed time over all rounds / summed enrollment time; p90 is nearest-rank. " +
      '"× tool keygen" divides by the median yubico-piv-tool generate of this run; APDUs = ' +
      'commands both soft cards answered (target and agent), medians.',
  );
  const out = process.env.BENCH_JSON;
  if (out !== undefined) {
    const figures: EnrollmentFigures = {
      link: LINK,
      rounds: rounds.length,
      enrollmentMs: median(totals),
      p90Ms: pct(totals, 90),
      apdus,
      apduRttMs: apduRtt,
      toolKeygenMs: toolKeygen,
      toolTotalMs: toolTotal,
      nodeKeygenMs: nodeKeygen,
      signIn,
      steps: LINES.map((name) => ({
        step: name,
        ms: median(rounds.map((r) => r.stepMs.get(name) ?? 0)),
        apdus: median(rounds.map((r) => r.apdus.get(name) ?? 0)),
      })),
    };
    writeFileSync(out, JSON.stringify(figures, null, 2));
  }
}

/** What BENCH_JSON receives; bench/both-links.ts compares two of these. */
export interface EnrollmentFigures {
  readonly link: 'quick' | 'plain';
  readonly rounds: number;
  readonly enrollmentMs: number;
  readonly p90Ms: number;
  readonly apdus: number;
  readonly apduRttMs: number;
  readonly toolKeygenMs: number;
  readonly toolTotalMs: number;
  readonly nodeKeygenMs: number;
  readonly signIn: { readonly ms: number; readonly apdus: number };
  readonly steps: readonly { readonly step: string; readonly ms: number; readonly apdus: number }[];
}

await main();
