// One validated configuration for the station: a JSON file (comments allowed), checked strictly
// against the one definition in definition.ts — an unknown or misspelt key is refused with its
// path, as is a bad value. Secrets are never stored here: the CA password is read from the
// environment variable the file names, and PINs are typed at the kiosk.
import path from 'node:path';
import type { KeyAlgorithm } from '../pki/signer.ts';
import { StationError } from '../errors/catalog.ts';
import { READ_LIMITS, readBoundedText } from '../state/files.ts';
import { CARD_EDGE_PIN_LENGTHS, stationDefinition } from './definition.ts';
import { jsoncToJson } from './jsonc.ts';
import { ConfigError, parseWith, type Infer } from './schema.ts';

export { ConfigError } from './schema.ts';

export type CaAuth =
  | { readonly kind: 'basic'; readonly username: string; readonly passwordEnv: string }
  | { readonly kind: 'client-certificate'; readonly certFile: string; readonly keyFile: string }
  | {
      readonly kind: 'ntlm';
      /** as configured: DOMAIN\\user or a UPN */
      readonly username: string;
      /** NetBIOS or DNS domain; empty for a UPN (the DC resolves it) */
      readonly domain: string;
      /** the account name NTLM sends (sAMAccountName, or the whole UPN) */
      readonly user: string;
      readonly passwordEnv: string;
    };

export interface StationConfig {
  readonly stationId: string;
  readonly dataDir: string;
  readonly ca: {
    readonly url: string;
    readonly caBundleFile: string;
    readonly auth: CaAuth;
    readonly template: string;
    readonly agentTemplate: string;
    readonly submitTimeoutMs: number;
    readonly maxClockSkewSeconds: number;
  };
  readonly card: {
    readonly keyAlgorithm: KeyAlgorithm;
    /** the PIN cards arrive with; not a secret, but handled as one */
    readonly transportPin: string;
    /**
     * the vendor's factory PIN (YubiKey-class cards: 123456), told apart from the transport PIN
     * with the card's metadata so a card still on it is refused without spending a try
     */
    readonly factoryPin: string;
    /** the PUK cards arrive with; replaced by a random one at issuance */
    readonly transportPuk: string;
    /** hex; the factory management key of blank cards */
    readonly factoryManagementKey: string;
    readonly managementKeyStorage: 'discard' | 'encrypted-file';
    readonly targetReader?: string;
    readonly agentReader?: string;
  };
  readonly pinPolicy: { readonly minLength: number; readonly maxLength: number };
  readonly audit: {
    readonly checkpointEvery: number;
    /** environment variable holding the PostgreSQL connection string, when a central store is used */
    readonly postgresUrlEnv?: string;
  };
  /** the auditor role at the kiosk; absent: the auditor screens stay closed */
  readonly auditor?: {
    /** SHA-256 thumbprints (lowercase hex) of the certificates on the auditors' cards */
    readonly certificateThumbprints: readonly string[];
    readonly mediaFolder: string;
  };
}

/** The raw, validated shape of the file (before paths are resolved). */
export type StationConfigFile = Infer<typeof stationDefinition>;

/** The defaults, as the definition states them. */
export const DEFAULTS = {
  template: 'SmartcardUser',
  agentTemplate: 'EnrollmentAgent',
  submitTimeoutMs: 60_000,
  maxClockSkewSeconds: 300,
  keyAlgorithm: 'RSA' as KeyAlgorithm,
  transportPin: '12345678',
  factoryPin: '123456',
  transportPuk: '12345678',
  factoryManagementKey: '010203040506070801020304050607080102030405060708',
  managementKeyStorage: 'encrypted-file' as const,
  checkpointEvery: 100,
};

/** A top-level "$schema" lets editors find docs/station.schema.json; the station ignores it. */
const ROOT_EXTRA_KEYS = ['$schema'] as const;

