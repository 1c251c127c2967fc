// The headless station's composition root: the validated configuration in, one Station out, built
// over the Node HTTPS transport, PC/SC through native/pcsc and the file key store. The Electron
// main process has a root of its own (net.fetch, the OS key store) over the same Station.
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { SqliteAuditLog } from '../core/audit/sqlite-log.ts';
import { CertsrvClient } from '../core/ca/client.ts';
import { FileRequestLedger } from '../core/ca/ledger.ts';
import { NodeHttpsTransport, type NodeTransportAuth } from '../core/ca/node-transport.ts';
import { stationPaths, type StationConfig } from '../core/config/config.ts';
import { DiscardingKeyStore, EncryptedFileKeyStore } from '../core/enrollment/key-store.ts';
import type { ManagementKeyStore } from '../core/enrollment/ports.ts';
import { StationError } from '../core/errors/catalog.ts';
import { fromPem } from '../core/pki/der.ts';
import { disableCoreDumps } from '../core/state/core-dumps.ts';
import { readBoundedText, READ_LIMITS } from '../core/state/files.ts';
import { acquireCardLock, acquireLock, journalLockFile, type HeldLock } from '../core/state/lock.ts';
import { preflight } from '../core/state/preflight.ts';
import { PcscService } from '../native/pcsc/index.ts';
import {
  ElevatedLauncher,
  nodeCommandRunner,
  TpmNative,
  TpmVscManager,
  WindowsReaders,
  WindowsVersionNative,
  type CommandRunner,
  type ElevatedLauncherOptions,
} from '../native/windows/index.ts';
import { startCentralLog } from './central-log.ts';
import type {
  AuditConnection,
  CaConnection,
  CaCredentials,
  CaOptions,
  PlatformPort,
  ReaderEvent,
  ReadersPort,
  StationHost,
} from '../station/ports.ts';
import { logCardRecords } from '../station/records.ts';
import { Station } from '../station/station.ts';

/** The CA certificates the station trusts (ca.caBundleFile), without signing in anywhere. */
export function caTrustAnchors(config: StationConfig): { pem: string; anchors: Uint8Array[] } {
  const pem = readBoundedText(config.ca.caBundleFile, READ_LIMITS.pem);
  const anchors = fromPem(pem, 'CERTIFICATE');
  if (anchors.length === 0) throw new StationError('CA_BUNDLE_INVALID', { file: config.ca.caBundleFile });
  return { pem, anchors };
}

/** The CA password comes from the environment variable the config names, never from the file. */
export function connectCa(config: StationConfig, options: CaOptions = {}): CaConnection {
  const { pem: bundlePem, anchors: trustAnchors } = caTrustAnchors(config);
  const a = config.ca.auth;
  let auth: NodeTransportAuth;
  if (options.as !== undefined) {
    // self-enrollment: the employee's own account, over NTLM where the station uses NTLM, else Basic
    auth = employeeAuth(a.kind, options.as);
  } else if (a.kind === 'basic' || a.kind === 'ntlm') {
    const password = process.env[a.passwordEnv];
    if (password === undefined || password === '')
      throw new StationError('CA_PASSWORD_MISSING', { variable: a.passwordEnv });
    // NTLM: the transport keeps only the NTLMv2 response key derived from it
    auth =
      a.kind === 'basic'
        ? { kind: 'basic', username: a.username, password }
        : {
            kind: 'ntlm',
            domain: a.domain,
            username: a.user,
            password,
            ...(options.ntlmChannelBinding ? { channelBinding: options.ntlmChannelBinding } : {}),
          };
  } else {
    auth = {
      kind: 'client-certificate',
      certificatePem: readBoundedText(a.certFile, READ_LIMITS.pem),
      privateKeyPem: readBoundedText(a.keyFile, READ_LIMITS.pem),
    };
  }
  const transport = new NodeHttpsTransport({
    origin: new URL(config.ca.url).origin,
    caCertificatesPem: [bundlePem],
    auth,
  });
  const client = new CertsrvClient({
    baseUrl: config.ca.url,
    transport,
    ledger: new FileRequestLedger(stationPaths(config).caLedger, { dataDir: config.dataDir }),
    submitTimeoutMs: config.ca.submitTimeoutMs,
    clockSkewThresholdMs: config.ca.maxClockSkewSeconds * 1000,
  });
  return { client, trustAnchors, close: () => transport.close() };
}

