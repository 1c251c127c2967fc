// HRESULTs a certsrv page can carry (docs/certsrv-pages.md, docs/errors.md), each turned into a stable catalog code; what it
// means and what the operator or the CA administrator can do about it are the catalog's text for
// that code (core/errors/entries/hresult.ts, in four languages; English here).
import { describe, type StationErrorCode } from '../errors/catalog.ts';

export interface HresultInfo {
  /** unsigned 32-bit value */
  readonly hresult: number;
  /** 0x8009xxxx, lower-case hex as Windows prints it */
  readonly hex: string;
  readonly name: string;
  /** stable identifier for logs, audit and translations: a catalog code */
  readonly code: StationErrorCode;
  readonly meaning: string;
  readonly resolution: string;
}

type Entry = Pick<HresultInfo, 'name' | 'code'>;

const TABLE: ReadonlyMap<number, Entry> = new Map<number, Entry>([
  [
    0x80094012,
    {
      name: 'CERTSRV_E_TEMPLATE_DENIED',
      code: 'CA_TEMPLATE_DENIED',
    },
  ],
  [
    0x80094011,
    {
      name: 'CERTSRV_E_ENROLL_DENIED',
      code: 'CA_ENROLL_DENIED',
    },
  ],
  [
    0x80094800,
    {
      name: 'CERTSRV_E_UNSUPPORTED_CERT_TYPE',
      code: 'CA_TEMPLATE_NOT_PUBLISHED',
    },
  ],
  [
    0x80094801,
    {
      name: 'CERTSRV_E_NO_CERT_TYPE',
      code: 'CA_TEMPLATE_MISSING',
    },
  ],
  [
    0x80094802,
    {
      name: 'CERTSRV_E_TEMPLATE_CONFLICT',
      code: 'CA_TEMPLATE_CONFLICT',
    },
  ],
  [
    0x80094806,
    {
      name: 'CERTSRV_E_BAD_RENEWAL_SUBJECT',
      code: 'CA_TEMPLATE_NOT_FOR_EOBO',
    },
  ],
  [
    0x80094808,
    {
      name: 'CERTSRV_E_TEMPLATE_POLICY_REQUIRED',
      code: 'CA_TEMPLATE_POLICY_REQUIRED',
    },
  ],
  [
    0x80094809,
    {
      name: 'CERTSRV_E_SIGNATURE_POLICY_REQUIRED',
      code: 'CA_AGENT_SIGNATURE_REQUIRED',
    },
  ],
  [
    0x8009480a,
    {
      name: 'CERTSRV_E_SIGNATURE_COUNT',
      code: 'CA_AGENT_SIGNATURE_COUNT',
    },
  ],
  [
    0x8009480b,
    {
      name: 'CERTSRV_E_SIGNATURE_REJECTED',
      code: 'CA_AGENT_CERTIFICATE_REJECTED',
    },
  ],
  [
    0x8009480c,
    {
      name: 'CERTSRV_E_ISSUANCE_POLICY_REQUIRED',
      code: 'CA_AGENT_ISSUANCE_POLICY',
    },
  ],
  [
    0x8009480d,
    {
      name: 'CERTSRV_E_SUBJECT_UPN_REQUIRED',
      code: 'CA_USER_NO_UPN',
    },
  ],
  [
    0x80094812,
    {
      name: 'CERTSRV_E_SUBJECT_EMAIL_REQUIRED',
      code: 'CA_USER_NO_EMAIL',
    },
  ],
  [
    0x80094811,
    {
      name: 'CERTSRV_E_KEY_LENGTH',
      code: 'CA_KEY_TOO_SHORT',
    },
  ],
  [
    0x80094803,
    {
      name: 'CERTSRV_E_SUBJECT_ALT_NAME_REQUIRED',
      code: 'CA_USER_NO_ALT_NAME',
    },
  ],
  [
    0x8009480e,
    {
      name: 'CERTSRV_E_SUBJECT_DIRECTORY_GUID_REQUIRED',
      code: 'CA_USER_NO_GUID',
    },
  ],
  [
    0x8009480f,
    {
      name: 'CERTSRV_E_SUBJECT_DNS_REQUIRED',
      code: 'CA_USER_NO_DNS',
    },
  ],
  [
    0x80094004,
    {
      name: 'CERTSRV_E_PROPERTY_EMPTY',
      code: 'CA_REQUEST_UNKNOWN',
    },
  ],
  [
    0x80094002,
    {
      name: 'CERTSRV_E_NO_REQUEST',
      code: 'CA_REQUEST_MISSING',
    },
  ],
  [
    0x80094003,
    {
      name: 'CERTSRV_E_BAD_REQUESTSTATUS',
      code: 'CA_REQUEST_WRONG_STATE',
    },
  ],
  [
    0x80094014,
    {
      name: 'CERTSRV_E_ADMIN_DENIED_REQUEST',
      code: 'CA_DENIED_BY_OFFICER',
    },
  ],
  [
    0x80070005,
    {
      name: 'E_ACCESSDENIED',
      code: 'CA_ACCESS_DENIED',
    },
  ],
  [
    0x8007000d,
    {
      name: 'ERROR_INVALID_DATA',
      code: 'CA_REQUEST_MALFORMED',
    },
  ],
  [
    0x80093005,
    {
      name: 'OSS_DATA_ERROR',
      code: 'CA_REQUEST_MALFORMED',
    },
  ],
  [
    0x8009310b,
    {
      name: 'CRYPT_E_ASN1_BADTAG',
      code: 'CA_REQUEST_MALFORMED',
    },
  ],
  [
    0x80070057,
    {
      name: 'ERROR_INVALID_PARAMETER',
      code: 'CA_INVALID_PARAMETER',
    },
  ],
  [
    0x800706ba,
    {
      name: 'RPC_S_SERVER_UNAVAILABLE',
      code: 'CA_SERVICE_UNREACHABLE',
    },
  ],
  [
    0x80070547,
    {
      name: 'ERROR_NO_SUCH_DOMAIN (reported for FQDN requester names)',
      code: 'CA_REQUESTER_NAME_REJECTED',
    },
  ],
  [
    0x80070525,
    {
      name: 'ERROR_NO_SUCH_USER',
      code: 'CA_TARGET_USER_UNKNOWN',
    },
  ],
  [
    0x80070533,
    {
      name: 'ERROR_ACCOUNT_DISABLED',
      code: 'CA_TARGET_USER_DISABLED',
    },
  ],
  [
    0x80090006,
    {
      name: 'NTE_BAD_SIGNATURE',
      code: 'CA_REQUEST_BAD_SIGNATURE',
    },
  ],
]);

export function hresultHex(hresult: number): string {
  return `0x${(hresult >>> 0).toString(16).padStart(8, '0')}`;
}

export function describeHresult(hresult: number): HresultInfo {
  const value = hresult >>> 0;
  const hex = hresultHex(value);
  const entry = TABLE.get(value) ?? { name: 'unknown', code: 'CA_HRESULT_UNKNOWN' };
  const text = describe(entry.code, 'en', { hresult: hex });
  return { hresult: value, hex, ...entry, meaning: text.message, resolution: text.resolution };
}

export function knownHresults(): number[] {
  return [...TABLE.keys()];
}
