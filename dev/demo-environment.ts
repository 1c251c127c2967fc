// The embedded defaults behind `station demo` and the end-to-end tests: pcscd with vpcd, two
// software PIV cards, the AD CS-compatible demo CA, a station configuration pointing at them,
// and an operator card already holding its Enrollment Agent certificate.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { parseConfig, type StationConfig } from '../core/config/config.ts';
import { checkNewPin } from '../core/enrollment/pin-policy.ts';
import { Secret } from '../core/enrollment/secret.ts';
import { PcscService } from '../native/pcsc/index.ts';
import { startSoftCard, type FaultPlan, type SoftCard } from '../sim/card/index.ts';
import { startCertsrv, type CertsrvHandle } from '../sim/certsrv/index.ts';
import { ensurePcscd, removePcscdFiles, signalPcscd, stopPcscd, VPCD, type VpcdPair } from './pcscd.ts';
import { connectCa } from '../cli/compose.ts';
import { connectWhenFree } from '../station/cards.ts';
import { provisionAgentCard } from './provision-agent.ts';
import { preflight } from '../core/state/preflight.ts';

export const TRANSPORT_PIN = '12345678';
export const FACTORY_MANAGEMENT_KEY = '010203040506070801020304050607080102030405060708';
export const PASSWORD_ENV = 'STATION_DEMO_CA_PASSWORD';

/** A PIN a demo person "chooses": random, policy-compliant, never printed. */
export function randomHolderPin(transport: Secret = Secret.fromText(TRANSPORT_PIN)): Secret {
  for (;;) {
    const candidate = Secret.fromText(String(randomInt(10_000_000, 100_000_000)));
    if (checkNewPin(candidate, transport).ok) return candidate;
    candidate.wipe();
  }
}

