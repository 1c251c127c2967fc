// The self-service calls' own arguments, checked like every bridge argument (validate.ts): shape,
// length and characters, BAD_INPUT naming the field and never echoing a value. The employee's
// account, UPN and e-mail are checked by the station's validateEnrollInput, the one validator the
// CLI's self-enroll uses too; this file checks only what the bridge adds (reader, create, password,
// PIN).
import { validateEnrollInput } from '../station/index.ts';
import { StationError } from '../core/errors/catalog.ts';
import { MAX_STRING } from './validate.ts';
import type { SelfEnrollInputView } from './station-port.ts';

const READER = /^[\x20-\x7e]{1,128}$/;
const PIN = /^[0-9]{4,16}$/;

function refuse(field: string, problem: string): never {
  throw new StationError('BAD_INPUT', { field, problem });
}

function plain(input: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    refuse('request', 'must be an object');
  const proto = Object.getPrototypeOf(input) as unknown;
  if (proto !== Object.prototype && proto !== null) refuse('request', 'must be a plain object');
  const r = input as Record<string, unknown>;
  for (const key of Object.keys(r))
    if (!allowed.includes(key)) refuse(key.slice(0, 40), 'is not a known field');
  return r;
}

function optionalText(r: Record<string, unknown>, key: string, pattern: RegExp): string | undefined {
  const v = r[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') refuse(key, 'must be text');
  if (v.length > MAX_STRING) refuse(key, 'is too long');
  if (!pattern.test(v)) refuse(key, 'is malformed');
  return v;
}

export interface SelfEnrollRequest {
  readonly input: SelfEnrollInputView;
  /** absent: integrated Windows sign-in */
  readonly password?: string;
}

export function parseSelfEnroll(input: unknown): SelfEnrollRequest {
  const r = plain(input, ['account', 'upn', 'email', 'reader', 'create', 'password']);
  if (typeof r.create !== 'boolean') refuse('create', 'must be true or false');
  const reader = optionalText(r, 'reader', READER);
  // a password is any printable text a directory accepts, up to 256 characters; never echoed
  const password = optionalText(r, 'password', /^[^\p{Cc}]{1,256}$/u);
  const checked = validateEnrollInput({
    requesterName: r.account,
    upn: r.upn,
    ...(r.email === undefined ? {} : { email: r.email }),
  });
  return {
    input: {
      account: checked.requesterName,
      upn: checked.upn,
      ...(checked.email === undefined ? {} : { email: checked.email }),
      ...(reader === undefined ? {} : { reader }),
      create: r.create,
    },
    ...(password === undefined ? {} : { password }),
  };
}

export function parseVerifyVsc(input: unknown): { reader: string; upn?: string; pin?: string } {
  const r = plain(input, ['reader', 'upn', 'pin']);
  const reader = optionalText(r, 'reader', READER);
  if (reader === undefined) refuse('reader', 'is required');
  const upn = optionalText(r, 'upn', /^[^\s@]{1,128}@[^\s@]{1,128}$/);
  const pin = optionalText(r, 'pin', PIN);
  return { reader, ...(upn === undefined ? {} : { upn }), ...(pin === undefined ? {} : { pin }) };
}
