// NTLM over HTTP (MS-NTHT): tokens travel base64 in `Authorization: NTLM …` and
// `WWW-Authenticate: NTLM …`. Only the NTLM scheme is read; a raw NTLMSSP token under Negotiate is
// what IIS sends when the client asked with Negotiate, which this client never does.
import { MAX_CHALLENGE_BYTES, NtlmError } from './messages.ts';

export function authorizationHeader(token: Uint8Array): string {
  return `NTLM ${Buffer.from(token).toString('base64')}`;
}

/** Whether any WWW-Authenticate value offers NTLM (with or without a token). */
export function offersNtlm(wwwAuthenticate: readonly string[]): boolean {
  return wwwAuthenticate.some((v) => v.split(',').some((s) => /^\s*NTLM(\s|$)/i.test(s)));
}

/**
 * The CHALLENGE token of `WWW-Authenticate: NTLM <base64>`; undefined when the server offers NTLM
 * without a token (it did not take our NEGOTIATE). Malformed base64 or an oversized token is an
 * NtlmError.
 */
export function challengeToken(wwwAuthenticate: readonly string[]): Uint8Array | undefined {
  for (const value of wwwAuthenticate) {
    // several challenges may be folded into one header, comma-separated (base64 has no commas)
    for (const part of value.split(',')) {
      const m = /^\s*NTLM\s+(\S+)\s*$/i.exec(part);
      if (!m?.[1]) continue;
      const b64 = m[1];
      if (b64.length > Math.ceil(MAX_CHALLENGE_BYTES / 3) * 4)
        throw new NtlmError('the NTLM challenge is implausibly long');
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0)
        throw new NtlmError('the NTLM challenge is not valid base64');
      return new Uint8Array(Buffer.from(b64, 'base64'));
    }
  }
  return undefined;
}
