// The policy module: decides issue / pend / deny for a submitted request, in the order the
// enterprise policy module checks things (template, permissions, agent signature, subject data).
import type { X509Certificate } from 'node:crypto';
import { HR, hex, hrText } from './hresult.ts';
import type { Directory, DirectoryUser, PublicUser } from './directory.ts';
import { publicUser } from './directory.ts';
import { findTemplate } from './templates.ts';
import type { Template, TemplatePolicies } from './templates.ts';
import type { ParsedRequest } from './request.ts';
import { OID } from './oids.ts';

export interface PolicyContext {
  directory: Directory;
  policies: TemplatePolicies;
  /** every CA certificate generation (agent certificates must chain to one) */
  caCerts: X509Certificate[];
  /** serial numbers (upper-case hex) this CA has revoked */
  isRevoked: (serialHex: string) => boolean;
  /** pend everything regardless of template settings */
  approveAll: boolean;
}

export type Decision =
  | { kind: 'deny'; hresult: number; message: string; template?: string; onBehalfOf?: string; agent?: string }
  | {
      kind: 'issue' | 'pend';
      template: Template;
      target: PublicUser;
      onBehalfOf?: string;
      agent?: string;
    };

export function policyDenial(hr: number, detail?: string): string {
  return `Denied by Policy Module  ${hex(hr)}, ${detail ?? hrText(hr)}`;
}

function deny(
  hr: number,
  extra: Partial<Extract<Decision, { kind: 'deny' }>> = {},
  detail?: string,
): Decision {
  return { kind: 'deny', hresult: hr, message: policyDenial(hr, detail), ...extra };
}

function mayEnroll(user: DirectoryUser, groups: string[]): boolean {
  const mine = new Set(user.memberOf.map((g) => g.toLowerCase()));
  return groups.some((g) => mine.has(g.toLowerCase()));
}

/** A Certificate Request Agent certificate this CA issued, still valid and not revoked. */
function agentCertificateAcceptable(cert: X509Certificate, ctx: PolicyContext): boolean {
  const now = Date.now();
  if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) return false;
  if (!ctx.caCerts.some((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey))) return false;
  if (ctx.isRevoked(cert.serialNumber.toUpperCase())) return false;
  return (cert.keyUsage ?? []).includes(OID.certificateRequestAgent);
}

export function decide(
  req: ParsedRequest,
  caller: DirectoryUser,
  attributes: Record<string, string>,
  ctx: PolicyContext,
): Decision {
  const templateName = attributes['certificatetemplate'];
  if (!templateName) return deny(HR.NO_CERT_TYPE);
  const template = findTemplate(templateName);
  const policy = template ? ctx.policies[template.cn] : undefined;
  if (!template || !policy?.published) {
    return deny(
      HR.UNSUPPORTED_CERT_TYPE,
      { template: templateName },
      `The request was for a certificate template that is not supported by the Active Directory Certificate Services policy: ${templateName}.`,
    );
  }
  const base = { template: template.cn };

  // Enroll is checked for the caller; on behalf of someone else that is the agent account
  if (!mayEnroll(caller, policy.enrollGroups)) return deny(HR.TEMPLATE_DENIED, base);

  let target: DirectoryUser = caller;
  let onBehalfOf: string | undefined;
  let agent: string | undefined;
  if (attributes['requestername'] !== undefined) {
    // requestername is honoured only inside the agent-signed request, never as a form attribute
    return deny(HR.SIGNATURE_POLICY_REQUIRED, base);
  }
  if (req.onBehalf) {
    onBehalfOf = req.onBehalf.requesterName;
    const who = { ...base, onBehalfOf };
    if (!req.onBehalf.signer) return deny(HR.SIGNATURE_POLICY_REQUIRED, who);
    agent = req.onBehalf.signer.subject.replace(/\n/g, ', ');
    if (!req.onBehalf.signatureValid || !agentCertificateAcceptable(req.onBehalf.signer, ctx)) {
      return deny(HR.SIGNATURE_REJECTED, { ...who, agent });
    }
    // requestername must name a domain account (NetBIOS DOMAIN\user)
    if (!onBehalfOf.includes('\\')) return deny(HR.NO_SUCH_USER, { ...who, agent });
    const u = ctx.directory.find(onBehalfOf);
    if (!u) return deny(HR.NO_SUCH_USER, { ...who, agent });
    if (!u.enabled) return deny(HR.ACCOUNT_DISABLED, { ...who, agent });
    target = u;
  }
  const who = { ...base, onBehalfOf, agent };

  const minKey = policy.minKeySize ?? template.minKeySize;
  if (req.pkcs10.keyBits < minKey) return deny(HR.KEY_LENGTH, who);
  if (!target.userPrincipalName) return deny(HR.SUBJECT_UPN_REQUIRED, who);
  if (template.requireEmail && !target.mail) return deny(HR.SUBJECT_EMAIL_REQUIRED, who);

  const kind = ctx.approveAll || policy.requireApproval ? 'pend' : 'issue';
  return { kind, template, target: publicUser(target), onBehalfOf, agent };
}