/** DOMAIN\\user and the password the employee typed (or their environment variable held). */
function employeeAuth(kind: StationConfig['ca']['auth']['kind'], who: CaCredentials): NodeTransportAuth {
  const m = /^([A-Za-z0-9][A-Za-z0-9.-]{0,62})\\([^\\/\s"[\]:;|=,+*?<>@]{1,104})$/.exec(who.account);
  if (m === null) throw new StationError('BAD_INPUT', { field: 'account', problem: 'expected DOMAIN\\user' });
  // the Node transport has no Windows logon to offer: integrated sign-in is the kiosk app's
  if (who.password === undefined)
    throw new StationError('BAD_INPUT', { field: 'password', problem: 'missing' });
  const password = who.password.use((b) => Buffer.from(b).toString('utf8'));
  if (password === '') throw new StationError('BAD_INPUT', { field: 'password', problem: 'empty' });
  return kind === 'ntlm'
    ? { kind: 'ntlm', domain: m[1] as string, username: m[2] as string, password }
    : { kind: 'basic', username: who.account, password };
}

export function openAuditLog(config: StationConfig): SqliteAuditLog {
  const paths = stationPaths(config);
  return new SqliteAuditLog({
    path: paths.auditDb,
    stationId: config.stationId,
    keyPath: paths.auditKey,
    checkpointEvery: config.audit.checkpointEvery,
  });
}

function openAudit(config: StationConfig): AuditConnection {
  const log = openAuditLog(config);
  try {
    const central = startCentralLog(config, log);
    return {
      log,
      sink: central?.audit ?? log,
      close: async () => {
        try {
          return central ? await central.finish() : undefined;
        } finally {
          log.close();
        }
      },
    };
  } catch (e) {
    log.close();
    throw e;
  }
}

export function keyStoreFor(config: StationConfig): ManagementKeyStore {
  const paths = stationPaths(config);
  return config.card.managementKeyStorage === 'discard'
    ? new DiscardingKeyStore()
    : new EncryptedFileKeyStore(paths.managementKeys, paths.keyEncryptionKey, { dataDir: paths.dataDir });
}

/** native/pcsc behind the application layer's readers port. */
function pcscReaders(): ReadersPort {
  const pcsc = new PcscService();
  let started: Promise<void> | undefined;
  return {
    // pcscd down: say so at once (the service would otherwise keep retrying and hold the process)
    start: () =>
      (started ??= pcsc.start().catch(async (cause: unknown) => {
        await pcsc.close().catch(() => undefined);
        throw new StationError('PCSC_UNAVAILABLE', {}, { cause });
      })),
    listReaders: () => pcsc.listReaders(),
    connect: (reader, options) => pcsc.connect(reader, options),
    watch(listener: (e: ReaderEvent) => void) {
      const handlers = {
        'reader-added': (reader: string) => listener({ kind: 'reader-added', reader }),
        'reader-removed': (reader: string) => listener({ kind: 'reader-removed', reader }),
        'card-removed': (reader: string) => listener({ kind: 'card-removed', reader }),
        'card-inserted': (reader: string, atr: Uint8Array) =>
          listener({ kind: 'card-inserted', reader, atr: Buffer.from(atr).toString('hex') }),
        'service-lost': () => listener({ kind: 'service-lost' }),
        'service-restored': () => listener({ kind: 'service-restored' }),
      } as const;
      const names = Object.keys(handlers) as (keyof typeof handlers)[];
      for (const name of names) pcsc.on(name, handlers[name] as never);
      return () => {
        for (const name of names) pcsc.off(name, handlers[name] as never);
      };
    },
    close: () => pcsc.close(),
  };
}

/**
 * The Windows ports on Windows; elsewhere none (the use cases then say "not Windows"), unless a
 * test or the demo hands in the documented-output fake (test/windows/fake-windows.ts).
 */
export function windowsPlatform(
  runner: CommandRunner,
  readers: ReadersPort,
  options: { readonly os?: string; readonly helper?: ElevatedLauncherOptions } = {},
): PlatformPort {
  const pcscFacts = async () =>
    readers.listReaders().map((r) => ({ name: r.name, ...(r.cardPresent ? { atr: r.atr } : {}) }));
  return {
    windows: new WindowsVersionNative(runner, options.os ?? process.platform),
    tpm: new TpmNative(runner),
    virtualCards: new TpmVscManager(
      new ElevatedLauncher(
        runner,
        options.helper ?? {
          nodePath: process.execPath,
          helperPath: fileURLToPath(new URL('../native/windows/vsc-helper.ts', import.meta.url)),
        },
      ),
    ),
    readerKinds: new WindowsReaders(runner, pcscFacts),
  };
}

export function cliHost(
  config: StationConfig,
  options: { readonly platform?: (readers: ReadersPort) => PlatformPort } = {},
): StationHost {
  // a core dump of the station would hold every PIN and key it handled (bin/station also sets
  // ulimit -c 0; this covers `node cli/station.ts` and npm scripts)
  disableCoreDumps();
  const held = (lock: HeldLock) => () => lock.release();
  const readers = pcscReaders();
  const platform =
    options.platform?.(readers) ??
    (process.platform === 'win32' ? windowsPlatform(nodeCommandRunner, readers) : undefined);
  return {
    config,
    readers,
    connectCa: (options) => connectCa(config, options),
    trustAnchors: () => caTrustAnchors(config).anchors,
    openAudit: () => openAudit(config),
    keys: keyStoreFor(config),
    records: logCardRecords,
    lockCard: (cardId) => held(acquireCardLock(config.dataDir, cardId, 'enrollment')),
    lockJournal: (id) => held(acquireLock(journalLockFile(config.dataDir, id), 'enrollment journal')),
    checkState: async () => preflight(config),
    actor: `${os.userInfo().username}@${os.hostname()}`,
    ...(platform === undefined ? {} : { platform }),
  };
}

export const cliStation = (
  config: StationConfig,
  options: { readonly platform?: (readers: ReadersPort) => PlatformPort } = {},
): Station => new Station(cliHost(config, options));
