// Enrollment benchmark (never part of the test run): enrollments per minute on the software PIV
// card and the demo CA, and where the time of one enrollment goes, step by step.
//
//   . scripts/node22.sh && npm run bench:enrollment -- [rounds]     (or ENROLL_BENCH_ROUNDS=20)
//   ENROLL_BENCH_WARMUP (default 1) rounds run first and are not counted; reader pair D.
//
// Measured: each round enrolls a freshly manufactured blank soft card on behalf of a directory
// user, on the same path as `station demo`: runOnBehalf() → the engine, the agent card signing the
// enroll-on-behalf wrapper, HTTPS to the demo CA, the audit log (one fsync'd transaction per
// record) and the journal. A step's wall time is the time from its progress event to the next
// one. "setup" is runOnBehalf before the engine's first event (audit log and CA client, exclusive
// connects to both cards, agent PIN and certificate); "finish" is after
// 'done' (last audit record, journal, closing the connections). The audit-log share of each step
// is timed by wrapping SqliteAuditLog.append, because runOnBehalf opens its own log and the bench
// drives that path unchanged. Users alternate between CORP\alice and CORP\dave: the demo directory's
// only enabled users with a mail address (SmartcardUser requires one).
//
// Not counted: swapping the target card between rounds. The old soft card is stopped, PC/SC must
// report the reader empty, and a new card with a new serial is started, so the station's key store
// holds no management key for it and the card is blank (the --reissue-free path). That is the
// operator's hands at a kiosk, not the station.
//
// Reference, same run, same reader, same in-process soft card: the card-side work of an enrollment
// done by an independent tool, yubico-piv-tool, one process per action as an administrator would
// type them, on its own fresh blank card:
//   keygen          generate RSA-2048 in 9A
//   csr             verify-pin (transport PIN) + test-signature: one on-card signature, like the
//                   CSR (2.2.0 cannot selfsign here; an openssl CA certifies the key, untimed)
//   write           import-certificate into 9A
//   management-key  set-mgm-key (random 3DES key)
//   pin-change      change-pin
//   proof           verify-pin + test-signature
// The tool needs no CA, agent card, log or journal, and each of its runs pays a process start and
// a PC/SC connect, so "station / tool" shows what the station adds around the same card operations.
// The headline unit is one yubico-piv-tool RSA-2048 keygen (median of the run).
//
// Two floors, also per round: a bare in-process generateKeyPairSync('rsa', 2048) (the soft card's
// keygen is exactly that, in this process) and one APDU round trip (SELECT PIV over an open
// connection). On vpcd the round trip, not RSA, is what an enrollment mostly costs: vpcd writes an
// APDU's 2-byte length and its body separately, and with Nagle on its side and delayed ACKs on the
// soft card's, the body arrives some 40 ms after the length (seen with a timing relay). Every APDU
// pays that, so the figures rank the station's APDU count more than its CPU work; a USB reader
// does not have this stall, but a real card's on-chip RSA keygen takes seconds instead.
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
import { runTool } from '../dev/opensc.ts';
import { OpensslCa } from '../dev/tools.ts';

const ROUNDS = positiveInt(process.argv[2] ?? process.env.ENROLL_BENCH_ROUNDS ?? '5', 'rounds');
const WARMUP = positiveInt(process.env.ENROLL_BENCH_WARMUP ?? '1', 'ENROLL_BENCH_WARMUP', true);
const PAIR = VPCD.D;
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
  setup: 'outside the engine: log + CA client, card connects, agent PIN + cert',
  identify: 'SELECT, serial, CHUID, 9A certificate, PIN default probe',
  agent: 'agent card already open: log and journal only',
  admin: 'management-key mutual authentication',
  keygen: 'RSA-2048 generated on the card',
  csr: 'VERIFY transport PIN, PKCS#10 signed on the card',
  wrap: 'enroll-on-behalf CMS signed by the agent card',
  submit: 'HTTPS POST to /certsrv, the CA issues',
  check: 'chain, EKUs, UPN, mail, SID, template, key',
  write: 'certificate, CHUID and CCC written',
  'management-key': 'random key stored, then set on the card',
  puk: 'random PUK stored, then set on the card (CHANGE REFERENCE DATA)',
  'pin-change': 'CHANGE REFERENCE DATA to the holder PIN',
  proof: 'VERIFY new PIN, card signs a challenge',
  finish: 'outside the engine: last record, close connections',
};
/** The yubico-piv-tool action that does the same card work as a station step. */
const TOOL_FOR: Readonly<Record<string, string>> = {
  keygen: 'generate',
  csr: 'test-signature (transport PIN)',
  write: 'import-certificate',
  'management-key': 'set-mgm-key',
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
    const station = cliStation(env.config);
    const operator = await station.signInOperator(env.agentPin.clone(), env.agentReader);
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
      operator,
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
    await operator.close();
    await station.close();
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
      await runTool('yubico-piv-tool', ['-r', reader, ...args], { encoding: 'utf8', timeout: 60_000 });
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
    await pcsc.close().catch(() => undefined);
    await env.stop();
    opensslCa.remove();
    if (process.env.ENROLL_BENCH_KEEP === undefined) rmSync(root, { recursive: true, force: true });
  }
  report(rounds, swapMs, performance.now() - started);
}

function report(rounds: readonly Round[], swapMs: number, wallMs: number): void {
  const f = (n: number, d = 0): string => (Number.isFinite(n) ? n.toFixed(d) : '–');
  const totals = rounds.map((r) => r.totalMs);
  const sumTotal = totals.reduce((a, b) => a + b, 0);
  const toolKeygen = median(rounds.map((r) => r.toolMs.get('generate') ?? 0));
  const toolTotal = median(rounds.map((r) => [...r.toolMs.values()].reduce((a, b) => a + b, 0)));
  const nodeKeygen = median(rounds.map((r) => r.nodeKeygenMs));
  const apduRtt = median(rounds.map((r) => r.apduRttMs));
  const apdus = median(rounds.map((r) => [...r.apdus.values()].reduce((a, b) => a + b, 0)));

  console.log(`## Enrollment benchmark: software PIV card on "${PAIR.readers[0]}", demo CA`);
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
    'runOnBehalf() from call to return',
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
}

await main();
