// A last line of defence: the schema has no field for secrets, but free text (reason, reader,
// template) could still be fed a PIN or key by mistake. These checks err on the side of refusing;
// callers put identifiers in their typed fields and keep reason short and plain.
import { AuditValidationError } from './errors.ts';

/** Field names that must never appear anywhere in an event object. */
const SECRET_NAME =
  /(^|[^a-z])(pin|puk|pins|puks|pinblock|password|passwd|passphrase|passcode|secret|otp|mgmt_?key|management_?key|admin_?key|private_?key|key_?material|keymaterial|privkey|session_?key)([^a-z]|$)/i;

/** Splits camelCase so "newPin" or "mgmtKey" are judged by their words. */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function isSecretFieldName(name: string): boolean {
  return SECRET_NAME.test(words(name));
}

const SECRET_WORD =
  /\b(pin|puk|password|passwd|passphrase|passcode|secret|otp|management key|mgmt key|admin key|private key)\b/i;
const ASSIGNMENT = /\b(pin|puk|password|passwd|passphrase|passcode|secret|key|otp)\s*[:=]/i;
const DIGIT_RUN = /\d{4,}/;
const HEX_RUN = /[0-9a-f]{16,}/i;
// Base64 runs long enough to be key material (16 bytes → 24 chars); must mix classes so
// ordinary long words do not trip it.
const BASE64_RUN = /[A-Za-z0-9+/]{24,}={0,2}/g;
const PEM = /-----BEGIN [A-Z ]+-----/;

function looksLikeBase64Blob(text: string): boolean {
  for (const m of text.matchAll(BASE64_RUN)) {
    const s = m[0];
    if (/[0-9+/]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s)) return true;
  }
  return false;
}

/** Throws (AUDIT_SECRET_REJECTED) when free text looks like it carries a secret. */
export function guardFreeText(field: string, text: string): void {
  const reject = (why: string): never => {
    // The message names the rule, never the text: the text may be the secret.
    throw new AuditValidationError(
      field,
      `looks like it carries a secret (${why}); secrets never go into the audit log`,
      'AUDIT_SECRET_REJECTED',
    );
  };
  if (PEM.test(text)) reject('PEM block');
  if (ASSIGNMENT.test(text)) reject('secret assignment');
  if (SECRET_WORD.test(text) && DIGIT_RUN.test(text)) reject('digits next to a PIN/PUK/key word');
  if (HEX_RUN.test(text)) reject('long hex string');
  if (looksLikeBase64Blob(text)) reject('base64 blob');
}

/** Rejects any key in the (possibly nested) input whose name suggests a secret. */
export function guardFieldNames(value: unknown, path = ''): void {
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    const p = path ? `${path}.${key}` : key;
    if (isSecretFieldName(key)) {
      throw new AuditValidationError(
        p,
        'field name suggests a secret; the audit schema has no place for secrets',
        'AUDIT_SECRET_REJECTED',
      );
    }
    guardFieldNames((value as Record<string, unknown>)[key], p);
  }
}
