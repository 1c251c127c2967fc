// Verifies one TPM virtual smart card, check by check, each passed or failed with the catalog code
// whose resolution says what to do (a check that cannot run because an earlier one failed is
// "skipped"). Reads only: the PIN's state comes from the station's records, never from trying the
// default PIN (which would spend a retry); the holder's own PIN is used once, for the signature.
import { createPublicKey, createVerify, randomBytes } from 'node:crypto';
import { GidsEnrollableCard } from '../core/card/gids/enrollable.ts';
import { defaultContainer, readFileSystem } from '../core/card/gids/minidriver.ts';
import { GidsSession } from '../core/card/gids/session.ts';
import { CardStatusError, SecretBlockedError, WrongSecretError } from '../core/card/status-words.ts';
import type { Transport } from '../core/card/transport.ts';
import type { CardRecords } from '../core/enrollment/ports.ts';
import type { Secret } from '../core/enrollment/secret.ts';
import { StationError, type ErrorDetails, type StationErrorCode } from '../core/errors/catalog.ts';
import { cardIdFor } from '../core/card/edge.ts';
import { checkCertificate } from '../core/pki/check.ts';
import { bytesEqual } from '../core/pki/der.ts';
import { checkPlatform, readerKind } from './self-enroll.ts';
import type { StationHost } from './ports.ts';

export type VerifyCheckId =
  'windows' | 'tpm' | 'reader' | 'gids' | 'key' | 'certificate' | 'pin-changed' | 'signature';

export const VERIFY_CHECKS: readonly VerifyCheckId[] = [
  'windows',
  'tpm',
  'reader',
  'gids',
  'key',
  'certificate',
  'pin-changed',
  'signature',
];

export interface VerifyCheck {
  readonly id: VerifyCheckId;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** failed: the catalog code (message and resolution in four languages) */
  readonly code?: StationErrorCode;
  readonly details?: ErrorDetails;
  /** passed: what was found (versions, serial), for the report */
  readonly facts?: Readonly<Record<string, string | number | boolean>>;
}

export interface VerifyReport {
  readonly reader: string;
  readonly ok: boolean;
  readonly checks: readonly VerifyCheck[];
}

export interface VerifyInput {
  readonly reader: string;
  /** the user the certificate must name; absent: a UPN must be there */
  readonly upn?: string;
  readonly trustAnchors: readonly Uint8Array[];
  readonly records: CardRecords;
  /** asked only when every earlier card check passed; undefined skips the signature check */
  readonly askPin?: () => Promise<Secret | undefined>;
}

const codeOf = (e: unknown): { code: StationErrorCode; details?: ErrorDetails } =>
  e instanceof StationError ? { code: e.code, details: e.details } : { code: 'INTERNAL' };

