// GIDS card benchmark (never part of the test run): the station's GIDS session against OpenSC's
// pkcs11-tool doing the same card-side work — RSA-2048 key generation in a new minidriver
// container, certificate write, one SHA256-RSA-PKCS signature — on the same software virtual
// smart card, same reader, same run. APDUs are counted by the card itself (GET RESPONSE rounds and
// chained blocks included); the CA's issuance (openssl) is outside the timed card work.
//
//   test/piv/run-private.sh node --disable-warning=ExperimentalWarning bench/gids.bench.ts [rounds]
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { ensurePcscd, VSC_VPCD } from '../dev/pcscd.ts';
import { startGidsCard, type GidsSoftCard } from '../sim/card/index.ts';
import { PcscService } from '../native/pcsc/service.ts';
import { GidsAlgorithm, GidsSession, createContainer, storeCertificate } from '../core/card/gids/index.ts';
import { tempDir } from '../dev/tools.ts';
import { OpensslCa } from '../dev/test-ca.ts';
import { openscCardWork, type Sample } from './opensc-card-work.ts';

const ROUNDS = Number(process.argv[2] ?? 3);
const PIN = '12345678';
const READER = VSC_VPCD.VSC.readers[0];

async function freshCard(service: PcscService): Promise<GidsSoftCard> {
  // the previous round's card must be seen gone first, or PC/SC hands out a stale presence
  const emptyUntil = Date.now() + 10_000;
  while (service.listReaders().some((r) => r.name === READER && r.cardPresent) && Date.now() < emptyUntil) {
    await delay(50);
  }
  const card = await startGidsCard({ port: VSC_VPCD.VSC.port, connectTimeoutMs: 15_000 });
  const until = Date.now() + 10_000;
  while (!service.listReaders().some((r) => r.name === READER && r.cardPresent) && Date.now() < until)
    await delay(50);
  return card;
}

async function stationRound(service: PcscService, ca: OpensslCa): Promise<Sample> {
  const card = await freshCard(service);
  try {
    const transport = await service.connect(READER);
    try {
      const before = card.apduCount;
      let ms = 0;
      let t = performance.now();
      const session = await GidsSession.open(transport);
      await session.verifyPin(PIN);
      const c = await createContainer(session);
      ms += performance.now() - t;
      const cert = ca.issue(c.publicKey.spki, 'bench');
      t = performance.now();
      await storeCertificate(session, c.index, cert.der);
      await session.sign(c.keyReference, GidsAlgorithm.RSA2048, Buffer.from('bench challenge'));
      ms += performance.now() - t;
      return { ms, apdus: card.apduCount - before };
    } finally {
      await transport.close();
    }
  } finally {
    await card.stop();
    await delay(500);
  }
}

async function openscRound(service: PcscService, ca: OpensslCa): Promise<Sample> {
  const card = await freshCard(service);
  const dir = tempDir('gids-bench-');
  try {
    return await openscCardWork(card, READER, PIN, ca, dir);
  } finally {
    dir.remove();
    await card.stop();
    await delay(500);
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  await ensurePcscd();
  const service = new PcscService();
  await service.start();
  const ca = new OpensslCa();
  const station: Sample[] = [];
  const opensc: Sample[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      station.push(await stationRound(service, ca));
      opensc.push(await openscRound(service, ca));
    }
  } finally {
    ca.remove();
    await service.close();
  }
  const row = (name: string, s: Sample[]): string =>
    `${name.padEnd(28)} median ${median(s.map((x) => x.ms))
      .toFixed(0)
      .padStart(6)} ms   APDUs ${median(s.map((x) => x.apdus))}`;
  console.log(
    `GIDS keygen + certificate write + sign, ${ROUNDS} rounds each (RSA-2048 generation dominates and varies)`,
  );
  console.log(row('station GidsSession', station));
  console.log(row('OpenSC pkcs11-tool (4 runs)', opensc));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
