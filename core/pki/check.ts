// Checks an issued certificate before it is written to a card. Never throws for a bad certificate:
// the verdict lists every reason, so the operator sees all that is wrong at once.
import * as pkijs from 'pkijs';
import { bytesEqual } from './der.ts';
import { certificateFacts, parseCertificate, type CertificateFacts } from './certificate-facts.ts';
import { OID } from './oids.ts';

export interface CertificateExpectations {
  /** CA certificates the chain must end in, DER */
  readonly trustAnchors: readonly Uint8Array[];
  /** intermediates that may be used to build the chain, DER */
  readonly intermediates?: readonly Uint8Array[];
  /** defaults to now */
  readonly at?: Date;
  /** defaults to Smart Card Logon + Client Authentication */
  readonly requiredEkus?: readonly string[];
  readonly upn?: string;
  /** required for Smartcard User (its template puts the mail attribute in the SAN) */
  readonly email?: string;
  /** the holder's objectSid, S-1-5-21-…; when given the SID extension must name it */
  readonly sid?: string;
  /** defaults to true: KB5014754 enforcement refuses logon without the SID extension */
  readonly requireSidExtension?: boolean;
  /** the template requested: its cn (matched against the v1 name) and/or its OID (matched against v2 info) */
  readonly template?: { readonly name?: string; readonly oid?: string };
  /** the card key's SubjectPublicKeyInfo, DER */
  readonly publicKey?: Uint8Array;
}

export type CertificateProblem =
  | 'UNPARSABLE'
  | 'CHAIN_UNTRUSTED'
  | 'NOT_YET_VALID'
  | 'EXPIRED'
  | 'EKU_MISSING'
  | 'UPN_MISSING'
  | 'UPN_MISMATCH'
  | 'EMAIL_MISSING'
  | 'EMAIL_MISMATCH'
  | 'SID_EXTENSION_MISSING'
  | 'SID_MISMATCH'
  | 'TEMPLATE_MISSING'
  | 'TEMPLATE_MISMATCH'
  | 'KEY_MISMATCH';

export interface CertificateReason {
  readonly code: CertificateProblem;
  /** English, for logs and the audit record */
  readonly message: string;
  /** the facts behind the message; a person reads t(`certcheck.${code}`, lang, values) (core/i18n) */
  readonly values: Readonly<Record<string, string | boolean>>;
}

type AddReason = (
  code: CertificateProblem,
  message: string,
  values?: Readonly<Record<string, string | boolean>>,
) => void;

export interface CertificateVerdict {
  readonly ok: boolean;
  readonly reasons: readonly CertificateReason[];
  /** absent only when the certificate could not be parsed */
  readonly facts?: CertificateFacts;
}

export const SMARTCARD_LOGON_EKUS: readonly string[] = [OID.ekuSmartcardLogon, OID.ekuClientAuth];

