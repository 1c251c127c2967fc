// One validated configuration for the station: a JSON file, then environment overrides. Bad
// values stop start-up with the field named; secrets are never stored here — the CA password is
// read from the environment variable the file names, and PINs are typed at the kiosk.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyAlgorithm } from '../pki/signer.ts';

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
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`configuration field "${field}" ${problem}`);
    this.name = 'ConfigError';
    this.field = field;
  }
}

type Json = Record<string, unknown>;

const obj = (v: unknown, field: string): Json => {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new ConfigError(field, 'must be an object');
  return v as Json;
};
const str = (v: unknown, field: string, pattern?: RegExp): string => {
  if (typeof v !== 'string' || v.length === 0 || v.length > 4096)
    throw new ConfigError(field, 'must be a non-empty string');
  if (pattern && !pattern.test(v)) throw new ConfigError(field, `must match ${pattern}`);
  return v;
};
const int = (v: unknown, field: string, min: number, max: number): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ConfigError(field, `must be a whole number from ${min} to ${max}`);
  }
  return v;
};
const oneOf = <T extends string>(v: unknown, field: string, values: readonly T[]): T => {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    throw new ConfigError(field, `must be one of ${values.join(', ')}`);
  }
  return v as T;
};

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

/** Validates a parsed config object; relative paths resolve against `baseDir`. */
export function parseConfig(input: unknown, baseDir: string): StationConfig {
  const root = obj(input, '(root)');
  const ca = obj(root.ca, 'ca');
  const auth = obj(ca.auth, 'ca.auth');
  const card = obj(root.card ?? {}, 'card');
  const pin = obj(root.pinPolicy ?? {}, 'pinPolicy');
  const audit = obj(root.audit ?? {}, 'audit');
  const abs = (p: string): string => path.resolve(baseDir, p);

  const url = str(ca.url, 'ca.url');
  if (!/^https:\/\//i.test(url))
    throw new ConfigError('ca.url', 'must be an https:// URL (web enrollment is never used over plain HTTP)');
  const authKind = oneOf(auth.kind, 'ca.auth.kind', ['basic', 'client-certificate', 'ntlm'] as const);
  const caAuth: CaAuth =
    authKind === 'basic'
      ? {
          kind: 'basic',
          username: str(auth.username, 'ca.auth.username', /^[^\s:]{1,256}$/),
          passwordEnv: str(auth.passwordEnv, 'ca.auth.passwordEnv', /^[A-Z_][A-Z0-9_]*$/),
        }
      : authKind === 'ntlm'
        ? {
            kind: 'ntlm',
            ...ntlmAccount(
              // DOMAIN\user or user@dns.domain: NTLM needs to know which domain verifies the account
              str(
                auth.username,
                'ca.auth.username',
                /^([^\s\\/:@]{1,255}\\[^\s\\/:@]{1,256}|[^\s\\/:@]{1,256}@[^\s\\/:@]{1,255})$/,
              ),
            ),
            passwordEnv: str(auth.passwordEnv, 'ca.auth.passwordEnv', /^[A-Z_][A-Z0-9_]*$/),
          }
        : {
            kind: 'client-certificate',
            certFile: abs(str(auth.certFile, 'ca.auth.certFile')),
            keyFile: abs(str(auth.keyFile, 'ca.auth.keyFile')),
          };

  const minLength = int(pin.minLength ?? 6, 'pinPolicy.minLength', 4, 16);
  const maxLength = int(pin.maxLength ?? 8, 'pinPolicy.maxLength', minLength, 16);

  return {
    stationId: str(root.stationId, 'stationId', /^[A-Za-z0-9._-]{1,64}$/),
    dataDir: abs(str(root.dataDir, 'dataDir')),
    ca: {
      url,
      caBundleFile: abs(str(ca.caBundleFile, 'ca.caBundleFile')),
      auth: caAuth,
      template: str(ca.template ?? DEFAULTS.template, 'ca.template', /^[A-Za-z0-9_-]{1,64}$/),
      agentTemplate: str(
        ca.agentTemplate ?? DEFAULTS.agentTemplate,
        'ca.agentTemplate',
        /^[A-Za-z0-9_-]{1,64}$/,
      ),
      submitTimeoutMs: int(
        ca.submitTimeoutMs ?? DEFAULTS.submitTimeoutMs,
        'ca.submitTimeoutMs',
        1000,
        600_000,
      ),
      maxClockSkewSeconds: int(
        ca.maxClockSkewSeconds ?? DEFAULTS.maxClockSkewSeconds,
        'ca.maxClockSkewSeconds',
        1,
        86_400,
      ),
    },
    card: {
      keyAlgorithm: oneOf(card.keyAlgorithm ?? DEFAULTS.keyAlgorithm, 'card.keyAlgorithm', [
        'RSA',
        'EC-P256',
        'EC-P384',
      ] as const),
      transportPin: str(card.transportPin ?? DEFAULTS.transportPin, 'card.transportPin', /^[0-9]{6,8}$/),
      factoryPin: str(card.factoryPin ?? DEFAULTS.factoryPin, 'card.factoryPin', /^[0-9]{6,8}$/),
      transportPuk: str(card.transportPuk ?? DEFAULTS.transportPuk, 'card.transportPuk', /^[0-9]{6,8}$/),
      factoryManagementKey: str(
        card.factoryManagementKey ?? DEFAULTS.factoryManagementKey,
        'card.factoryManagementKey',
        /^([0-9a-fA-F]{32}|[0-9a-fA-F]{48}|[0-9a-fA-F]{64})$/,
      ),
      managementKeyStorage: oneOf(
        card.managementKeyStorage ?? DEFAULTS.managementKeyStorage,
        'card.managementKeyStorage',
        ['discard', 'encrypted-file'] as const,
      ),
      ...(card.targetReader === undefined
        ? {}
        : { targetReader: str(card.targetReader, 'card.targetReader') }),
      ...(card.agentReader === undefined ? {} : { agentReader: str(card.agentReader, 'card.agentReader') }),
    },
    pinPolicy: { minLength, maxLength },
    audit: {
      checkpointEvery: int(
        audit.checkpointEvery ?? DEFAULTS.checkpointEvery,
        'audit.checkpointEvery',
        1,
        1_000_000,
      ),
      ...(audit.postgresUrlEnv === undefined
        ? {}
        : { postgresUrlEnv: str(audit.postgresUrlEnv, 'audit.postgresUrlEnv', /^[A-Z_][A-Z0-9_]*$/) }),
    },
  };
}

function ntlmAccount(username: string): { username: string; domain: string; user: string } {
  const slash = username.indexOf('\\');
  return slash >= 0
    ? { username, domain: username.slice(0, slash), user: username.slice(slash + 1) }
    : { username, domain: '', user: username };
}

export function loadConfig(file: string): StationConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ConfigError('(file)', `could not be read as JSON from ${file}: ${(cause as Error).message}`);
  }
  return parseConfig(parsed, path.dirname(path.resolve(file)));
}

/** Files the station keeps under dataDir. */
export function stationPaths(config: StationConfig) {
  const d = config.dataDir;
  return {
    journalDir: path.join(d, 'journal'),
    auditDb: path.join(d, 'audit.sqlite'),
    auditKey: path.join(d, 'audit-signing.key'),
    managementKeys: path.join(d, 'management-keys.json'),
    keyEncryptionKey: path.join(d, 'station-kek.bin'),
    caLedger: path.join(d, 'ca-requests.json'),
  };
}
