// What an issued certificate contains for a template and a directory user (fact sheet §7):
// subject = the user's DN (+ E= for e-mail templates), SAN = UPN otherName (+ rfc822Name),
// EKU, critical key usage, v1 template name (BMPString), SID security extension.
import { namedBits, oid, seq } from './der.ts';
import type { Der } from './der.ts';
import { OID } from './oids.ts';
import { extension } from './ca.ts';
import type { IssueInput } from './ca.ts';
import {
  nameFromDn,
  rfc822GeneralName,
  sidExtensionValue,
  templateNameValue,
  upnGeneralName,
} from './names.ts';
import type { PublicUser } from './directory.ts';
import type { Template } from './templates.ts';

export function subjectFor(template: Template, user: PublicUser): Der {
  const extra: Array<[string, string]> = template.requireEmail && user.mail ? [['E', user.mail]] : [];
  return nameFromDn(user.distinguishedName, extra);
}

export function profileFor(template: Template, user: PublicUser, spki: Uint8Array): IssueInput {
  const san: Der[] = [];
  if (user.userPrincipalName) san.push(upnGeneralName(user.userPrincipalName));
  if (template.requireEmail && user.mail) san.push(rfc822GeneralName(user.mail));
  const extensions: Der[] = [extension(OID.enrollCertType, false, templateNameValue(template.cn))];
  if (template.smimeCapabilities) {
    extensions.push(
      extension(
        OID.smimeCapabilities,
        false,
        seq(seq(oid(OID.aes256Cbc)), seq(oid(OID.aes128Cbc)), seq(oid(OID.desEde3Cbc))),
      ),
    );
  }
  extensions.push(
    extension(OID.extKeyUsage, false, seq(...template.eku.map((e) => oid(e)))),
    extension(OID.keyUsage, true, namedBits(template.keyUsage, 16)),
    extension(OID.subjectAltName, false, seq(...san)),
    extension(OID.ntdsCaSecurityExt, false, sidExtensionValue(user.objectSid)),
  );
  return { subject: subjectFor(template, user), spki, validityDays: template.validityDays, extensions };
}
