// The cardholder's names as the CA and the log need them, checked in ONE place. The CLI's flags,
// the kiosk's IPC and the audit schema all use these rules, so a value the log would refuse is
// refused before a PIN is asked, a journal line is written or an APDU is sent.
//
// DOMAIN\user is the down-level logon name AD CS expects in `requestername` (NetBIOS domain: up to
// 15 characters; sAMAccountName: up to 20, without the characters AD forbids in it). A UPN is
// name@dns-suffix. A SID is the S-1-5-21-… form the directory's objectSid prints as.
import { StationError } from '../errors/catalog.ts';

export const DOWN_LEVEL_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,14}\\[^\s\\/"[\]:;|=,+*?<>@]{1,20}$/;
export const UPN =
  /^[^\s@\\/"<>,;:]{1,256}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*$/;
export const EMAIL = UPN;
export const SID = /^S-1-5(?:-\d{1,10}){1,14}$/;
/** reader names as PC/SC lists them: printable, no control characters */
// eslint-disable-next-line no-control-regex
export const READER_NAME = /^[^\u0000-\u001f\u007f]{1,128}$/;

export interface Holder {
  /** DOMAIN\user */
  readonly requesterName: string;
  readonly upn: string;
  readonly email?: string;
  readonly sid?: string;
}

export const badInput = (field: string, problem: string): StationError =>
  new StationError('BAD_INPUT', { field, problem });

/** A field that must be a string matching `pattern`; its value is never echoed in the error. */
export function field(v: unknown, name: string, pattern: RegExp, optional: true): string | undefined;
export function field(v: unknown, name: string, pattern: RegExp, optional?: false): string;
export function field(v: unknown, name: string, pattern: RegExp, optional = false): string | undefined {
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string') throw badInput(name, v === undefined ? 'is missing' : 'must be text');
  if (!pattern.test(v)) throw badInput(name, 'is malformed');
  return v;
}

/** A cardholder's or employee's account as typed (DOMAIN\\user): the one rule for it. */
export function validateAccount(raw: unknown): string {
  return field(raw, 'user (DOMAIN\\user)', DOWN_LEVEL_NAME);
}

export function parseHolder(raw: Readonly<Record<string, unknown>>): Holder {
  const requesterName = validateAccount(raw.requesterName);
  const upn = field(raw.upn, 'upn', UPN);
  const email = field(raw.email, 'email', EMAIL, true);
  const sid = field(raw.sid, 'sid', SID, true);
  return {
    requesterName,
    upn,
    ...(email === undefined ? {} : { email }),
    ...(sid === undefined ? {} : { sid }),
  };
}

/** Refuses keys the caller does not know (how a hostile front end smuggles fields in). */
export function onlyKeys(
  raw: unknown,
  allowed: readonly string[],
  what: string,
): Readonly<Record<string, unknown>> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw badInput(what, 'must be an object');
  for (const k of Object.keys(raw))
    if (!allowed.includes(k)) throw badInput(`${what}.${k.slice(0, 40)}`, 'is not a known field');
  return raw as Record<string, unknown>;
}
