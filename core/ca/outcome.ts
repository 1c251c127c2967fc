// What a submission or a re-check can end in. Denials and CA errors are answers, not exceptions:
// the enrollment engine records them and shows the resolution to the operator.
import type { HresultInfo } from './hresult.ts';
import type { CaError } from './errors.ts';

export interface IssuedCertificate {
  readonly reqId: number;
  readonly der: Uint8Array;
  readonly pem: string;
}

export type SubmitOutcome =
  | { readonly kind: 'issued'; readonly reqId: number; readonly certificate: IssuedCertificate }
  | { readonly kind: 'pending'; readonly reqId: number }
  | {
      readonly kind: 'denied';
      readonly reqId: number | undefined;
      readonly revoked: boolean;
      readonly hresult: HresultInfo | undefined;
      /** the CA's own (possibly localised) text, for display only */
      readonly dispositionMessage: string | undefined;
    }
  | {
      readonly kind: 'failed';
      readonly reqId: number | undefined;
      readonly disposition: number | undefined;
      readonly hresult: HresultInfo | undefined;
      readonly dispositionMessage: string | undefined;
    }
  | {
      /** The POST may have reached the CA but its answer is unknown: do not resubmit, check the CA. */
      readonly kind: 'outcome-unknown';
      readonly key: string;
      readonly since: string;
      readonly requestSha256: string;
      readonly reason: string;
      readonly resolution: string;
      readonly error: CaError | undefined;
    };

export const OUTCOME_UNKNOWN_RESOLUTION =
  'Look for this request on the CA console (Issued, Pending and Failed Requests, around the time shown). ' +
  'If nothing arrived, confirm that to the station to allow a new submission; otherwise enter the request id to re-check it.';
