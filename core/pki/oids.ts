// Object identifiers used by the request builders and the certificate checks, named as in the
// RFCs and in Microsoft's wincrypt.h so the code can be compared with the specifications.

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  secp256r1: '1.2.840.10045.3.1.7',
  secp384r1: '1.3.132.0.34',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',

  pkcs9ExtensionRequest: '1.2.840.113549.1.9.14',
  pkcs9ContentType: '1.2.840.113549.1.9.3',
  pkcs9MessageDigest: '1.2.840.113549.1.9.4',
  pkcs9SigningTime: '1.2.840.113549.1.9.5',
  pkcs9EmailAddress: '1.2.840.113549.1.9.1',
  idData: '1.2.840.113549.1.7.1',
  idSignedData: '1.2.840.113549.1.7.2',

  commonName: '2.5.4.3',
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  domainComponent: '0.9.2342.19200300.100.1.25',

  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  extKeyUsage: '2.5.29.37',

  ekuClientAuth: '1.3.6.1.5.5.7.3.2',
  ekuEmailProtection: '1.3.6.1.5.5.7.3.4',
  /** szOID_KP_SMARTCARD_LOGON */
  ekuSmartcardLogon: '1.3.6.1.4.1.311.20.2.2',
  /** szOID_ENROLLMENT_AGENT (Certificate Request Agent) */
  ekuEnrollmentAgent: '1.3.6.1.4.1.311.20.2.1',

  /** szOID_NT_PRINCIPAL_NAME: otherName type of the UPN */
  ntPrincipalName: '1.3.6.1.4.1.311.20.2.3',
  /** szOID_ENROLL_CERTTYPE_EXTENSION: v1 template name (BMPString) */
  enrollCertTypeExtension: '1.3.6.1.4.1.311.20.2',
  /** szOID_CERTIFICATE_TEMPLATE: v2+ template OID and versions */
  certificateTemplate: '1.3.6.1.4.1.311.21.7',
  /** szOID_NTDS_CA_SECURITY_EXT (KB5014754) */
  ntdsCaSecurityExt: '1.3.6.1.4.1.311.25.2',
  /** szOID_NTDS_OBJECTSID: otherName type inside the security extension */
  ntdsObjectSid: '1.3.6.1.4.1.311.25.2.1',
  /** szOID_ENROLLMENT_NAME_VALUE_PAIR (carries requestername) */
  enrollmentNameValuePair: '1.3.6.1.4.1.311.13.2.1',
} as const;
