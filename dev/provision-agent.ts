// Puts an Enrollment Agent certificate on an operator's card: key generated on the card, CSR
// signed on the card, submitted for the operator's own account (no enroll-on-behalf), written
// back to slot 9A. Used by the demo and tests to make an agent card the way a PKI team would.
import { randomUUID } from 'node:crypto';
import type { CertsrvClient } from '../core/ca/client.ts';
import { KeyAlgorithm, PivSession, pivSigner, Slot } from '../core/card/piv/index.ts';
import type { Transport } from '../core/card/transport.ts';
import type { Secret } from '../core/enrollment/secret.ts';
import { buildCsr } from '../core/pki/csr.ts';

export async function provisionAgentCard(opts: {
  readonly transport: Transport;
  readonly managementKey: Secret;
  readonly pin: Secret;
  readonly ca: CertsrvClient;
  readonly template: string;
  readonly operatorUpn: string;
}): Promise<Uint8Array> {
  const session = await PivSession.open(opts.transport);
  await opts.managementKey.lend((key) => session.authenticate(key));
  const publicKey = await session.generateKey(Slot.AUTHENTICATION, KeyAlgorithm.RSA2048);
  await opts.pin.lend((pin) => session.verifyPin(pin));
  const csr = await buildCsr(pivSigner(session, Slot.AUTHENTICATION, publicKey), {
    subject: [{ oid: '2.5.4.3', value: opts.operatorUpn }],
  });
  const outcome = await opts.ca.submit({
    key: `agent-${randomUUID()}`,
    request: csr.der,
    template: opts.template,
  });
  if (outcome.kind !== 'issued') {
    const why =
      outcome.kind === 'denied' || outcome.kind === 'failed'
        ? (outcome.hresult?.hex ?? outcome.kind)
        : outcome.kind;
    throw new Error(`the CA did not issue the Enrollment Agent certificate (${why})`);
  }
  await session.writeCertificate(Slot.AUTHENTICATION, outcome.certificate.der);
  return outcome.certificate.der;
}
