// Input from the renderer is untrusted: shapes, lengths and characters are checked here before
// anything reaches core. Errors name the field, never echo a PIN.
import type { EnrollRequest } from './ipc-contract.ts';

export class BridgeInputError extends Error {
  readonly code = 'BAD_INPUT';
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field} ${problem}`);
    this.field = field;
    this.name = 'BridgeInputError';
  }
}

const REQUESTER = /^[A-Za-z0-9][A-Za-z0-9.-]{0,14}\\[^\\/"[\]:|<>+=;,?*@\s]{1,20}$/;
const UPN = /^[^@\s]{1,64}@[A-Za-z0-9.-]{1,253}$/;
const EMAIL = UPN;
const PIN = /^[0-9]{4,16}$/;

export function parseEnrollRequest(input: unknown): EnrollRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new BridgeInputError('request', 'must be an object');
  const r = input as Record<string, unknown>;
  const known = new Set(['requesterName', 'upn', 'email', 'reissue', 'newPin', 'agentPin']);
  for (const k of Object.keys(r)) if (!known.has(k)) throw new BridgeInputError(k, 'is not a known field');
  const str = (k: string, re: RegExp, optional = false): string | undefined => {
    const v = r[k];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || !re.test(v)) throw new BridgeInputError(k, 'is missing or malformed');
    return v;
  };
  if (typeof r.reissue !== 'boolean') throw new BridgeInputError('reissue', 'must be true or false');
  const email = str('email', EMAIL, true);
  const newPin = str('newPin', PIN, true);
  return {
    requesterName: str('requesterName', REQUESTER) as string,
    upn: str('upn', UPN) as string,
    ...(email === undefined ? {} : { email }),
    reissue: r.reissue,
    ...(newPin === undefined ? {} : { newPin }),
    agentPin: str('agentPin', PIN) as string,
  };
}