export async function checkCertificate(
  der: Uint8Array,
  expect: CertificateExpectations,
): Promise<CertificateVerdict> {
  let cert: pkijs.Certificate;
  let facts: CertificateFacts;
  try {
    cert = parseCertificate(der);
    facts = certificateFacts(cert);
  } catch (err) {
    return {
      ok: false,
      reasons: [{ code: 'UNPARSABLE', message: `not a certificate: ${String(err)}`, values: {} }],
    };
  }
  const reasons: CertificateReason[] = [];
  const add: AddReason = (code, message, values = {}) => void reasons.push({ code, message, values });
  const at = expect.at ?? new Date();

  const from = facts.notBefore.toISOString();
  const until = facts.notAfter.toISOString();
  if (at < facts.notBefore) add('NOT_YET_VALID', `valid only from ${from}`, { from });
  if (at > facts.notAfter) add('EXPIRED', `expired ${until}`, { until });

  // The chain is judged at a moment inside the leaf's own validity so an expired leaf reports
  // EXPIRED alone rather than also looking untrusted.
  const chainAt = new Date(
    Math.min(Math.max(at.getTime(), facts.notBefore.getTime()), facts.notAfter.getTime()),
  );
  const chain = await verifyChain(cert, expect, chainAt);
  if (chain !== undefined) add('CHAIN_UNTRUSTED', chain);

  const required = expect.requiredEkus ?? SMARTCARD_LOGON_EKUS;
  const missing = required.filter((oid) => !facts.ekus.includes(oid));
  if (missing.length > 0)
    add('EKU_MISSING', `extended key usage lacks ${missing.join(', ')}`, { missing: missing.join(', ') });

  if (expect.upn !== undefined) {
    const want = expect.upn.toLowerCase();
    if (facts.upns.length === 0) add('UPN_MISSING', 'the subject alternative name has no UPN');
    else if (!facts.upns.some((u) => u.toLowerCase() === want))
      add('UPN_MISMATCH', `UPN is ${facts.upns.join(', ')}, expected ${expect.upn}`, {
        found: facts.upns.join(', '),
        expected: expect.upn,
      });
  }
  if (expect.email !== undefined) {
    const want = expect.email.toLowerCase();
    if (facts.emails.length === 0) add('EMAIL_MISSING', 'the subject alternative name has no e-mail address');
    else if (!facts.emails.some((e) => e.toLowerCase() === want))
      add('EMAIL_MISMATCH', `e-mail is ${facts.emails.join(', ')}, expected ${expect.email}`, {
        found: facts.emails.join(', '),
        expected: expect.email,
      });
  }

  if (facts.sids === undefined) {
    if (expect.requireSidExtension !== false || expect.sid !== undefined)
      add(
        'SID_EXTENSION_MISSING',
        'no SID extension (1.3.6.1.4.1.311.25.2): strong-mapping DCs will refuse logon',
      );
  } else if (
    expect.sid !== undefined &&
    !facts.sids.some((s) => s.toUpperCase() === expect.sid?.toUpperCase())
  ) {
    add(
      'SID_MISMATCH',
      `SID extension names ${facts.sids.join(', ') || 'nothing readable'}, expected ${expect.sid}`,
      { found: facts.sids.join(', '), expected: expect.sid },
    );
  }

  if (expect.template) checkTemplate(facts, expect.template, add);

  if (expect.publicKey !== undefined && !bytesEqual(facts.spki, expect.publicKey))
    add('KEY_MISMATCH', "the certificate's public key is not the card's key");

  return { ok: reasons.length === 0, reasons, facts };
}

function checkTemplate(
  facts: CertificateFacts,
  want: { readonly name?: string; readonly oid?: string },
  add: AddReason,
): void {
  if (facts.templateName === undefined && facts.templateOid === undefined) {
    add(
      'TEMPLATE_MISSING',
      'no certificate template extension (1.3.6.1.4.1.311.20.2 or 1.3.6.1.4.1.311.21.7)',
    );
    return;
  }
  const nameOk =
    want.name !== undefined &&
    facts.templateName !== undefined &&
    facts.templateName.toLowerCase() === want.name.toLowerCase();
  const oidOk = want.oid !== undefined && facts.templateOid === want.oid;
  if (nameOk || oidOk) return;
  const seen = [facts.templateName, facts.templateOid].filter((x) => x !== undefined).join(' / ');
  const wanted = [want.name, want.oid].filter((x) => x !== undefined).join(' / ');
  const hint =
    facts.templateName === undefined && want.oid === undefined
      ? ' (a v2+ template carries only its OID: configure the template OID)'
      : '';
  add('TEMPLATE_MISMATCH', `issued from template ${seen}, expected ${wanted}${hint}`, {
    found: seen,
    expected: wanted,
    oidOnly: hint !== '',
  });
}

async function verifyChain(
  cert: pkijs.Certificate,
  expect: CertificateExpectations,
  at: Date,
): Promise<string | undefined> {
  if (expect.trustAnchors.length === 0) return 'no CA certificates are configured to check against';
  try {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: expect.trustAnchors.map(parseCertificate),
      certs: [...(expect.intermediates ?? []).map(parseCertificate), cert],
      checkDate: at,
    });
    const result = await engine.verify();
    return result.result ? undefined : `does not chain to a configured CA: ${result.resultMessage}`;
  } catch (err) {
    return `chain could not be checked: ${err instanceof Error ? err.message : String(err)}`;
  }
}
