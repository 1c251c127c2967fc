// Failures of the certsrv conversation itself (as opposed to CA answers such as "denied", which
// are outcomes). Each is a StationError whose code, message and resolution are in the catalog
// (core/errors/entries/ca.ts); pages we could not read are kept, truncated, for diagnosis.
import { StationError, type StationErrorCode } from '../errors/catalog.ts';

export type CaErrorCode = Extract<
  StationErrorCode,
  | 'CA_URL_REFUSED'
  | 'CA_REDIRECT_REFUSED'
  | 'CA_AUTH_FAILED'
  | 'CA_AUTH_PROTOCOL'
  | 'CA_FORBIDDEN'
  | 'CA_NOT_FOUND'
  | 'CA_SERVER_ERROR'
  | 'CA_UNEXPECTED_STATUS'
  | 'CA_UNRECOGNISED_PAGE'
  | 'CA_BAD_CONTENT_TYPE'
  | 'CA_BAD_CERTIFICATE'
  | 'CA_RESPONSE_TOO_LARGE'
  | 'CA_TIMEOUT'
  | 'CA_CONNECT_TIMEOUT'
  | 'CA_TLS_UNTRUSTED'
  | 'CA_NETWORK'
  | 'CA_REQUEST_UNKNOWN'
  | 'CA_INVALID_INPUT'
  | 'CA_LEDGER'
>;

export interface CaErrorDetails {
  readonly status?: number;
  /** first bytes of the page, for diagnosis; never contains credentials (we never echo them) */
  readonly pageExcerpt?: string;
  readonly contentType?: string;
  readonly url?: string;
  readonly cause?: unknown;
}

export const PAGE_EXCERPT_CHARS = 4096;

export class CaError extends StationError {
  declare readonly code: CaErrorCode;
  readonly status: number | undefined;
  /** kept on the error for the diagnostic bundle, not among the details people are shown */
  readonly pageExcerpt: string | undefined;
  readonly contentType: string | undefined;
  readonly url: string | undefined;
  /** `message` is the English diagnostic for logs; people read explain(). */
  constructor(code: CaErrorCode, message: string, details: CaErrorDetails = {}) {
    super(
      code,
      { status: details.status, contentType: details.contentType, url: details.url },
      { diagnostic: message, ...(details.cause !== undefined ? { cause: details.cause } : {}) },
    );
    this.name = 'CaError';
    this.status = details.status;
    this.pageExcerpt = details.pageExcerpt?.slice(0, PAGE_EXCERPT_CHARS);
    this.contentType = details.contentType;
    this.url = details.url;
  }
}
