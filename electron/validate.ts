// Input from the renderer is untrusted: every argument of every call is checked here for shape,
// length and characters before anything reaches the station. A refusal is StationError
// 'BAD_INPUT' naming the field, never echoing a value (a field may hold a PIN).
// The cardholder fields are not checked here: station's validateEnrollInput is the one validator
// the CLI, the IPC handlers and the audit share. This file checks the bridge's own arguments.
import {
  CATALOG,
  LANGUAGES,
  StationError,
  type Language,
  type StationErrorCode,
} from '../core/errors/catalog.ts';
import type { NewPinAnswer } from './ipc-contract.ts';

/** A structured-clone payload bigger than this is refused before it is looked at. */
export const MAX_STRING = 256;

export function refuse(field: string, problem: string): never {
  throw new StationError('BAD_INPUT', { field, problem });
}

/** A plain object holding only the `allowed` fields (the bridge's shape check, for every call). */
export function record(input: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    refuse('request', 'must be an object');
  const proto = Object.getPrototypeOf(input) as unknown;
  if (proto !== Object.prototype && proto !== null) refuse('request', 'must be a plain object');
  const r = input as Record<string, unknown>;
  for (const key of Object.keys(r))
    if (!allowed.includes(key)) refuse(key.slice(0, 40), 'is not a known field');
  return r;
}

/** A string field: text, at most MAX_STRING long, matching `pattern`; never echoed when refused. */
export function text(
  r: Record<string, unknown>,
  key: string,
  pattern: RegExp,
  optional: true,
): string | undefined;
export function text(r: Record<string, unknown>, key: string, pattern: RegExp, optional?: false): string;
export function text(
  r: Record<string, unknown>,
  key: string,
  pattern: RegExp,
  optional = false,
): string | undefined {
  const v = r[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string') refuse(key, 'must be text');
  if (v.length > MAX_STRING) refuse(key, 'is too long');
  if (!pattern.test(v)) refuse(key, 'is malformed');
  return v;
}

/** PINs the cards take: PIV 6–8 digits; the pad allows 4–16 so the card, not the bridge, says "wrong". */
export const PIN = /^[0-9]{4,16}$/;
/** reader names as PC/SC reports them: printable, no control characters */
export const READER = /^[\x20-\x7e]{1,128}$/;
const ENROLLMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseNothing(input: unknown): undefined {
  if (input !== undefined && input !== null) refuse('request', 'takes no argument');
  return undefined;
}

export function parseLanguage(input: unknown): Language {
  const r = record(input, ['language']);
  const v = r.language;
  if (typeof v !== 'string' || !(LANGUAGES as readonly string[]).includes(v))
    refuse('language', 'is not offered');
  return v as Language;
}

export function parseSignIn(input: unknown): { readonly pin: string; readonly reader?: string } {
  const r = record(input, ['pin', 'reader']);
  const pin = text(r, 'pin', PIN);
  const reader = text(r, 'reader', READER, true);
  return reader === undefined ? { pin } : { pin, reader };
}

export function parseNewPinAnswer(input: unknown): NewPinAnswer {
  const r = record(input, ['enrollmentId', 'pin', 'skip']);
  const enrollmentId = text(r, 'enrollmentId', ENROLLMENT_ID);
  if (r.skip !== undefined) {
    if (r.skip !== true || r.pin !== undefined) refuse('skip', 'must be true, without a PIN');
    return { enrollmentId, skip: true };
  }
  return { enrollmentId, pin: text(r, 'pin', PIN) };
}

export function parseEnrollmentId(input: unknown): { readonly enrollmentId: string } {
  const r = record(input, ['enrollmentId']);
  return { enrollmentId: text(r, 'enrollmentId', ENROLLMENT_ID) };
}

export function parseErrorCode(input: unknown): StationErrorCode {
  const r = record(input, ['code']);
  const code = text(r, 'code', /^[A-Z_]{1,40}$/);
  if (!Object.hasOwn(CATALOG, code)) refuse('code', 'is not a catalog code');
  return code as StationErrorCode;
}