/** pcscd polls vpcd readers every ~400 ms; a card is usable once PC/SC reports it. */
export async function waitForCards(
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

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('PC/SC did not report the reader empty');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface DemoEnvironment {
  readonly root: string;
  readonly config: StationConfig;
  readonly configFile: string;
  readonly ca: CertsrvHandle;
  /** the blank card, transport PIN 12345678 */
  readonly target: SoftCard;
  readonly agentCard: SoftCard;
  /** the operator card's PIN (random per environment) */
  readonly agentPin: Secret;
  /** environment for a station child process: the CA password variable */
  readonly env: NodeJS.ProcessEnv;
  readonly targetReader: string;
  readonly agentReader: string;
  /** swaps the target for a new blank card (transport PIN, next serial), as an operator inserts one */
  insertBlankCard(options?: { readonly faults?: FaultPlan }): Promise<SoftCard>;
  stop(): Promise<void>;
  /**
   * For a process about to end in the middle of a run (Ctrl+C): the pcscd this environment started
   * is told to stop and the temp folders go, without waiting for the cards or the CA — a station
   * still talking to them would hold stop() up — which end with the process.
   */
  stopNow(): void;
}

interface DemoOptions {
  root?: string;
  pair?: VpcdPair;
  stationId?: string;
  /** stop the pcscd this environment started when it stops (the demo; tests share one daemon) */
  stopPcscd?: boolean;
}

export async function startDemoEnvironment(options: DemoOptions = {}): Promise<DemoEnvironment> {
  const root = options.root ?? mkdtempSync(path.join(os.tmpdir(), 'station-demo-'));
  // a folder the environment made itself goes with it; one the caller named (--keep-dir) stays
  const ownRoot = options.root === undefined;
  // a start that fails half-way (a port taken, a pcscd that is not ours, the CA) stops what it had
  // started and removes its folder: the kiosk's and the demo's failures leave nothing behind either
  const started: Array<() => Promise<void>> = [];
  try {
    return await startIn(root, ownRoot, options, started);
  } catch (e) {
    for (const undo of started.reverse()) await undo().catch(() => undefined);
    if (ownRoot) rmSync(root, { recursive: true, force: true });
    throw e;
  }
}

async function startIn(
  root: string,
  ownRoot: boolean,
  options: DemoOptions,
  started: Array<() => Promise<void>>,
): Promise<DemoEnvironment> {
  const pair = options.pair ?? VPCD.A;
  const [targetReader, agentReader] = pair.readers;
  const startedPcscd = await ensurePcscd();
  if (startedPcscd && options.stopPcscd)
    started.push(async () => {
      await stopPcscd();
      removePcscdFiles();
    });
  const ca = await startCertsrv({ stateDir: path.join(root, 'ca'), port: 0, clientCertPort: false });
  started.push(() => ca.stop());
  // the cards of an environment that stopped a moment ago (the README test runs `./run demo` just
  // before) may still be listed: pcscd notices a closed vpcd link only at its next poll, and a new
  // card attached before that is taken for the old one, whose first APDU then fails with
  // SCARD_E_NOT_TRANSACTED. As insertBlankCard does, wait for PC/SC to see the readers empty.
  const watcher = new PcscService();
  await watcher.start();
  try {
    await waitFor(() => !watcher.listReaders().some((r) => pair.readers.includes(r.name) && r.cardPresent));
  } finally {
    await watcher.close();
  }
  const agentPin = randomHolderPin();
  // blank cards count up from 1000001; the operator card sits apart so the serials never meet
  let serial = 1_000_001;
  let target = await startSoftCard({ port: pair.port, config: { pin: TRANSPORT_PIN, serial } });
  started.push(() => target.stop());
  const agentCard = await startSoftCard({
    port: pair.port + 1,
    config: { pin: agentPin.use((b) => Buffer.from(b).toString('utf8')), serial: 9_000_001 },
  });
  started.push(() => agentCard.stop());
  const password = ca.credentials?.['CORP\\kiosk'];
  if (password === undefined) throw new Error('the demo CA has no credentials for CORP\\kiosk');
  process.env[PASSWORD_ENV] = password;

  const raw = {
    stationId: options.stationId ?? 'demo-kiosk-1',
    dataDir: './station',
    ca: {
      url: ca.url,
      caBundleFile: ca.caBundleFile,
      auth: { kind: 'basic', username: 'CORP\\kiosk', passwordEnv: PASSWORD_ENV },
    },
    // the software cards leave their "factory" with 12345678, which the demo also uses as its
    // transport PIN (as Windows TPM virtual smart cards do); YubiKeys would have 123456
    // no reader names: the station tells the operator's card from the blank one by what they hold
    card: { transportPin: TRANSPORT_PIN, factoryPin: TRANSPORT_PIN, keyAlgorithm: 'RSA' },
    audit: { checkpointEvery: 10 },
  };
  const configFile = path.join(root, 'station.json');
  writeFileSync(configFile, JSON.stringify(raw, null, 2));
  const config = parseConfig(raw, root);
  // the station's first start on this data folder creates its key store and key-encryption key,
  // before the operator card's provisioning gives the request ledger its first entry
  await preflight(config);

  // whatever fails while stopping, the folders this started are removed: a person's Ctrl+C must
  // leave nothing behind
  const stop = async (): Promise<void> => {
    try {
      await target.stop();
      await agentCard.stop();
      await ca.stop();
      if (startedPcscd && options.stopPcscd) await stopPcscd();
    } finally {
      if (startedPcscd && options.stopPcscd) removePcscdFiles();
      if (ownRoot) rmSync(root, { recursive: true, force: true });
    }
  };
  const stopNow = (): void => {
    if (startedPcscd && options.stopPcscd) {
      signalPcscd();
      removePcscdFiles();
    }
    if (ownRoot) rmSync(root, { recursive: true, force: true });
  };
  const pcsc = new PcscService();
  try {
    await pcsc.start();
    await waitForCards(pcsc, [targetReader, agentReader]);
    const caLink = connectCa(config);
    const agentTransport = await connectWhenFree(pcsc, agentReader);
    try {
      await provisionAgentCard({
        transport: agentTransport,
        managementKey: Secret.fromBytes(new Uint8Array(Buffer.from(FACTORY_MANAGEMENT_KEY, 'hex'))),
        pin: agentPin.clone(),
        ca: caLink.client,
        template: config.ca.agentTemplate,
        operatorUpn: 'kiosk@corp.example',
      });
    } finally {
      await agentTransport.close('reset');
      caLink.close();
    }
  } finally {
    await pcsc.close();
  }
  const insertBlankCard = async (options: { readonly faults?: FaultPlan } = {}): Promise<SoftCard> => {
    await target.stop();
    const watcher = new PcscService();
    await watcher.start();
    try {
      // PC/SC must see the reader empty first, or the old card's state could be taken for the new one
      await waitFor(() => !watcher.listReaders().some((r) => r.name === targetReader && r.cardPresent));
      serial += 1;
      target = await startSoftCard({
        port: pair.port,
        config: { pin: TRANSPORT_PIN, serial },
        ...(options.faults === undefined ? {} : { faults: options.faults }),
      });
      await waitForCards(watcher, [targetReader]);
    } finally {
      await watcher.close();
    }
    return target;
  };
  return {
    root,
    config,
    configFile,
    ca,
    get target() {
      return target;
    },
    insertBlankCard,
    agentCard,
    agentPin,
    env: { ...process.env, [PASSWORD_ENV]: password },
    targetReader,
    agentReader,
    stop,
    stopNow,
  };
}
