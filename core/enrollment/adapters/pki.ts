// Binds core/pki to the workflow: the CSR for the card key, the enroll-on-behalf wrapper signed by
// the agent card, and the certificate checks with the CA certificates the station trusts.
import { createHash } from 'node:crypto';
import { buildCsr } from '../../pki/csr.ts';
import { wrapOnBehalf } from '../../pki/eobo.ts';
import { checkCertificate } from '../../pki/check.ts';
import type { CertificateChecker, CertificateVerdict } from '../ports.ts';
import type { RequestBuilder } from '../engine.ts';

/**
 * AD CS builds subject and SAN of the smart-card templates from the directory, so the request
 * carries only the key and a placeholder subject naming the holder (which the CA ignores).
 */
export const pkiRequestBuilder: RequestBuilder = {
  async csr(signer, job) {
    const built = await buildCsr(signer, { subject: [{ oid: '2.5.4.3', value: job.upn }] });
    return built.der;
  },
  async onBehalf(csr, agent, requesterName) {
    const built = await wrapOnBehalf({
      csr,
      agentCertificate: agent.certificate,
      agentSigner: agent.signer,
      requesterName,
    });
    return built.der;
  },
};

export function pkiChecker(
  trustAnchors: readonly Uint8Array[],
  intermediates: readonly Uint8Array[] = [],
): CertificateChecker {
  return async (certificate, expected): Promise<CertificateVerdict> => {
    const verdict = await checkCertificate(certificate, {
      trustAnchors,
      intermediates,
      upn: expected.upn,
      ...(expected.email === undefined ? {} : { email: expected.email }),
      ...(expected.sid === undefined ? {} : { sid: expected.sid }),
      template: { name: expected.template },
      publicKey: expected.spki,
    });
    const facts = verdict.facts;
    return {
      ok: verdict.ok,
      reasons: verdict.reasons.map((r) => `${r.code}: ${r.message}`),
      serial: facts?.serialNumberHex ?? '',
      thumbprint: createHash('sha1').update(certificate).digest('hex'),
      notBefore: facts?.notBefore.toISOString() ?? '',
      notAfter: facts?.notAfter.toISOString() ?? '',
    };
  };
}
