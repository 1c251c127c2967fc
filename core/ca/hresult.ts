// HRESULTs a certsrv page can carry (certsrv.md §4), each turned into a stable code, what it means
// and what the operator or the CA administrator can do about it.

export interface HresultInfo {
  /** unsigned 32-bit value */
  readonly hresult: number;
  /** 0x8009xxxx, lower-case hex as Windows prints it */
  readonly hex: string;
  readonly name: string;
  /** stable identifier for logs, audit and translations */
  readonly code: string;
  readonly meaning: string;
  readonly resolution: string;
}

type Entry = Omit<HresultInfo, 'hresult' | 'hex'>;

const TABLE: ReadonlyMap<number, Entry> = new Map<number, Entry>([
  [
    0x80094012,
    {
      name: 'CERTSRV_E_TEMPLATE_DENIED',
      code: 'CA_TEMPLATE_DENIED',
      meaning:
        'The requesting account (for enroll-on-behalf: the enrollment agent) may not enroll for this template.',
      resolution:
        "Give the account (or the agent) Read and Enroll on the template's Security tab, then retry.",
    },
  ],
  [
    0x80094011,
    {
      name: 'CERTSRV_E_ENROLL_DENIED',
      code: 'CA_ENROLL_DENIED',
      meaning: "The CA's own security settings do not let this account request certificates.",
      resolution: 'On the CA (Properties > Security) grant the account "Request Certificates".',
    },
  ],
  [
    0x80094800,
    {
      name: 'CERTSRV_E_UNSUPPORTED_CERT_TYPE',
      code: 'CA_TEMPLATE_NOT_PUBLISHED',
      meaning: 'The template is unknown to this CA, not published on it, or the CA cannot read it.',
      resolution:
        'Check the template name (use its cn, e.g. SmartcardUser) and add it to "Certificate Templates to Issue" on this CA.',
    },
  ],
  [
    0x80094801,
    {
      name: 'CERTSRV_E_NO_CERT_TYPE',
      code: 'CA_TEMPLATE_MISSING',
      meaning: 'The request named no certificate template.',
      resolution: 'Configure the template name for this enrollment profile.',
    },
  ],
  [
    0x80094802,
    {
      name: 'CERTSRV_E_TEMPLATE_CONFLICT',
      code: 'CA_TEMPLATE_CONFLICT',
      meaning: 'The template named in the request attributes differs from the one inside the request.',
      resolution:
        'Request one template only: remove the template extension from the request or make both agree.',
    },
  ],
  [
    0x80094806,
    {
      name: 'CERTSRV_E_BAD_RENEWAL_SUBJECT',
      code: 'CA_TEMPLATE_NOT_FOR_EOBO',
      meaning:
        'An enroll-on-behalf request was sent for a v2+ template that requires no authorized signature.',
      resolution:
        "In the template's Issuance Requirements set 1 authorized signature with application policy Certificate Request Agent.",
    },
  ],
  [
    0x80094808,
    {
      name: 'CERTSRV_E_TEMPLATE_POLICY_REQUIRED',
      code: 'CA_TEMPLATE_POLICY_REQUIRED',
      meaning: 'The template requires a signature policy that the request lacks.',
      resolution: "Check the template's Issuance Requirements against the agent certificate's policies.",
    },
  ],
  [
    0x80094809,
    {
      name: 'CERTSRV_E_SIGNATURE_POLICY_REQUIRED',
      code: 'CA_AGENT_SIGNATURE_REQUIRED',
      meaning: 'The template requires an enrollment agent signature and the request has none.',
      resolution:
        'Enroll on behalf of the user with an Enrollment Agent certificate (or use a template without that requirement).',
    },
  ],
  [
    0x8009480a,
    {
      name: 'CERTSRV_E_SIGNATURE_COUNT',
      code: 'CA_AGENT_SIGNATURE_COUNT',
      meaning: 'The request carries fewer authorized signatures than the template requires.',
      resolution:
        'Lower the template\'s "number of authorized signatures" to 1 or add the missing signatures.',
    },
  ],
  [
    0x8009480b,
    {
      name: 'CERTSRV_E_SIGNATURE_REJECTED',
      code: 'CA_AGENT_CERTIFICATE_REJECTED',
      meaning:
        'The signing certificate lacks the required application policy (it is not a Certificate Request Agent certificate).',
      resolution:
        'Sign with a valid Enrollment Agent certificate (EKU 1.3.6.1.4.1.311.20.2.1); renew it if it expired.',
    },
  ],
  [
    0x8009480c,
    {
      name: 'CERTSRV_E_ISSUANCE_POLICY_REQUIRED',
      code: 'CA_AGENT_ISSUANCE_POLICY',
      meaning: 'The signing certificate lacks an issuance policy the template requires.',
      resolution:
        'Use an agent certificate carrying the required issuance policy, or relax the template requirement.',
    },
  ],
  [
    0x8009480d,
    {
      name: 'CERTSRV_E_SUBJECT_UPN_REQUIRED',
      code: 'CA_USER_NO_UPN',
      meaning: 'The target account has no user principal name in Active Directory.',
      resolution: "Set the user's UPN (userPrincipalName) in Active Directory, wait for replication, retry.",
    },
  ],
  [
    0x80094812,
    {
      name: 'CERTSRV_E_SUBJECT_EMAIL_REQUIRED',
      code: 'CA_USER_NO_EMAIL',
      meaning: 'The target account has no e-mail address; Smartcard User certificates require one.',
      resolution: "Set the user's mail attribute in Active Directory, or use the Smartcard Logon template.",
    },
  ],
  [
    0x80094811,
    {
      name: 'CERTSRV_E_KEY_LENGTH',
      code: 'CA_KEY_TOO_SHORT',
      meaning: "The key is shorter than the template's minimum key size.",
      resolution: 'Generate a longer key (RSA 2048 or more) or choose a template that accepts this key.',
    },
  ],
  [
    0x80094803,
    {
      name: 'CERTSRV_E_SUBJECT_ALT_NAME_REQUIRED',
      code: 'CA_USER_NO_ALT_NAME',
      meaning: 'The directory lacks an attribute needed for the subject alternative name.',
      resolution: "Complete the user's directory attributes named by the template's Subject Name tab.",
    },
  ],
  [
    0x8009480e,
    {
      name: 'CERTSRV_E_SUBJECT_DIRECTORY_GUID_REQUIRED',
      code: 'CA_USER_NO_GUID',
      meaning: 'The template wants the directory GUID in the subject alternative name and it is unavailable.',
      resolution: "Check the template's Subject Name settings and the account's directory object.",
    },
  ],
  [
    0x8009480f,
    {
      name: 'CERTSRV_E_SUBJECT_DNS_REQUIRED',
      code: 'CA_USER_NO_DNS',
      meaning: 'The template wants a DNS name the account does not have.',
      resolution: 'Use a user template, or set dNSHostName on the account.',
    },
  ],
  [
    0x80094004,
    {
      name: 'CERTSRV_E_PROPERTY_EMPTY',
      code: 'CA_REQUEST_UNKNOWN',
      meaning: 'The CA has no such request id (or no value for what was asked).',
      resolution:
        "Check the request id against the CA's Issued/Pending/Failed lists; it may belong to another CA.",
    },
  ],
  [
    0x80094002,
    {
      name: 'CERTSRV_E_NO_REQUEST',
      code: 'CA_REQUEST_MISSING',
      meaning: 'The request does not exist on the CA.',
      resolution: 'Check the request id and the CA; resubmit only after confirming nothing was issued.',
    },
  ],
  [
    0x80094003,
    {
      name: 'CERTSRV_E_BAD_REQUESTSTATUS',
      code: 'CA_REQUEST_WRONG_STATE',
      meaning: 'The request is in a state that does not allow this operation.',
      resolution: 'Look the request up on the CA console to see its state.',
    },
  ],
  [
    0x80094014,
    {
      name: 'CERTSRV_E_ADMIN_DENIED_REQUEST',
      code: 'CA_DENIED_BY_OFFICER',
      meaning: 'A certificate manager denied the pending request.',
      resolution: 'Ask the certificate manager why; submit a new request if appropriate.',
    },
  ],
  [
    0x80070005,
    {
      name: 'E_ACCESSDENIED',
      code: 'CA_ACCESS_DENIED',
      meaning: 'Access was denied.',
      resolution: "Check the account's permissions on the CA and on the template.",
    },
  ],
  [
    0x8007000d,
    {
      name: 'ERROR_INVALID_DATA',
      code: 'CA_REQUEST_MALFORMED',
      meaning: 'The CA could not parse the request.',
      resolution:
        'Report this as a station defect with the diagnostic bundle; do not retry the same request.',
    },
  ],
  [
    0x80093005,
    {
      name: 'OSS_DATA_ERROR',
      code: 'CA_REQUEST_MALFORMED',
      meaning: "The CA could not decode the request's ASN.1.",
      resolution:
        'Report this as a station defect with the diagnostic bundle; do not retry the same request.',
    },
  ],
  [
    0x8009310b,
    {
      name: 'CRYPT_E_ASN1_BADTAG',
      code: 'CA_REQUEST_MALFORMED',
      meaning:
        'The CA could not parse the request ("Error Parsing Request"): its ASN.1 is not what was expected.',
      resolution:
        'Report this as a station defect with the diagnostic bundle; do not retry the same request.',
    },
  ],
  [
    0x80070057,
    {
      name: 'ERROR_INVALID_PARAMETER',
      code: 'CA_INVALID_PARAMETER',
      meaning: 'The CA web pages refused a parameter (for example a CA renewal index it does not have).',
      resolution: "Re-read the CA's renewal count (certcarc.asp) and check the station's CA settings.",
    },
  ],
  [
    0x800706ba,
    {
      name: 'RPC_S_SERVER_UNAVAILABLE',
      code: 'CA_SERVICE_UNREACHABLE',
      meaning: 'The web enrollment server cannot reach the certification authority service.',
      resolution:
        'Check that the CA service (certsvc) runs and that the web server can reach it; retry later.',
    },
  ],
  [
    0x80070547,
    {
      name: 'ERROR_NO_SUCH_DOMAIN (reported for FQDN requester names)',
      code: 'CA_REQUESTER_NAME_REJECTED',
      meaning: 'The requester name could not be resolved; the FQDN domain form is reported to fail.',
      resolution: 'Use NETBIOSDOMAIN\\sAMAccountName for the on-behalf-of user.',
    },
  ],
  [
    0x80070525,
    {
      name: 'ERROR_NO_SUCH_USER',
      code: 'CA_TARGET_USER_UNKNOWN',
      meaning: 'The account named for enroll-on-behalf does not exist in the directory.',
      resolution: 'Check the user name (NETBIOSDOMAIN\\sAMAccountName) and that the account exists.',
    },
  ],
  [
    0x80070533,
    {
      name: 'ERROR_ACCOUNT_DISABLED',
      code: 'CA_TARGET_USER_DISABLED',
      meaning: 'The target account is disabled.',
      resolution: 'Enable the account in Active Directory (or confirm it should not get a card).',
    },
  ],
  [
    0x80090006,
    {
      name: 'NTE_BAD_SIGNATURE',
      code: 'CA_REQUEST_BAD_SIGNATURE',
      meaning:
        'A signature in the request does not verify (the card or agent key did not sign what was sent).',
      resolution:
        'Re-seat the card and retry; if it persists, report a station defect with the diagnostic bundle.',
    },
  ],
]);

export function hresultHex(hresult: number): string {
  return `0x${(hresult >>> 0).toString(16).padStart(8, '0')}`;
}

export function describeHresult(hresult: number): HresultInfo {
  const value = hresult >>> 0;
  const entry = TABLE.get(value);
  if (entry) return { hresult: value, hex: hresultHex(value), ...entry };
  return {
    hresult: value,
    hex: hresultHex(value),
    name: 'unknown',
    code: 'CA_HRESULT_UNKNOWN',
    meaning: `The CA reported error ${hresultHex(value)}, which the station does not know.`,
    resolution: 'Look the code up in the CA event log and Microsoft documentation; keep the diagnostic page.',
  };
}

export function knownHresults(): number[] {
  return [...TABLE.keys()];
}
