// Failures of the certsrv conversation itself (as opposed to CA answers such as "denied", which
// are outcomes). Each carries a stable code and what to do about it; pages we could not read are
// kept, truncated, for diagnosis.

export type CaErrorCode =
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
  | 'CA_LEDGER';

const RESOLUTIONS: Record<CaErrorCode, string> = {
  CA_URL_REFUSED: 'Configure the CA as an https:// URL ending in /certsrv/.',
  CA_REDIRECT_REFUSED:
    'The CA web server redirected off its https origin; fix the server or configure the final https URL.',
  CA_AUTH_FAILED:
    'Check the account name and password (or client certificate) and that the account is not locked.',
  CA_AUTH_PROTOCOL:
    'The NTLM handshake with the CA web server broke off (malformed challenge, or the connection was not kept open); check for a proxy or load balancer between the station and IIS.',
  CA_FORBIDDEN:
    'The web server refused access (SSL or client certificate required, or IP restriction); check the IIS settings for /certsrv.',
  CA_NOT_FOUND: 'Web enrollment is not installed at this URL; check the configured CA URL.',
  CA_SERVER_ERROR: 'The CA web server failed; check its event log and retry later.',
  CA_UNEXPECTED_STATUS:
    'The CA web server answered unexpectedly; keep the diagnostic details and contact the CA administrator.',
  CA_UNRECOGNISED_PAGE:
    'The CA answered with a page the station cannot read (proxy, error page, unsupported version); keep the diagnostic page.',
  CA_BAD_CONTENT_TYPE:
    'The CA returned something other than a certificate; check the request on the CA console.',
  CA_BAD_CERTIFICATE: 'The CA returned data that is not a valid certificate; keep the diagnostic details.',
  CA_RESPONSE_TOO_LARGE:
    'The answer was far larger than any certsrv page; check for a proxy or a misconfigured URL.',
  CA_TIMEOUT: 'The CA did not answer in time; check the CA and the network, then re-check (do not resubmit).',
  CA_CONNECT_TIMEOUT: 'The CA web server could not be reached; check the network, DNS and firewall.',
  CA_TLS_UNTRUSTED:
    "The CA web server's certificate is not signed by a configured CA or does not match its name; fix the CA bundle or the URL.",
  CA_NETWORK: 'The connection to the CA failed; check the network and retry.',
  CA_REQUEST_UNKNOWN: 'The CA does not know this request id; check it on the CA console.',
  CA_INVALID_INPUT: 'The station built an invalid request; report this as a defect.',
  CA_LEDGER: 'The request ledger could not be written; check disk space and permissions before enrolling.',
};

export interface CaErrorDetails {
  readonly status?: number;
  /** first bytes of the page, for diagnosis; never contains credentials (we never echo them) */
  readonly pageExcerpt?: string;
  readonly contentType?: string;
  readonly url?: string;
  readonly cause?: unknown;
}

export const PAGE_EXCERPT_CHARS = 4096;

export class CaError extends Error {
  readonly code: CaErrorCode;
  readonly resolution: string;
  readonly status: number | undefined;
  readonly pageExcerpt: string | undefined;
  readonly contentType: string | undefined;
  readonly url: string | undefined;
  constructor(code: CaErrorCode, message: string, details: CaErrorDetails = {}) {
    super(message, details.cause !== undefined ? { cause: details.cause } : undefined);
    this.name = 'CaError';
    this.code = code;
    this.resolution = RESOLUTIONS[code];
    this.status = details.status;
    this.pageExcerpt = details.pageExcerpt?.slice(0, PAGE_EXCERPT_CHARS);
    this.contentType = details.contentType;
    this.url = details.url;
  }
}
