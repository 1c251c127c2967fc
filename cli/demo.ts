// `station demo`: the whole station on embedded defaults, with nothing but this machine. It
// starts pcscd with vsmartcard's vpcd, two software PIV cards (the operator's agent card in
// "Virtual PCD 00 01", a blank card in "Virtual PCD 00 00"), and the AD CS-compatible demo CA;
// makes the operator card an Enrollment Agent card; then enrolls the blank card on behalf of
// CORP\alice with the forced PIN change and the proof, and lets OpenSC say what it sees.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { parseConfig, type StationConfig } from '../core/config/config.ts';
import { checkNewPin } from '../core/enrollment/pin-policy.ts';
import { Secret } from '../core/enrollment/secret.ts';
import { PcscService } from '../native/pcsc/index.ts';
import { startSoftCard } from '../sim/card/index.ts';
import { startCertsrv } from '../sim/certsrv/index.ts';
import { ensurePcscd, VPCD } from '../sim/pcscd/daemon.ts';
import { connectCa } from './compose.ts';
import { runOnBehalf } from './enroll-run.ts';
import { printLine, printProgress, type Output } from './output.ts';
import { provisionAgentCard } from './provision-agent.ts';

const TRANSPORT_PIN = '12345678';
const FACTORY_KEY = '010203040506070801020304050607080102030405060708';
const PASSWORD_ENV = 'STATION_DEMO_CA_PASSWORD';

/** A PIN the demo cardholder "chooses": random, policy-compliant, never printed. */
export function randomHolderPin(transport: Secret): Secret {
  for (;;) {
    const candidate = Secret.fromText(String(randomInt(10_000_000, 100_000_000)));
    if (checkNewPin(candidate, transport).ok) return candidate;
    candidate.wipe();
  }
}

// The software cards answer from this process's event loop, so OpenSC must run asynchronously.
const run = promisify(execFile);

async function readerIndex(name: string): Promise<number> {
  const { stdout: out } = await run('opensc-tool', ['--list-readers'], { encoding: 'utf8', timeout: 30_000 });
  for (const line of out.split('\n')) {
    // "Nr.  Card  Features  Name": the features column may be empty, so match on the end
    const m = /^\s*(\d+)\s+(?:Yes|No)\s+(.*)$/.exec(line);
    if (m && (m[2] ?? '').trimEnd().endsWith(name)) return Number(m[1]);
  }
  throw new Error(`OpenSC does not list the reader "${name}"`);
}

/** pcscd polls vpcd readers every ~400 ms; a card is usable once PC/SC reports it. */
async function waitForCards(
  pcsc: PcscService,
  readers: readonly string[],
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const present = pcsc
      .listReaders()
      .filter((r) => r.cardPresent)
      .map((r) => r.name);
    if (readers.every((r) => present.includes(r))) return;
    if (Date.now() > deadline) throw new Error(`PC/SC did not report cards in ${readers.join(' and ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function demoCommand(out: Output, options: { keepDir?: string } = {}): Promise<number> {
  const root = options.keepDir ?? mkdtempSync(path.join(os.tmpdir(), 'station-demo-'));
  const [targetReader, agentReader] = VPCD.A.readers;
  printLine(out, `demo state in ${root}`);

  await ensurePcscd();
  const ca = await startCertsrv({ stateDir: path.join(root, 'ca'), port: 0, clientCertPort: false });
  const agentPin = randomHolderPin(Secret.fromText(TRANSPORT_PIN));
  const agentPinText = agentPin.use((b) => Buffer.from(b).toString('utf8'));
  const target = await startSoftCard({
    port: VPCD.A.port,
    config: { pin: TRANSPORT_PIN, serial: 1_000_001 },
  });
  const agentCard = await startSoftCard({
    port: VPCD.A.port + 1,
    config: { pin: agentPinText, serial: 1_000_002 },
  });
  const password = ca.credentials?.['CORP\\kiosk'];
  if (password === undefined) throw new Error('the demo CA has no credentials for CORP\\kiosk');
  process.env[PASSWORD_ENV] = password;

  const config: StationConfig = parseConfig(
    {
      stationId: 'demo-kiosk-1',
      dataDir: path.join(root, 'station'),
      ca: {
        url: ca.url,
        caBundleFile: ca.caBundleFile,
        auth: { kind: 'basic', username: 'CORP\\kiosk', passwordEnv: PASSWORD_ENV },
      },
      card: { transportPin: TRANSPORT_PIN, keyAlgorithm: 'RSA' },
      audit: { checkpointEvery: 10 },
    },
    root,
  );
  writeFileSync(path.join(root, 'station.json'), JSON.stringify({ ...config }, null, 2));

  const pcsc = new PcscService();
  await pcsc.start();
  try {
    await waitForCards(pcsc, [targetReader, agentReader]);
    printLine(out, `CA: ${ca.url} (AD CS Web Enrollment-compatible demo CA)`);
    printLine(out, `operator card in "${agentReader}", blank card in "${targetReader}"`);

    const { client, transport } = connectCa(config);
    const agentTransport = await pcsc.connect(agentReader, { share: 'exclusive' });
    try {
      await provisionAgentCard({
        transport: agentTransport,
        managementKey: Secret.fromBytes(new Uint8Array(Buffer.from(FACTORY_KEY, 'hex'))),
        pin: agentPin.clone(),
        ca: client,
        template: config.ca.agentTemplate,
        operatorUpn: 'kiosk@corp.example',
      });
    } finally {
      await agentTransport.close('reset');
      transport.close();
    }
    printLine(out, 'operator card now holds an Enrollment Agent certificate for CORP\\kiosk');

    const alice = ca.directory.find?.('alice');
    const result = await runOnBehalf(config, pcsc, {
      targetReader,
      agentReader,
      agentPin,
      newPin: randomHolderPin(Secret.fromText(TRANSPORT_PIN)),
      requesterName: 'CORP\\alice',
      upn: 'alice@corp.example',
      email: 'alice@corp.example',
      ...(alice?.objectSid === undefined ? {} : { sid: alice.objectSid }),
      reissue: false,
      onProgress: (p) => printProgress(out, p),
    });

    const v = result.verdict;
    printLine(
      out,
      `verdict: ${result.status}${result.reqId === null ? '' : ` (CA request ${result.reqId})`}`,
      { result },
    );
    if (v) {
      printLine(out, `  certificate serial ${v.serial}, SHA-1 thumbprint ${v.thumbprint}`);
      printLine(out, `  valid ${v.notBefore} .. ${v.notAfter}`);
      printLine(
        out,
        `  checks: ${v.ok ? 'chain, EKUs (Smart Card Logon, Client Authentication), UPN, e-mail, SID, template and key all match' : v.reasons.join('; ')}`,
      );
    }
    printLine(out, 'the cardholder chose a new PIN (not shown); the transport PIN no longer opens the card');

    printLine(out, `OpenSC on "${targetReader}":`);
    const listing = await run(
      'pkcs15-tool',
      ['--reader', String(await readerIndex(targetReader)), '--list-certificates'],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    printLine(out, listing.stdout.trimEnd());
    return result.status === 'issued' ? 0 : 1;
  } finally {
    await pcsc.close();
    await target.stop();
    await agentCard.stop();
    await ca.stop();
  }
}
