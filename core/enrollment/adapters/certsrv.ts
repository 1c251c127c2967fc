// Binds the certsrv client to the workflow's CertificateAuthority port. Denials and CA errors
// become typed outcomes the operator can act on; an unknown outcome becomes a stop, never a retry.
import type { CertsrvClient } from '../../ca/client.ts';
import type { SubmitOutcome } from '../../ca/outcome.ts';
import { StationError } from '../../errors/catalog.ts';
import type { CaOutcome, CertificateAuthority } from '../ports.ts';

function toCaOutcome(o: SubmitOutcome): CaOutcome {
  switch (o.kind) {
    case 'issued':
      return { kind: 'issued', reqId: o.reqId, certificate: o.certificate.der };
    case 'pending':
      return { kind: 'pending', reqId: o.reqId };
    case 'denied':
    case 'failed':
      return {
        kind: 'denied',
        reqId: o.reqId ?? null,
        code:
          o.hresult?.code ?? (o.kind === 'denied' ? (o.revoked ? 'CA_REVOKED' : 'CA_DENIED') : 'CA_FAILED'),
        hresult: o.hresult?.hex ?? null,
        message: o.hresult?.meaning ?? o.dispositionMessage ?? 'the CA gave no reason',
        resolution: o.hresult?.resolution ?? 'Ask the PKI team to look up the request on the CA.',
      };
    case 'outcome-unknown':
      throw new StationError('CA_OUTCOME_UNKNOWN', {
        since: o.since,
        reason: o.reason,
        resolution: o.resolution,
      });
  }
}

export function certsrvAuthority(client: CertsrvClient): CertificateAuthority {
  return {
    async submit(request, template, key) {
      return toCaOutcome(await client.submit({ key, request, template }));
    },
    async retrieve(reqId) {
      return toCaOutcome(await client.recheck(reqId));
    },
    async submission(key) {
      const entry = await client.ledgerEntry(key);
      if (entry === undefined) return undefined;
      if (entry.reqId !== undefined) return { state: 'known', reqId: entry.reqId };
      return { state: entry.state === 'not-sent' ? 'not-sent' : 'maybe' };
    },
  };
}
