// Maps a TLS client certificate to a directory user, as IIS client-certificate mapping to AD
// does: by the UPN in the SAN first, then by the subject (E= mail or the user's DN).
import type { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Directory, DirectoryUser } from './directory.ts';
import { OID } from './oids.ts';
import { parseDn } from './names.ts';

export function upnsOf(cert: X509Certificate): string[] {
  const c = new pkijs.Certificate({ schema: asn1js.fromBER(cert.raw).result });
  const ext = c.extensions?.find((e) => e.extnID === OID.subjectAltName);
  if (!ext) return [];
  const names = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView).result;
  if (!(names instanceof asn1js.Sequence)) return [];
  const out: string[] = [];
  for (const gn of names.valueBlock.value) {
    if (gn.idBlock.tagClass !== 3 || gn.idBlock.tagNumber !== 0 || !(gn instanceof asn1js.Constructed))
      continue;
    const [typeId, wrapped] = gn.valueBlock.value;
    if (!(typeId instanceof asn1js.ObjectIdentifier) || typeId.valueBlock.toString() !== OID.ntPrincipalName)
      continue;
    const inner = wrapped instanceof asn1js.Constructed ? wrapped.valueBlock.value[0] : undefined;
    if (inner instanceof asn1js.Utf8String) out.push(inner.valueBlock.value);
  }
  return out;
}

export function mapClientCertificate(cert: X509Certificate, dir: Directory): DirectoryUser | undefined {
  for (const upn of upnsOf(cert)) {
    const u = dir.findByUpn(upn);
    if (u) return u;
  }
  const lines = cert.subject.split('\n');
  const mail = lines.find((l) => l.startsWith('emailAddress='))?.slice('emailAddress='.length);
  if (mail) {
    const u = dir.findByMail(mail);
    if (u) return u;
  }
  const subject = lines
    .filter((l) => !l.startsWith('emailAddress='))
    .join(',')
    .toLowerCase();
  return dir.data.users.find(
    (u) =>
      parseDn(u.distinguishedName)
        .reverse()
        .map(([t, v]) => `${t}=${v}`)
        .join(',')
        .toLowerCase() === subject,
  );
}
