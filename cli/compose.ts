// The headless station's composition root: the validated configuration in, one Station out, built
// over the Node HTTPS transport, PC/SC through native/pcsc and the file key store. The Electron
// main process has a root of its own (net.fetch, the OS key store) over the same Station.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { SqliteAuditLog } from '../core/audit/sqlite-log.ts';
import { CertsrvClient } from '../core/ca/client.ts';
import { FileRequestLedger } from '../core/ca/ledger.ts';
import { NodeHttpsTransport, type NodeTransportAuth } from '../core/ca/node-transport.ts';
import { stationPaths, type StationConfig } from '../core/config/config.ts';
import { DiscardingKeyStore, EncryptedFileKeyStore } from '../core/enrollment/key-store.ts';
import type { ManagementKeyStore } from '../core/enrollment/ports.ts';
import { StationError } from '../core/errors/catalog.ts';
import { fromPem } from '../core/pki/der.ts';
import { PcscService } from '../native/pcsc/index.ts';
import { startCentralLog } from './central-log.ts';
import type {
  AuditConnection,
  CaConnection,
  ReaderEvent,
  ReadersPort,
  StationHost,
} from '../station/ports.ts';
import { logCardRecords } from '../station/records.ts';
import { Station } from '../station/station.ts';

/** The CA password comes from the environment variable the config names, never from the file. */
export function connectCa(
  config: StationConfig,
  options: { readonly ntlmChannelBinding?: 'none' } = {},
): CaConnection {
  const bundlePem = readFileSync(config.ca.caBundleFile, 'utf8');
  const trustAnchors = fromPem(bundlePem, 'CERTIFICATE');
  if (trustAnchors.length === 0)
    throw new StationError('CA_BUNDLE_INVALID', { file: config.ca.caBundleFile });
  const a = config.ca.auth;
  let auth: NodeTransportAuth;
  if (a.kind === 'basic' || a.kind === 'ntlm') {
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
      certificatePem: readFileSync(a.certFile, 'utf8'),
      privateKeyPem: readFileSync(a.keyFile, 'utf8'),
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
    ledger: new FileRequestLedger(stationPaths(config).caLedger),
    submitTimeoutMs: config.ca.submitTimeoutMs,
    clockSkewThresholdMs: config.ca.maxClockSkewSeconds * 1000,
  });
  return { client, trustAnchors, close: () => transport.close() };
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

/**
 * The file store keeps one key per entry; a staged key goes under its own entry until the card
 * accepted it, so the committed key is never overwritten before then.
 */
export function keyStoreFor(config: StationConfig): ManagementKeyStore {
  const paths = stationPaths(config);
  if (config.card.managementKeyStorage === 'discard') return new DiscardingKeyStore();
  const file = new EncryptedFileKeyStore(paths.managementKeys, paths.keyEncryptionKey);
  const staged = (entry: string): string => `${entry}/staged`;
  return {
    keeps: true,
    get: (entry) => file.get(entry),
    candidates: (entry) => [file.get(staged(entry)), file.get(entry)].filter((k) => k !== undefined),
    stage: (entry, key) => file.put(staged(entry), key),
    commit: (entry) => {
      const key = file.get(staged(entry));
      if (key === undefined) return;
      try {
        file.put(entry, key);
      } finally {
        key.wipe();
      }
    },
  };
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
      const on = {
        'reader-added': (reader: string) => listener({ kind: 'reader-added', reader }),
        'reader-removed': (reader: string) => listener({ kind: 'reader-removed', reader }),
        'card-removed': (reader: string) => listener({ kind: 'card-removed', reader }),
        'card-inserted': (reader: string, atr: Uint8Array) =>
          listener({ kind: 'card-inserted', reader, atr: Buffer.from(atr).toString('hex') }),
        'service-lost': () => listener({ kind: 'service-lost' }),
        'service-restored': () => listener({ kind: 'service-restored' }),
      };
      pcsc.on('reader-added', on['reader-added']);
      pcsc.on('reader-removed', on['reader-removed']);
      pcsc.on('card-removed', on['card-removed']);
      pcsc.on('card-inserted', on['card-inserted']);
      pcsc.on('service-lost', on['service-lost']);
      pcsc.on('service-restored', on['service-restored']);
      return () => {
        pcsc.off('reader-added', on['reader-added']);
        pcsc.off('reader-removed', on['reader-removed']);
        pcsc.off('card-removed', on['card-removed']);
        pcsc.off('card-inserted', on['card-inserted']);
        pcsc.off('service-lost', on['service-lost']);
        pcsc.off('service-restored', on['service-restored']);
      };
    },
    close: () => pcsc.close(),
  };
}

const heldCards = new Set<string>();

export function cliHost(config: StationConfig): StationHost {
  return {
    config,
    readers: pcscReaders(),
    connectCa: (options) => connectCa(config, options),
    openAudit: () => openAudit(config),
    keys: keyStoreFor(config),
    records: logCardRecords,
    lockCard(cardId) {
      if (heldCards.has(cardId)) throw new StationError('CARD_BUSY', { card: cardId });
      heldCards.add(cardId);
      return () => void heldCards.delete(cardId);
    },
    actor: `${os.userInfo().username}@${os.hostname()}`,
  };
}

export const cliStation = (config: StationConfig): Station => new Station(cliHost(config));
