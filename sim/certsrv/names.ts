// Subject, SAN and Microsoft name extensions, built from directory attributes as AD CS does for
// templates whose subject comes from Active Directory (fact sheet §7.1 / §7.2).
import { bmp, explicit, ia5, implicitPrim, octets, oid, printable, seq, setOf, tlv, utf8 } from './der.ts';
import type { Der } from './der.ts';
import { OID } from './oids.ts';

const ATTR: Record<string, string> = {
  CN: OID.commonName,
  OU: OID.organizationalUnit,
  O: OID.organization,
  DC: OID.domainComponent,
  L: OID.locality,
  ST: OID.state,
  C: OID.country,
  E: OID.emailAddress,
  UID: OID.uid,
};

/** Splits an RFC 4514 DN string (most specific first), honouring backslash escapes. */
export function parseDn(dn: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let cur = '';
  const parts: string[] = [];
  for (let i = 0; i < dn.length; i++) {
    const c = dn[i];
    if (c === '\\' && i + 1 < dn.length) {
      cur += c + dn[i + 1];
      i++;
    } else if (c === ',' || c === ';') {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) parts.push(cur);
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq < 0) throw new Error(`bad DN component "${p}"`);
    const type = p.slice(0, eq).trim().toUpperCase();
    const value = p
      .slice(eq + 1)
      .trim()
      .replace(/\\(.)/g, '$1');
    out.push([type, value]);
  }
  return out;
}

function attributeValue(type: string, value: string): Der {
  if (type === 'DC' || type === 'E') return ia5(value);
  if (type === 'C') return printable(value);
  return utf8(value);
}

/** Name DER from a DN string; `extra` RDNs are appended after the most specific one (e.g. E=). */
export function nameFromDn(dn: string, extra: Array<[string, string]> = []): Der {
  const rdns = [...parseDn(dn)].reverse().concat(extra);
  return seq(
    ...rdns.map(([type, value]) => {
      const o = ATTR[type];
      if (!o) throw new Error(`unsupported DN attribute ${type}`);
      return setOf(seq(oid(o), attributeValue(type, value)));
    }),
  );
}

/** otherName ::= [0] IMPLICIT SEQUENCE { type-id OID, value [0] EXPLICIT ANY } inside GeneralNames. */
export function otherName(typeId: string, value: Der): Der {
  return explicit(0, oid(typeId), explicit(0, value));
}

export function upnGeneralName(upn: string): Der {
  return otherName(OID.ntPrincipalName, utf8(upn));
}

export const rfc822GeneralName = (mail: string): Der => implicitPrim(1, Buffer.from(mail, 'ascii'));
export const dnsGeneralName = (name: string): Der => implicitPrim(2, Buffer.from(name, 'ascii'));
export const uriGeneralName = (uri: string): Der => implicitPrim(6, Buffer.from(uri, 'ascii'));
export const ipGeneralName = (bytes: Uint8Array): Der => implicitPrim(7, bytes);

/** KB5014754 szOID_NTDS_CA_SECURITY_EXT value: GeneralNames with one otherName holding the ASCII SID. */
export function sidExtensionValue(sid: string): Der {
  return seq(otherName(OID.ntdsObjectSid, octets(Buffer.from(sid, 'ascii'))));
}

/** v1 template name extension value (szOID_ENROLL_CERTTYPE_EXTENSION): BMPString of the cn. */
export const templateNameValue = (cn: string): Der => bmp(cn);

export { tlv };
