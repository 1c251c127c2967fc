// HRESULTs the sim's policy module returns, with the Windows system message text that
// GetErrorMessageText() would show on the result pages (clients read the code, not the prose).

export const HR = {
  ACCESS_DENIED: 0x80070005,
  INVALID_DATA: 0x8007000d,
  NO_SUCH_USER: 0x80070525,
  ACCOUNT_DISABLED: 0x80070533,
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
  [HR.ACCESS_DENIED]: ['E_ACCESSDENIED', 'Access is denied.'],
  [HR.INVALID_DATA]: ['ERROR_INVALID_DATA', 'The data is invalid.'],
  [HR.NO_SUCH_USER]: ['ERROR_NO_SUCH_USER', 'The specified account does not exist.'],
  [HR.ACCOUNT_DISABLED]: [
    'ERROR_ACCOUNT_DISABLED',
    'This user can\u2019t sign in because this account is currently disabled.',
  ],
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

export function hex(hr: number): string {
  return '0x' + (hr >>> 0).toString(16).padStart(8, '0');
}

export function hrName(hr: number): string {
  return NAMES[hr]?.[0] ?? 'UNKNOWN';
}

export function hrText(hr: number): string {
  return NAMES[hr]?.[1] ?? 'Unspecified error.';
}

/** The "Result:" line of certrser.asp: text, hex code, signed decimal, symbolic name. */
export function resultLine(hr: number): string {
  return `${hrText(hr)} ${hex(hr)} (${hr | 0} ${hrName(hr)})`;
}
