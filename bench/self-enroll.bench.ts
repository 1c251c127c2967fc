// Self-enrollment benchmark (never part of the test run): one whole `station self-enroll --create`
// on the Linux fake of Windows — Windows and TPM checked, a TPM virtual smart card created (a GIDS
// soft card), the employee signed in to the demo CA over HTTPS, key generated and CSR signed on the
// card, Smartcard User issued, certificate checked and written to the minidriver container, admin
// key replaced, PIN changed, proof signature, every step audited and journaled — against OpenSC's
// pkcs11-tool doing the same card-side work (keygen + read public key + write certificate + sign)
// on the same software card, same reader, same run. APDUs are counted by the card itself.
//
//   test/piv/run-private.sh node --disable-warning=ExperimentalWarning bench/self-enroll.bench.ts [rounds]
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { randomHolderPin, startDemoEnvironment } from '../dev/demo-environment.ts';
import { VSC_VPCD, vpcdPair } from '../dev/pcscd.ts';
import { tempDir } from '../dev/tools.ts';
import { OpensslCa } from '../dev/test-ca.ts';
import { openscCardWork, type Sample } from './opensc-card-work.ts';
import { cliStation, windowsPlatform } from '../cli/compose.ts';
import { Secret } from '../station/index.ts';
import { startGidsCard } from '../sim/card/index.ts';
import { PcscService } from '../native/pcsc/service.ts';

const ROUNDS = Number(process.argv[2] ?? 3);
const PIN = '12345678';
const READER = VSC_VPCD.VSC.readers[0];
const HELPER = { nodePath: 'C:\\Station\\node.exe', helperPath: 'C:\\Station\\vsc-helper.js' };

async function waitReader(service: PcscService, present: boolean): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (service.listReaders().some((r) => r.name === READER && r.cardPresent === present)) return;
    await delay(50);
  }
  throw new Error(`"${READER}" did not become ${present ? 'occupied' : 'empty'}`);
}

async function openscRound(service: PcscService, ca: OpensslCa): Promise<Sample> {
  await waitReader(service, false);
  const card = await startGidsCard({ port: VSC_VPCD.VSC.port, connectTimeoutMs: 15_000 });
  const dir = tempDir('self-enroll-bench-');
  try {
    await waitReader(service, true);
    return await openscCardWork(card, READER, PIN, ca, dir);
  } finally {
    dir.remove();
    await card.stop();
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'bench-laptop' });
  const password = Secret.fromText(env.ca.credentials?.['CORP\\alice'] ?? '');
  // the documented-output fake of Windows, loaded the way the CLI's STATION_FAKE_WINDOWS switch
  // loads it (it lives with the Windows tests; bench/ has no static import of test/)
  const { FakeWindows } = await import('../test/windows/fake-windows.ts');
  const fake = new FakeWindows();
  const station = cliStation(env.config, {
    platform: (readers) => windowsPlatform(fake, readers, { os: 'win32', helper: HELPER }),
  });
  const service = new PcscService();
  await service.start();
  const ca = new OpensslCa();
  const self: Sample[] = [];
  const opensc: Sample[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      await waitReader(service, false);
      const t = performance.now();
      const pin = randomHolderPin();
      const r = await station.selfEnroll(
        { create: true, account: 'CORP\\alice', upn: 'alice@corp.example', email: 'alice@corp.example' },
        password.clone(),
        { askNewPin: () => Promise.resolve(pin) },
      );
      const ms = performance.now() - t;
      if (r.status !== 'issued' || r.instanceId === undefined) throw new Error(`round ${i}: ${r.status}`);
      const card = fake.cards.get(r.instanceId);
      self.push({ ms, apdus: card?.apduCount ?? NaN });
      await fake.run('tpmvscmgr.exe', ['destroy', '/instance', r.instanceId]);
      opensc.push(await openscRound(service, ca));
    }
  } finally {
    ca.remove();
    await service.close();
    await station.close();
    await fake.stop();
    await env.stop();
  }
  const row = (name: string, s: Sample[]): string =>
    `${name.padEnd(46)} median ${median(s.map((x) => x.ms))
      .toFixed(0)
      .padStart(6)} ms   APDUs ${median(s.map((x) => x.apdus))}`;
  console.log(`self-enrollment vs OpenSC card-side work, ${ROUNDS} rounds each (RSA-2048 keygen varies)`);
  console.log(row('station self-enroll --create (whole, CA + log)', self));
  console.log(row('OpenSC pkcs11-tool keygen+write+sign (4 runs)', opensc));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