export async function verifyVirtualCard(
  host: StationHost,
  transport: Transport,
  input: VerifyInput,
): Promise<VerifyReport> {
  const checks: VerifyCheck[] = [];
  const pass = (id: VerifyCheckId, facts?: VerifyCheck['facts']) =>
    checks.push({ id, status: 'passed', ...(facts ? { facts } : {}) });
  const fail = (id: VerifyCheckId, code: StationErrorCode, details?: ErrorDetails) =>
    checks.push({ id, status: 'failed', code, ...(details ? { details } : {}) });
  const skipRest = () => {
    for (const id of VERIFY_CHECKS)
      if (!checks.some((c) => c.id === id)) checks.push({ id, status: 'skipped' });
  };

  // Windows and TPM: the first problem of each is the one to fix
  try {
    const facts = await checkPlatform(host.platform);
    const w = facts.windows;
    pass('windows', { version: `${w.major}.${w.minor}.${w.build}`, productType: w.productType });
    pass('tpm', { family: facts.tpm.family ?? 'unknown', ready: facts.tpm.ready, owned: facts.tpm.owned });
  } catch (e) {
    const { code, details } = codeOf(e);
    if (code === 'WINDOWS_TOO_OLD') {
      fail('windows', code, details);
      checks.push({ id: 'tpm', status: 'skipped' });
    } else {
      pass('windows');
      fail('tpm', code, details);
    }
  }

  const kind = await readerKind(host, input.reader, transport.atr);
  if (kind.kind === 'tpm-virtual') pass('reader', { kind: kind.kind });
  else
    fail('reader', kind.kind === 'windows-hello' ? 'VSC_READER_WINDOWS_HELLO' : 'VSC_READER_NOT_TPM', {
      reader: input.reader,
      kind: kind.kind,
      reason: kind.reason,
    });

  let session: GidsSession;
  try {
    session = await GidsSession.open(transport);
    pass('gids');
  } catch (e) {
    if (!(e instanceof CardStatusError)) throw e;
    fail('gids', 'VSC_NOT_GIDS', { reader: input.reader });
    skipRest();
    return report(input.reader, checks);
  }

  const fs = await readFileSystem(session);
  const container = defaultContainer(fs);
  let spki: Uint8Array | undefined;
  if (container === undefined) fail('key', 'VSC_NO_KEY', { reader: input.reader });
  else {
    try {
      spki = (await session.readPublicKey(container.keyReference)).spki;
      pass('key', { container: container.index });
    } catch (e) {
      if (!(e instanceof CardStatusError)) throw e;
      fail('key', 'VSC_NO_KEY', { reader: input.reader });
    }
  }

  const certificate = container?.certificate;
  if (spki === undefined) checks.push({ id: 'certificate', status: 'skipped' });
  else if (certificate === undefined) fail('certificate', 'VSC_NO_CERTIFICATE', { reader: input.reader });
  else {
    const verdict = await checkCertificate(certificate, {
      trustAnchors: input.trustAnchors,
      ...(input.upn === undefined ? {} : { upn: input.upn }),
    });
    const reasons = verdict.reasons.map((r) => r.code as string);
    if (verdict.facts !== undefined && !bytesEqual(verdict.facts.spki, spki)) reasons.unshift('KEY_MISMATCH');
    if (input.upn === undefined && verdict.facts !== undefined && verdict.facts.upns.length === 0)
      reasons.push('UPN_MISSING');
    if (reasons.includes('KEY_MISMATCH')) fail('certificate', 'VSC_CERT_OTHER_KEY', { reader: input.reader });
    else if (reasons.length > 0) fail('certificate', 'VSC_CERT_REJECTED', { reasons: reasons.join(', ') });
    else
      pass('certificate', {
        serial: verdict.facts?.serialNumberHex ?? '',
        upn: verdict.facts?.upns.join(', ') ?? '',
      });
  }

  // the station's records, never a try of the default PIN
  const atr = Buffer.from(transport.atr).toString('hex');
  const serial =
    fs.cardId !== undefined && fs.cardId.length > 0 ? Buffer.from(fs.cardId).toString('hex') : null;
  const cardId = cardIdFor('gids', atr, serial, null);
  const changed = input.records.pinChanged(cardId);
  if (changed === 'yes') pass('pin-changed');
  else fail('pin-changed', 'VSC_DEFAULT_PIN', { reader: input.reader, records: changed });

  const readyToSign =
    spki !== undefined && checks.every((c) => c.id !== 'certificate' || c.status === 'passed');
  const pin = readyToSign && input.askPin ? await input.askPin() : undefined;
  if (spki === undefined || pin === undefined) checks.push({ id: 'signature', status: 'skipped' });
  else {
    try {
      const card = new GidsEnrollableCard(session);
      await card.verifyPin(pin);
      const challenge = randomBytes(32);
      const signature = await card.signerFor(spki).sign(challenge, 'SHA-256');
      const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
      if (createVerify('SHA256').update(challenge).verify(key, signature)) pass('signature');
      else fail('signature', 'PROOF_FAILED');
    } catch (e) {
      if (e instanceof WrongSecretError)
        fail('signature', 'WRONG_PIN', {
          card: 'holder',
          reader: input.reader,
          ...(e.retriesLeft === undefined ? {} : { triesLeft: e.retriesLeft }),
        });
      else if (e instanceof SecretBlockedError)
        fail('signature', 'PIN_BLOCKED', { card: 'holder', reader: input.reader });
      else throw e;
    } finally {
      pin.wipe();
    }
  }
  return report(input.reader, checks);
}

function report(reader: string, checks: VerifyCheck[]): VerifyReport {
  const ordered = VERIFY_CHECKS.map(
    (id): VerifyCheck => checks.find((c) => c.id === id) ?? { id, status: 'skipped' },
  );
  return { reader, ok: ordered.every((c) => c.status === 'passed'), checks: ordered };
}
