// PIV card benchmark (never part of the test run): the station's client against yubico-piv-tool
// 2.2.0 on the same software card, same reader, same run. A counting TCP relay between the soft
// card and vpcd sees every frame, so APDUs and bytes are what crossed the wire, for both clients
// alike (chained blocks and GET RESPONSE rounds included).
//
//   npm run bench:piv-card -- [rounds]       both links, one after the other (bench/both-links.ts)
//   scripts/private-ns.sh [--plain-link] node --disable-warning=ExperimentalWarning \
//     bench/piv-card.bench.ts [rounds]       one link; BENCH_JSON=<file> also writes the figures
//
// It starts its own pcscd, so it runs only inside scripts/private-ns.sh (see docs/testing.md for
// the two links).
import net from 'node:net';
import { createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ensurePcscd, vpcdPair } from '../dev/pcscd.ts';
import { startSoftCard } from '../sim/card/index.ts';
import { PcscService } from '../native/pcsc/service.ts';
import { PivSession } from '../core/card/piv/session.ts';
import { KeyAlgorithm, Slot } from '../core/card/piv/constants.ts';
import { OpensslCa } from '../dev/test-ca.ts';
import { runTool, tempDir } from '../dev/tools.ts';

const ROUNDS = Number(process.argv[2] ?? 3);
const LINK = process.env.STATION_LINK === 'plain' ? 'plain' : 'quick';
if (process.env.STATION_PRIVATE_NS !== '1')
  throw new Error(
    'run inside scripts/private-ns.sh (npm run bench:piv-card does): the bench starts its own pcscd',
  );
const MGMT = Uint8Array.from(Buffer.from('010203040506070801020304050607080102030405060708', 'hex'));
const PIN = '123456';

interface Counters {
  apdus: number;
  commandBytes: number;
  responseBytes: number;
}

