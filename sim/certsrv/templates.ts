// The four default schema-v1 templates the sim knows (MS-CRTD <42>, fact sheet §7.1). Each one
// says which extensions an issued certificate gets and what the directory must supply.
import { OID } from './oids.ts';

export interface Template {
  /** the template cn, the value of CertificateTemplate:<cn> */
  cn: string;
  displayName: string;
  eku: string[];
  /** KeyUsage bits as the 16-bit big-endian value of pKIKeyUsage (0xA000 = digitalSignature + keyEncipherment) */
  keyUsage: number;
  minKeySize: number;
  validityDays: number;
  /** CT_FLAG_SUBJECT_REQUIRE_EMAIL / SUBJECT_ALT_REQUIRE_EMAIL: needs `mail`, adds E= and rfc822Name */
  requireEmail: boolean;
  /** adds an S/MIME capabilities extension (CT_FLAG_INCLUDE_SYMMETRIC_ALGORITHMS) */
  smimeCapabilities: boolean;
  keySpec: 1 | 2;
  nameFlag: number;
  enrollmentFlag: number;
}

export const TEMPLATES: readonly Template[] = [
  {
    cn: 'SmartcardUser',
    displayName: 'Smartcard User',
    eku: [OID.emailProtection, OID.clientAuth, OID.smartcardLogon],
    keyUsage: 0xa000,
    minKeySize: 2048,
    validityDays: 365,
    requireEmail: true,
    smimeCapabilities: true,
    keySpec: 1,
    nameFlag: -1509949440,
    enrollmentFlag: 9,
  },
  {
    cn: 'SmartcardLogon',
    displayName: 'Smartcard Logon',
    eku: [OID.clientAuth, OID.smartcardLogon],
    keyUsage: 0xa000,
    minKeySize: 2048,
    validityDays: 365,
    requireEmail: false,
    smimeCapabilities: false,
    keySpec: 1,
    nameFlag: -2113929216,
    enrollmentFlag: 0,
  },
  {
    cn: 'EnrollmentAgent',
    displayName: 'Enrollment Agent',
    eku: [OID.certificateRequestAgent],
    keyUsage: 0x8000,
    minKeySize: 2048,
    validityDays: 730,
    requireEmail: false,
    smimeCapabilities: false,
    keySpec: 2,
    nameFlag: -2113929216,
    enrollmentFlag: 32,
  },
  {
    cn: 'User',
    displayName: 'User',
    eku: [OID.efs, OID.emailProtection, OID.clientAuth],
    keyUsage: 0xa000,
    minKeySize: 2048,
    validityDays: 365,
    requireEmail: true,
    smimeCapabilities: true,
    keySpec: 1,
    nameFlag: -1509949440,
    enrollmentFlag: 41,
  },
];

export function findTemplate(cn: string): Template | undefined {
  // AD CS matches template names case-insensitively
  return TEMPLATES.find((t) => t.cn.toLowerCase() === cn.toLowerCase());
}

/** Who may enroll (group names) and whether the CA issues it at all. */
export interface TemplatePolicy {
  published: boolean;
  enrollGroups: string[];
  /** CT_FLAG_PEND_ALL_REQUESTS ("CA certificate manager approval") */
  requireApproval: boolean;
  /** overrides the template's msPKI-Minimal-Key-Size */
  minKeySize?: number;
}

export type TemplatePolicies = Record<string, TemplatePolicy>;

export function defaultTemplatePolicies(): TemplatePolicies {
  return {
    SmartcardUser: {
      published: true,
      enrollGroups: ['Domain Admins', 'Enterprise Admins', 'Enrollment Agents', 'Smartcard Holders'],
      requireApproval: false,
    },
    SmartcardLogon: {
      published: true,
      enrollGroups: ['Domain Admins', 'Enterprise Admins', 'Enrollment Agents', 'Smartcard Holders'],
      requireApproval: false,
    },
    EnrollmentAgent: {
      published: true,
      enrollGroups: ['Domain Admins', 'Enterprise Admins', 'Enrollment Agents'],
      requireApproval: false,
    },
    User: { published: true, enrollGroups: ['Domain Users'], requireApproval: false },
  };
}
