// The headless station's composition root: configuration in, the workflow's ports out. The
// Electron main process builds the same objects (with net.fetch as the HTTP transport).
import { readFileSync } from 'node:fs';
import { SqliteAuditLog } from '../core/audit/sqlite-log.ts';
import { CertsrvClient } from '../core/ca/client.ts';
import { FileRequestLedger } from '../core/ca/ledger.ts';
import { NodeHttpsTransport, type NodeTransportAuth } from '../core/ca/node-transport.ts';
import { PivSession, pivSigner, publicKeyFromSpki, Slot } from '../core/card/piv/index.ts';
import type { Transport } from '../core/card/transport.ts';
import { stationPaths, type StationConfig } from '../core/config/config.ts';
import { certsrvAuthority } from '../core/enrollment/adapters/certsrv.ts';
import { pkiChecker, pkiRequestBuilder } from '../core/enrollment/adapters/pki.ts';
import type { EnrollmentDeps } from '../core/enrollment/engine.ts';
import { DiscardingKeyStore, EncryptedFileKeyStore } from '../core/enrollment/key-store.ts';
import type { AgentCard, ManagementKeyStore, Progress } from '../core/enrollment/ports.ts';
import type { Secret } from '../core/enrollment/secret.ts';
import { StationError } from '../core/errors/catalog.ts';
import { certificateFacts, parseCertificate, spkiOf } from '../core/pki/certificate-facts.ts';
import { fromPem } from '../core/pki/der.ts';

export interface CaConnection {
  readonly client: CertsrvClient;
  readonly transport: NodeHttpsTransport;
  readonly trustAnchors: readonly Uint8Array[];
}

/**
 * The CA password comes from the environment variable the config names, never from the file.
 * `ntlmChannelBinding: 'none'` is for diagnose's EPA probe only.
 */
export function connectCa(
  config: StationConfig,
  options: { readonly ntlmChannelBinding?: 'none' } = {},
): CaConnection {
  const bundlePem = readFileSync(config.ca.caBundleFile, 'utf8');
  const trustAnchors = fromPem(bundlePem, 'CERTIFICATE');
  if (trustAnchors.length === 0) throw new Error(`no CERTIFICATE in ${config.ca.caBundleFile}`);
  const a = config.ca.auth;
  let auth: NodeTransportAuth;
  if (a.kind === 'basic' || a.kind === 'ntlm') {
    const password = process.env[a.passwordEnv];
    if (password === undefined || password === '') {
      throw new Error(`the CA password is expected in the environment variable ${a.passwordEnv}`);
    }
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
  return { client, transport, trustAnchors };
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

export function keyStoreFor(config: StationConfig): ManagementKeyStore {
  const paths = stationPaths(config);
  return config.card.managementKeyStorage === 'discard'
    ? new DiscardingKeyStore()
    : new EncryptedFileKeyStore(paths.managementKeys, paths.keyEncryptionKey);
}

/** Opens the operator's card: verifies its PIN, reads the Enrollment Agent certificate from 9A. */
export async function openAgentCard(
  transport: Transport,
  pin: Secret,
): Promise<{ agent: AgentCard; operatorUpn: string }> {
  const session = await PivSession.open(transport);
  await pin.lend((bytes) => session.verifyPin(bytes));
  const certificate = await session.readCertificate(Slot.AUTHENTICATION).then(
    (c) => c.der,
    () => {
      throw new StationError('AGENT_CERT_INVALID', {
        reader: transport.readerName,
        problem: 'no certificate in 9A',
      });
    },
  );
  const facts = certificateFacts(parseCertificate(certificate));
  const operatorUpn = facts.upns[0] ?? facts.subject;
  const signer = pivSigner(session, Slot.AUTHENTICATION, publicKeyFromSpki(spkiOf(certificate)));
  return { agent: { certificate, signer }, operatorUpn };
}

export function enrollmentDeps(
  config: StationConfig,
  parts: {
    readonly ca: CaConnection;
    readonly audit: EnrollmentDeps['audit'];
    readonly card: EnrollmentDeps['card'];
    readonly agent?: { agent: AgentCard; operatorUpn: string };
    readonly onProgress?: (p: Progress) => void;
  },
): EnrollmentDeps {
  return {
    stationId: config.stationId,
    card: parts.card,
    ...(parts.agent ? { agent: parts.agent.agent, operatorUpn: parts.agent.operatorUpn } : {}),
    ca: certsrvAuthority(parts.ca.client),
    requests: pkiRequestBuilder,
    check: pkiChecker(parts.ca.trustAnchors),
    audit: parts.audit,
    keys: keyStoreFor(config),
    journalDir: stationPaths(config).journalDir,
    ...(parts.onProgress ? { onProgress: parts.onProgress } : {}),
  };
}

/**
 * Connects, waiting briefly while another process still holds the card: pcscd releases the
 * handles of a process that died only after it notices the closed socket.
 */
export async function connectWhenFree(
  pcsc: { connect(reader: string, o: { share: 'exclusive' | 'shared' }): Promise<Transport> },
  reader: string,
  waitMs = 5000,
): Promise<Transport> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await pcsc.connect(reader, { share: 'exclusive' });
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'READER_BUSY' || Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
