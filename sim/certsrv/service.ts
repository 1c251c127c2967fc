// The CA service behind the pages: submit, check pending, retrieve, and the officer actions
// (approve, deny, revoke). Everything is persisted through RequestStore before it is answered.
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { KeyObject } from 'node:crypto';
import { CertificationAuthority } from './ca.ts';
import type { Directory, DirectoryUser } from './directory.ts';
import { publicUser } from './directory.ts';
import { HR, resultLine } from './hresult.ts';
import { decide } from './policy.ts';
import type { PolicyContext } from './policy.ts';
import { profileFor } from './profile.ts';
import { decodeRequestText, parseRequest, RequestError } from './request.ts';
import { DISP, RequestStore } from './store.ts';
import type { RequestRecord } from './store.ts';
import { findTemplate } from './templates.ts';
import type { TemplatePolicies } from './templates.ts';

export type Outcome =
  | { page: 'issued'; id: number }
  | { page: 'pending'; id: number }
  | { page: 'denied'; id: number; message: string; revoked: boolean }
  | {
      page: 'error';
      id?: number;
      /** CR_DISP_*, or undefined when ICertRequest::Submit raised before the CA answered */
      disposition: number | undefined;
      message: string;
      hresult: number;
      /** what GetLastStatus() reports afterwards */
      lastStatus: number;
      /** Err.Description of a call that raised ('' when none did) */
      comError: string;
    };

/** True when the CRL's nextUpdate is less than a day away (or unreadable). */
function crlExpiring(der: Buffer): boolean {
  try {
    const crl = new pkijs.CertificateRevocationList({ schema: asn1js.fromBER(der).result });
    const next = crl.nextUpdate?.value;
    return !next || next.getTime() - Date.now() < 86400_000;
  } catch {
    return true;
  }
}

/** Parses CertAttrib: Name:Value lines separated by \n or \r\n; names are case-insensitive. */
export function parseAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

export function outcomeOf(rec: RequestRecord): Outcome {
  switch (rec.status) {
    case 'issued':
      return { page: 'issued', id: rec.id };
    case 'pending':
      return { page: 'pending', id: rec.id };
    case 'denied':
      return { page: 'denied', id: rec.id, message: rec.dispositionMessage, revoked: false };
    case 'revoked':
      return { page: 'denied', id: rec.id, message: rec.dispositionMessage, revoked: true };
    default:
      // a request the CA failed (CR_DISP_ERROR); Submit itself succeeded
      return {
        page: 'error',
        id: rec.id,
        disposition: rec.disposition,
        message: rec.dispositionMessage,
        hresult: HR.SUCCESS,
        lastStatus: rec.hresult ?? HR.INVALID_DATA,
        comError: '',
      };
  }
}

/** CRLs are valid this long; a new one is published when less than a day is left. */
export const CRL_VALIDITY_DAYS = 7;

export class CertsrvService {
  readonly ca: CertificationAuthority;
  readonly store: RequestStore;
  directory: Directory;
  policies: TemplatePolicies;
  approveAll: boolean;
  officer: string;

  constructor(opts: {
    ca: CertificationAuthority;
    store: RequestStore;
    directory: Directory;
    policies: TemplatePolicies;
    approveAll: boolean;
  }) {
    this.ca = opts.ca;
    this.store = opts.store;
    this.directory = opts.directory;
    this.policies = opts.policies;
    this.approveAll = opts.approveAll;
    this.officer = `${opts.directory.data.netbiosDomain}\\Administrator`;
  }

