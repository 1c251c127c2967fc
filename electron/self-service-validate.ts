// The self-service calls' own arguments, checked like every bridge argument (validate.ts): shape,
// length and characters, BAD_INPUT naming the field and never echoing a value, with validate.ts's
// own checks. The employee's
// account, UPN and e-mail are checked by the station's validateEnrollInput, the one validator the
// CLI's self-enroll uses too; this file checks only what the bridge adds (reader, create, password,
// PIN). selfResume's enrollment id is validate.ts's parseEnrollmentId, as the operator's resume.
import { validateAccount, validateEnrollInput } from '../station/index.ts';
import { PIN, READER, record, refuse, text } from './validate.ts';
import type { SelfEnrollInputView } from './station-port.ts';

export interface SelfEnrollRequest {
  readonly input: SelfEnrollInputView;
  /** absent: integrated Windows sign-in */
  readonly password?: string;
}

/** a password is any printable text a directory accepts, up to 256 characters; never echoed */
const PASSWORD = /^[^\p{Cc}]{1,256}$/u;

export function parseSelfEnroll(input: unknown): SelfEnrollRequest {
  const r = record(input, ['account', 'upn', 'email', 'reader', 'create', 'password']);
  if (typeof r.create !== 'boolean') refuse('create', 'must be true or false');
  const reader = text(r, 'reader', READER, true);
  const password = text(r, 'password', PASSWORD, true);
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
  const r = record(input, ['reader', 'upn', 'pin']);
  const reader = text(r, 'reader', READER, true);
  if (reader === undefined) refuse('reader', 'is required');
  const upn = text(r, 'upn', /^[^\s@]{1,128}@[^\s@]{1,128}$/, true);
  const pin = text(r, 'pin', PIN, true);
  return { reader, ...(upn === undefined ? {} : { upn }), ...(pin === undefined ? {} : { pin }) };
}

/** The employee's sign-in for their pending requests: the account rule of every enrollment. */
export function parseSelfSignIn(input: unknown): { account: string; password?: string } {
  const r = record(input, ['account', 'password']);
  const account = validateAccount(r.account);
  const password = text(r, 'password', PASSWORD, true);
  return { account, ...(password === undefined ? {} : { password }) };
}