/** Validates a parsed config object; relative paths resolve against `baseDir`. */
export function parseConfig(input: unknown, baseDir: string): StationConfig {
  const raw = parseWith(stationDefinition, input, ROOT_EXTRA_KEYS);
  const abs = (p: string): string => path.resolve(baseDir, p);
  const a = raw.ca.auth;
  const auth: CaAuth =
    a.kind === 'basic'
      ? { kind: 'basic', username: a.username, passwordEnv: a.passwordEnv }
      : a.kind === 'ntlm'
        ? { kind: 'ntlm', ...ntlmAccount(a.username), passwordEnv: a.passwordEnv }
        : { kind: 'client-certificate', certFile: abs(a.certFile), keyFile: abs(a.keyFile) };
  return {
    stationId: raw.stationId,
    dataDir: abs(raw.dataDir),
    ca: {
      url: raw.ca.url,
      caBundleFile: abs(raw.ca.caBundleFile),
      auth,
      template: raw.ca.template,
      agentTemplate: raw.ca.agentTemplate,
      submitTimeoutMs: raw.ca.submitTimeoutMs,
      maxClockSkewSeconds: raw.ca.maxClockSkewSeconds,
    },
    card: {
      keyAlgorithm: raw.card.keyAlgorithm,
      transportPin: raw.card.transportPin,
      factoryPin: raw.card.factoryPin,
      transportPuk: raw.card.transportPuk,
      factoryManagementKey: raw.card.factoryManagementKey,
      managementKeyStorage: raw.card.managementKeyStorage,
      ...(raw.card.targetReader === undefined ? {} : { targetReader: raw.card.targetReader }),
      ...(raw.card.agentReader === undefined ? {} : { agentReader: raw.card.agentReader }),
    },
    pinPolicy: pinPolicyForEdge(raw.pinPolicy, 'piv'),
    audit: {
      checkpointEvery: raw.audit.checkpointEvery,
      ...(raw.audit.postgresUrlEnv === undefined ? {} : { postgresUrlEnv: raw.audit.postgresUrlEnv }),
    },
    ...(raw.auditor === undefined
      ? {}
      : {
          auditor: {
            certificateThumbprints: raw.auditor.certificateThumbprints.toLowerCase().split(','),
            mediaFolder: abs(raw.auditor.mediaFolder),
          },
        }),
  };
}

/**
 * The configured PIN lengths must fit what the card edge stores; refused (not silently narrowed)
 * so the operator learns that the policy they wrote is not the one the cards can carry.
 */
export function pinPolicyForEdge(
  policy: { readonly minLength: number; readonly maxLength: number },
  edge: keyof typeof CARD_EDGE_PIN_LENGTHS,
): { readonly minLength: number; readonly maxLength: number } {
  const limits = CARD_EDGE_PIN_LENGTHS[edge];
  const stores = `a ${edge.toUpperCase()} card stores PINs of ${limits.min} to ${limits.max} characters`;
  if (policy.minLength < limits.min || policy.minLength > limits.max) {
    throw new ConfigError('pinPolicy.minLength', `is ${policy.minLength}, but ${stores}`);
  }
  if (policy.maxLength < limits.min || policy.maxLength > limits.max) {
    throw new ConfigError('pinPolicy.maxLength', `is ${policy.maxLength}, but ${stores}`);
  }
  if (policy.maxLength < policy.minLength) {
    throw new ConfigError(
      'pinPolicy.maxLength',
      `must not be less than pinPolicy.minLength (${policy.minLength})`,
    );
  }
  return { minLength: policy.minLength, maxLength: policy.maxLength };
}

function ntlmAccount(username: string): { username: string; domain: string; user: string } {
  const slash = username.indexOf('\\');
  return slash >= 0
    ? { username, domain: username.slice(0, slash), user: username.slice(slash + 1) }
    : { username, domain: '', user: username };
}

/**
 * Reads (bounded: a /dev/zero or FIFO given as the file is refused, not read forever) and
 * validates; an unreadable file is CONFIG_UNREADABLE naming it, a bad setting CONFIG_INVALID.
 */
export function loadConfig(file: string): StationConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsoncToJson(readBoundedText(file, READ_LIMITS.config)));
  } catch (cause) {
    // the reason is the bounded read's (a device, a FIFO, too long) or JSON's own, never content
    const problem = cause instanceof StationError ? String(cause.details.problem) : (cause as Error).message;
    throw new StationError('CONFIG_UNREADABLE', { file, problem: problem.slice(0, 200) }, { cause });
  }
  return parseConfig(parsed, path.dirname(path.resolve(file)));
}

/** Files the station keeps under dataDir. */
export function stationPaths(config: StationConfig) {
  const d = config.dataDir;
  return {
    dataDir: d,
    journalDir: path.join(d, 'journal'),
    /** finished journals, moved out of the way */
    journalDoneDir: path.join(d, 'journal', 'done'),
    locksDir: path.join(d, 'locks'),
    auditDb: path.join(d, 'audit.sqlite'),
    auditKey: path.join(d, 'audit-signing.key'),
    managementKeys: path.join(d, 'management-keys.json'),
    keyEncryptionKey: path.join(d, 'station-kek.bin'),
    caLedger: path.join(d, 'ca-requests.json'),
  };
}
