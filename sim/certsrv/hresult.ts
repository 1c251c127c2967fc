// HRESULTs the sim's CA returns, with the Windows system message text and the way
// GetErrorMessageText(hr, CR_GEMT_HRESULT_STRING) prints them on the result pages
// (docs/certsrv-pages.md §HRESULT text): Win32 codes as "(WIN32: n NAME)", ASN.1 codes as
// "(ASN: n NAME)", every other code as "(signed-decimal NAME)"; success as "0x0 (WIN32: 0)".

export const HR = {
  SUCCESS: 0,
  FILE_NOT_FOUND: 0x80070002,
  ACCESS_DENIED: 0x80070005,
  INVALID_DATA: 0x8007000d,
  INVALID_PARAMETER: 0x80070057,
  NO_SUCH_USER: 0x80070525,
  ACCOUNT_DISABLED: 0x80070533,
  TYPE_MISMATCH: 0x80020005,
  BAD_SIGNATURE: 0x80090006,
  ASN1_BADTAG: 0x8009310b,
  PROPERTY_EMPTY: 0x80094004,
  ENROLL_DENIED: 0x80094011,
  TEMPLATE_DENIED: 0x80094012,
  ADMIN_DENIED_REQUEST: 0x80094014,
  UNSUPPORTED_CERT_TYPE: 0x80094800,
  NO_CERT_TYPE: 0x80094801,
  SIGNATURE_POLICY_REQUIRED: 0x80094809,
  SIGNATURE_REJECTED: 0x8009480b,
  SUBJECT_UPN_REQUIRED: 0x8009480d,
  KEY_LENGTH: 0x80094811,
  SUBJECT_EMAIL_REQUIRED: 0x80094812,
} as const;

const NAMES: Record<number, [string, string]> = {
  [HR.SUCCESS]: ['', 'The operation completed successfully.'],
  [HR.FILE_NOT_FOUND]: ['ERROR_FILE_NOT_FOUND', 'The system cannot find the file specified.'],
  [HR.ACCESS_DENIED]: ['ERROR_ACCESS_DENIED', 'Access is denied.'],
  [HR.INVALID_DATA]: ['ERROR_INVALID_DATA', 'The data is invalid.'],
  [HR.INVALID_PARAMETER]: ['ERROR_INVALID_PARAMETER', 'The parameter is incorrect.'],
  [HR.NO_SUCH_USER]: ['ERROR_NO_SUCH_USER', 'The specified account does not exist.'],
  [HR.ACCOUNT_DISABLED]: [
    'ERROR_ACCOUNT_DISABLED',
    'This user can\u2019t sign in because this account is currently disabled.',
  ],
  [HR.TYPE_MISMATCH]: ['DISP_E_TYPEMISMATCH', 'Type mismatch.'],
  [HR.BAD_SIGNATURE]: ['NTE_BAD_SIGNATURE', 'Invalid Signature.'],
  [HR.ASN1_BADTAG]: ['CRYPT_E_ASN1_BADTAG', 'ASN1 bad tag value met.'],
  [HR.PROPERTY_EMPTY]: ['CERTSRV_E_PROPERTY_EMPTY', 'The requested property value is empty.'],
  [HR.ENROLL_DENIED]: [
    'CERTSRV_E_ENROLL_DENIED',
    'The permissions on this CA do not allow the current user to enroll for certificates.',
  ],
  [HR.TEMPLATE_DENIED]: [
    'CERTSRV_E_TEMPLATE_DENIED',
    'The permissions on the certificate template do not allow the current user to enroll for this type of certificate.',
  ],
  [HR.ADMIN_DENIED_REQUEST]: [
    'CERTSRV_E_ADMIN_DENIED_REQUEST',
    'The request was denied by a certificate manager or CA administrator.',
  ],
  [HR.UNSUPPORTED_CERT_TYPE]: [
    'CERTSRV_E_UNSUPPORTED_CERT_TYPE',
    'The requested certificate template is not supported by this CA.',
  ],
  [HR.NO_CERT_TYPE]: ['CERTSRV_E_NO_CERT_TYPE', 'The request contains no certificate template information.'],
  [HR.SIGNATURE_POLICY_REQUIRED]: [
    'CERTSRV_E_SIGNATURE_POLICY_REQUIRED',
    'The request is missing required signature policy information.',
  ],
  [HR.SIGNATURE_REJECTED]: [
    'CERTSRV_E_SIGNATURE_REJECTED',
    'One or more signatures did not include the required application or issuance policies. The request is missing one or more required valid signatures.',
  ],
  [HR.SUBJECT_UPN_REQUIRED]: [
    'CERTSRV_E_SUBJECT_UPN_REQUIRED',
    'The UPN is unavailable and cannot be added to the Subject Alternate name.',
  ],
  [HR.KEY_LENGTH]: [
    'CERTSRV_E_KEY_LENGTH',
    'The public key does not meet the minimum size required by the specified certificate template.',
  ],
  [HR.SUBJECT_EMAIL_REQUIRED]: [
    'CERTSRV_E_SUBJECT_EMAIL_REQUIRED',
    'The email name is unavailable and cannot be added to the Subject or Subject Alternate name.',
  ],
};

/** certutil/ASP print the code in lower-case hex without padding ("0x0", "0x8009310b"). */
export function hex(hr: number): string {
  return '0x' + (hr >>> 0).toString(16);
}

export function hrName(hr: number): string {
  return NAMES[hr >>> 0]?.[0] ?? '';
}

export function hrText(hr: number): string {
  return NAMES[hr >>> 0]?.[1] ?? 'Unspecified error.';
}

/** The parenthesised part: "(WIN32: 13 ERROR_INVALID_DATA)", "(ASN: 267 CRYPT_E_ASN1_BADTAG)", "(-2146877436 NAME)". */
function codeDetail(hr: number): string {
  const u = hr >>> 0;
  const name = hrName(u);
  const tail = name ? ` ${name}` : '';
  if (u === 0) return '(WIN32: 0)';
  // HRESULT_FROM_WIN32: severity 1, facility 7
  if (u >>> 16 === 0x8007) return `(WIN32: ${u & 0xffff}${tail})`;
  // CRYPT_E_ASN1_* (0x80093100 … 0x800932ff): the ASN.1 library's own error number
  if (u >= 0x80093100 && u <= 0x800932ff) return `(ASN: ${(u & 0xffff) - 0x3000}${tail})`;
  return `(${u | 0}${tail})`;
}

/** GetErrorMessageText(hr, CR_GEMT_HRESULT_STRING): text, hex code and the parenthesised detail. */
export function resultLine(hr: number): string {
  return `${hrText(hr)} ${hex(hr)} ${codeDetail(hr)}`;
}
