// The enrollment request as every front end hands it in (CLI flags, kiosk IPC): validated here,
// once, before any PIN is asked, journal line written or APDU sent.
import { field, onlyKeys, parseHolder, READER_NAME, type Holder } from '../core/enrollment/holder.ts';
import { badInput } from '../core/enrollment/holder.ts';

export interface EnrollInput extends Holder {
  /** replacing the certificate on an issued card: an explicit, audited choice */
  readonly reissue: boolean;
  /** the reader of the card to enroll; chosen from the readers when absent */
  readonly targetReader?: string;
}

const KEYS = ['requesterName', 'upn', 'email', 'sid', 'reissue', 'targetReader'] as const;

export function validateEnrollInput(raw: unknown): EnrollInput {
  const r = onlyKeys(raw, KEYS, 'request');
  if (r.reissue !== undefined && typeof r.reissue !== 'boolean')
    throw badInput('reissue', 'must be true or false');
  const targetReader = field(r.targetReader, 'target reader', READER_NAME, true);
  return {
    ...parseHolder(r),
    reissue: r.reissue === true,
    ...(targetReader === undefined ? {} : { targetReader }),
  };
}

export function validateReaderName(raw: unknown, name = 'reader'): string {
  return field(raw, name, READER_NAME);
}