/** vpcd <-> card relay that counts APDU frames (1-byte payloads are power/ATR control codes). */
async function countingRelay(
  upstreamPort: number,
): Promise<{ port: number; counters: Counters; close(): void }> {
  const counters: Counters = { apdus: 0, commandBytes: 0, responseBytes: 0 };
  const sockets: net.Socket[] = [];
  const server = net.createServer((card) => {
    const vpcd = net.connect(upstreamPort, '127.0.0.1');
    sockets.push(card, vpcd);
    // replies come back in order: true = an APDU's response, false = an ATR for control code 04
    const expected: boolean[] = [];
    const framer = (onFrame: (payload: Buffer) => void) => {
      let buf = Buffer.alloc(0);
      return (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk]);
        while (buf.length >= 2) {
          const len = buf.readUInt16BE(0);
          if (buf.length < 2 + len) break;
          onFrame(buf.subarray(2, 2 + len));
          buf = buf.subarray(2 + len);
        }
      };
    };
    vpcd.on(
      'data',
      framer((p) => {
        if (p.length > 1) {
          counters.apdus++;
          counters.commandBytes += p.length;
          expected.push(true);
        } else if (p[0] === 0x04) expected.push(false);
      }),
    );
    card.on(
      'data',
      framer((p) => {
        if (expected.shift()) counters.responseBytes += p.length;
      }),
    );
    vpcd.on('data', (d: Buffer) => card.write(d));
    card.on('data', (d: Buffer) => vpcd.write(d));
    const end = (): void => {
      card.destroy();
      vpcd.destroy();
    };
    vpcd.on('close', end).on('error', end);
    card.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('relay has no port');
  return {
    port: address.port,
    counters,
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

export interface Sample {
  apdus: number;
  bytes: number;
  ms: number;
}

async function measure(counters: Counters, fn: () => Promise<void>): Promise<Sample> {
  const a0 = counters.apdus;
  const b0 = counters.commandBytes + counters.responseBytes;
  const t0 = performance.now();
  await fn();
  return {
    apdus: counters.apdus - a0,
    bytes: counters.commandBytes + counters.responseBytes - b0,
    ms: performance.now() - t0,
  };
}

function mean(samples: readonly Sample[]): Sample {
  const n = samples.length;
  return {
    apdus: samples.reduce((s, x) => s + x.apdus, 0) / n,
    bytes: samples.reduce((s, x) => s + x.bytes, 0) / n,
    ms: samples.reduce((s, x) => s + x.ms, 0) / n,
  };
}

async function must(args: string[]): Promise<string> {
  const r = await runTool('yubico-piv-tool', args);
  if (r.status !== 0) throw new Error(`yubico-piv-tool ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function main(): Promise<void> {
  await ensurePcscd();
  const pair = vpcdPair();
  const reader = pair.readers[0];
  const relay = await countingRelay(pair.port);
  const card = await startSoftCard({ port: relay.port });
  const service = new PcscService();
  await service.start();
  for (let i = 0; i < 100 && !service.listReaders().some((r) => r.name === reader && r.cardPresent); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const ca = new OpensslCa();
  const dir = tempDir('piv-bench-');
  const c = relay.counters;

  // one connection per operation, as each yubico-piv-tool run also connects afresh
  const station = async (fn: (s: PivSession) => Promise<void>): Promise<void> => {
    const t = await service.connect(reader);
    try {
      await fn(await PivSession.open(t));
    } finally {
      await t.close();
    }
  };

  // yubico-piv-tool's test-signature: VERIFY, sign on the card, verify against the certificate
  const testSignature = async (slot: string, cert: string): Promise<void> => {
    await must(['-r', reader, '-a', 'verify-pin', '-P', PIN, '-a', 'test-signature', '-s', slot, '-i', cert]);
  };

  const results = new Map<string, { station: Sample[]; yubico: Sample[] }>();
  const add = (op: string, who: 'station' | 'yubico', s: Sample): void => {
    const r = results.get(op) ?? { station: [], yubico: [] };
    r[who].push(s);
    results.set(op, r);
  };

  try {
    for (let round = 0; round < ROUNDS; round++) {
      // station client
      let rsaSpki: Uint8Array = new Uint8Array();
      let ecSpki: Uint8Array = new Uint8Array();
      add(
        'generate RSA-2048 (9A)',
        'station',
        await measure(c, () =>
          station(async (s) => {
            await s.authenticate(MGMT);
            rsaSpki = (await s.generateKey(Slot.AUTHENTICATION, KeyAlgorithm.RSA2048)).spki;
          }),
        ),
      );
      add(
        'generate P-256 (9C)',
        'station',
        await measure(c, () =>
          station(async (s) => {
            await s.authenticate(MGMT);
            ecSpki = (await s.generateKey(Slot.SIGNATURE, KeyAlgorithm.ECCP256)).spki;
          }),
        ),
      );
      const rsaCert = ca.issue(rsaSpki, 'bench-rsa');
      const ecCert = ca.issue(ecSpki, 'bench-ec');
      add(
        'write certificate (9A)',
        'station',
        await measure(c, () =>
          station(async (s) => {
            await s.authenticate(MGMT);
            await s.writeCertificate(Slot.AUTHENTICATION, rsaCert.der);
          }),
        ),
      );
      await station(async (s) => {
        await s.authenticate(MGMT);
        await s.writeCertificate(Slot.SIGNATURE, ecCert.der);
      });
      add(
        'sign RSA-2048 SHA-256 (9A)',
        'station',
        await measure(c, () =>
          station(async (s) => {
            await s.verifyPin(PIN);
            await s.sign(Slot.AUTHENTICATION, KeyAlgorithm.RSA2048, new Uint8Array(64), { hash: 'SHA-256' });
          }),
        ),
      );
      add(
        'sign P-256 SHA-256 (9C)',
        'station',
        await measure(c, () =>
          station(async (s) => {
            await s.sign(Slot.SIGNATURE, KeyAlgorithm.ECCP256, new Uint8Array(64), {
              hash: 'SHA-256',
              pin: PIN,
            });
          }),
        ),
      );

      // yubico-piv-tool 2.2.0, same operations
      const rsaPub = dir.file(`r${round}.pub`);
      const ecPub = dir.file(`e${round}.pub`);
      add(
        'generate RSA-2048 (9A)',
        'yubico',
        await measure(c, async () => {
          await must(['-r', reader, '-a', 'generate', '-s', '9a', '-A', 'RSA2048', '-o', rsaPub]);
        }),
      );
      add(
        'generate P-256 (9C)',
        'yubico',
        await measure(c, async () => {
          await must(['-r', reader, '-a', 'generate', '-s', '9c', '-A', 'ECCP256', '-o', ecPub]);
        }),
      );
      const spki = (p: string): Uint8Array =>
        new Uint8Array(createPublicKey(readFileSync(p, 'utf8')).export({ type: 'spki', format: 'der' }));
      const yRsa = ca.issue(spki(rsaPub), 'bench-y-rsa');
      const yEc = ca.issue(spki(ecPub), 'bench-y-ec');
      add(
        'write certificate (9A)',
        'yubico',
        await measure(c, async () => {
          await must(['-r', reader, '-a', 'import-certificate', '-s', '9a', '-i', yRsa.pemPath]);
        }),
      );
      await must(['-r', reader, '-a', 'import-certificate', '-s', '9c', '-i', yEc.pemPath]);
      add('sign RSA-2048 SHA-256 (9A)', 'yubico', await measure(c, () => testSignature('9a', yRsa.pemPath)));
      add('sign P-256 SHA-256 (9C)', 'yubico', await measure(c, () => testSignature('9c', yEc.pemPath)));
    }
  } finally {
    await service.close().catch(() => {});
    await card.stop();
    relay.close();
    ca.remove();
    dir.remove();
  }

  const rows: string[][] = [
    ['operation', 'client', 'APDUs', 'bytes', 'ms', 'APDUs st/yk', 'bytes st/yk', 'time st/yk'],
  ];
  for (const [op, r] of results) {
    const s = mean(r.station);
    const y = mean(r.yubico);
    const f = (n: number, d = 0): string => n.toFixed(d);
    rows.push([
      op,
      'station',
      f(s.apdus, 1),
      f(s.bytes),
      f(s.ms, 1),
      f(s.apdus / y.apdus, 2),
      f(s.bytes / y.bytes, 2),
      f(s.ms / y.ms, 2),
    ]);
    rows.push([op, 'yubico-piv-tool', f(y.apdus, 1), f(y.bytes), f(y.ms, 1), '', '', '']);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  console.log(
    `PIV card benchmark, ${LINK === 'quick' ? 'quickack loopback route' : 'plain link'}: software card on "${reader}", ${ROUNDS} rounds, means per operation`,
  );
  console.log('(each operation = fresh connection + SELECT + the authentication it needs + the command)');
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  if (process.env.BENCH_JSON !== undefined) {
    const figures: PivCardFigures = {
      link: LINK,
      rounds: ROUNDS,
      operations: [...results].map(([op, r]) => ({ op, station: mean(r.station), yubico: mean(r.yubico) })),
    };
    writeFileSync(process.env.BENCH_JSON, JSON.stringify(figures, null, 2));
  }
}

/** What BENCH_JSON receives; bench/both-links.ts compares two of these. */
export interface PivCardFigures {
  readonly link: 'quick' | 'plain';
  readonly rounds: number;
  readonly operations: readonly { readonly op: string; readonly station: Sample; readonly yubico: Sample }[];
}

await main();