  #context(): PolicyContext {
    const revoked = new Set(
      this.store
        .all()
        .filter((r) => r.status === 'revoked' && r.serialNumber)
        .map((r) => (r.serialNumber ?? '').toUpperCase()),
    );
    return {
      directory: this.directory,
      policies: this.policies,
      caCerts: this.ca.generations.map((g) => g.cert),
      isRevoked: (s) => revoked.has(s.replace(/^(00)+/, '')) || revoked.has(s),
      approveAll: this.approveAll,
    };
  }

  /** Mode=newreq. Synchronous from id allocation to the write, so ids never collide. */
  submit(caller: DirectoryUser, requestText: string, attribText: string): Outcome {
    this.ca.refresh();
    let der: Buffer;
    try {
      der = decodeRequestText(requestText);
    } catch (e) {
      if (!(e instanceof RequestError)) throw e;
      // certcli decodes the base64 before calling the CA: nothing reaches the CA, no request id
      return {
        page: 'error',
        disposition: undefined,
        message: '',
        hresult: e.hresult,
        lastStatus: HR.SUCCESS,
        comError: `CCertRequest::Submit: ${resultLine(e.hresult)}`,
      };
    }
    const id = this.store.nextId();
    const attributes = parseAttributes(attribText);
    const rec: RequestRecord = {
      id,
      submittedAt: new Date().toISOString(),
      status: 'failed',
      disposition: DISP.ERROR,
      dispositionMessage: '',
      caller: this.directory.qualified(caller),
      attributes,
      request: Buffer.from(requestText, 'utf8').toString('base64'),
    };
    try {
      rec.request = der.toString('base64');
      const parsed = parseRequest(der);
      rec.publicKeyInfo = parsed.pkcs10.spki.toString('base64');
      const d = decide(parsed, caller, attributes, this.#context());
      rec.template =
        d.template === undefined ? undefined : typeof d.template === 'string' ? d.template : d.template.cn;
      rec.onBehalfOf = d.onBehalfOf;
      rec.agentCertificate = d.agent;
      if (d.kind === 'deny') {
        Object.assign(rec, {
          status: 'denied',
          disposition: DISP.DENIED,
          hresult: d.hresult,
          dispositionMessage: d.message,
        });
      } else {
        rec.target = d.target;
        if (d.kind === 'pend') {
          Object.assign(rec, {
            status: 'pending',
            disposition: DISP.UNDER_SUBMISSION,
            dispositionMessage: 'Taken Under Submission',
          });
        } else {
          this.#issueInto(rec, 'Issued');
        }
      }
    } catch (e) {
      if (!(e instanceof RequestError)) throw e;
      // the CA stored the request and denied it: "Error Parsing Request  <error text>"
      Object.assign(rec, {
        status: 'denied',
        disposition: DISP.DENIED,
        hresult: e.hresult,
        dispositionMessage: `${e.disposition}  ${resultLine(e.hresult)}`,
        resolvedAt: new Date().toISOString(),
      });
    }
    this.store.put(rec);
    return outcomeOf(rec);
  }

  #issueInto(rec: RequestRecord, message: string): void {
    // sign with the newest key on disk, whichever process renewed the CA
    this.ca.refresh();
    const template = rec.template ? findTemplate(rec.template) : undefined;
    if (!template || !rec.target || !rec.publicKeyInfo) throw new Error(`request ${rec.id} cannot be issued`);
    const issued = this.ca.issue(profileFor(template, rec.target, Buffer.from(rec.publicKeyInfo, 'base64')));
    Object.assign(rec, {
      status: 'issued',
      disposition: DISP.ISSUED,
      dispositionMessage: message,
      hresult: 0,
      certificate: issued.der.toString('base64'),
      serialNumber: issued.serialHex,
      caIndex: issued.caIndex,
      resolvedAt: new Date().toISOString(),
    });
  }

  /** A request's record if `caller` may see it, else the HRESULT certsrv would show. */
  lookup(id: number, caller: DirectoryUser): RequestRecord | number {
    const rec = Number.isSafeInteger(id) && id > 0 ? this.store.get(id) : undefined;
    if (!rec) return HR.PROPERTY_EMPTY;
    if (rec.caller.toLowerCase() !== this.directory.qualified(caller).toLowerCase()) return HR.ACCESS_DENIED;
    return rec;
  }

  approve(id: number, by = this.officer): RequestRecord {
    this.ca.refresh();
    const rec = this.store.get(id);
    if (!rec) throw new Error(`no request ${id}`);
    if (rec.status !== 'pending') throw new Error(`request ${id} is ${rec.status}, not pending`);
    rec.decidedBy = by;
    this.#issueInto(rec, `Resubmitted by ${by}`);
    this.store.put(rec);
    return rec;
  }

  deny(id: number, by = this.officer): RequestRecord {
    const rec = this.store.get(id);
    if (!rec) throw new Error(`no request ${id}`);
    if (rec.status !== 'pending') throw new Error(`request ${id} is ${rec.status}, not pending`);
    Object.assign(rec, {
      status: 'denied',
      disposition: DISP.DENIED,
      hresult: HR.ADMIN_DENIED_REQUEST,
      dispositionMessage: `Denied by ${by}`,
      decidedBy: by,
      resolvedAt: new Date().toISOString(),
    });
    this.store.put(rec);
    return rec;
  }

  /** reason: RFC 5280 CRLReason (0 unspecified, 1 keyCompromise, …) */
  revoke(id: number, reason = 0, by = this.officer): RequestRecord {
    const rec = this.store.get(id);
    if (!rec || rec.status !== 'issued') throw new Error(`request ${id} is not an issued certificate`);
    Object.assign(rec, {
      status: 'revoked',
      disposition: DISP.REVOKED,
      dispositionMessage: `Revoked by ${by}`,
      revokedAt: new Date().toISOString(),
      revocationReason: reason,
    });
    this.store.put(rec);
    // the sim publishes at once, as an administrator running `certutil -crl` after revoking would
    this.publishCrl(rec.caIndex ?? 0);
    return rec;
  }

  /**
   * The CRL last published for a key generation; published first if there is none yet or it
   * is about to expire. Downloads never mint a new CRL number by themselves.
   */
  crl(index = this.ca.current.index): Buffer {
    this.ca.refresh();
    const published = this.ca.publishedCrl(index);
    if (published && !crlExpiring(published)) return published;
    return this.publishCrl(index);
  }

  publishCrl(index: number): Buffer {
    this.ca.refresh();
    const revoked = this.store
      .all()
      .filter((r) => r.status === 'revoked' && r.serialNumber && (r.caIndex ?? 0) === index)
      .map((r): [string, Date, number] => [
        r.serialNumber ?? '',
        new Date(r.revokedAt ?? r.submittedAt),
        r.revocationReason ?? 0,
      ]);
    return this.ca.publishCrl(index, revoked, CRL_VALIDITY_DAYS);
  }

  /**
   * Issues a certificate for a directory user directly (as an officer enrolling through the MMC
   * would), with a fresh key; for tests that need client or agent certificates. Recorded like
   * any other request.
   */
  issueForUser(
    userName: string,
    templateName: string,
    opts: { key?: KeyObject; publicKey?: KeyObject } = {},
  ): { record: RequestRecord; certDer: Buffer; cert: X509Certificate; privateKey?: KeyObject } {
    const user = this.directory.find(userName);
    const template = findTemplate(templateName);
    if (!user) throw new Error(`unknown user ${userName}`);
    if (!template) throw new Error(`unknown template ${templateName}`);
    let privateKey = opts.key;
    let publicKey = opts.publicKey;
    if (!publicKey) {
      const kp = generateKeyPairSync('rsa', { modulusLength: 2048 });
      privateKey = kp.privateKey;
      publicKey = kp.publicKey;
    }
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const rec: RequestRecord = {
      id: this.store.nextId(),
      submittedAt: new Date().toISOString(),
      status: 'pending',
      disposition: DISP.UNDER_SUBMISSION,
      dispositionMessage: '',
      caller: this.directory.qualified(user),
      template: template.cn,
      attributes: { certificatetemplate: template.cn },
      request: '',
      target: publicUser(user),
      publicKeyInfo: spki.toString('base64'),
    };
    this.#issueInto(rec, `Issued by ${this.officer}`);
    this.store.put(rec);
    const certDer = Buffer.from(rec.certificate ?? '', 'base64');
    return { record: rec, certDer, cert: new X509Certificate(certDer), privateKey };
  }
}
