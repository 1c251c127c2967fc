// The classic reasons an enrollment fails, each checked and, when wrong, named with what to do: the
// CA host name resolves, a proxy in the way, CA reachable over TLS, the server certificate it
// presents (trusted, or self-signed / for another name / by an issuer outside the bundle),
// credentials (and, with a client certificate, whether the name it carries still maps to the
// account), clock skew, templates offered, readers, card, the operator card's Enrollment Agent
// certificate (expired or due for renewal) — and, with NTLM, whether the CA enforces Extended
// Protection (ESC8). Findings carry an id and facts; the words come from the catalogs
// (core/i18n/diagnose.ts, station/diagnose-words.ts) so the CLI and the screen say the same thing.
import type { StationConfig } from '../core/config/config.ts';
import {
  inspectServerCertificate,
  probeProxy,
  proxyFor,
  resolveHost,
  type ProxyProbe,
} from '../core/ca/probe.ts';
import { toPem } from '../core/pki/der.ts';
import { certificateFacts, parseCertificate } from '../core/pki/certificate-facts.ts';
import { fromPem } from '../core/pki/der.ts';
import { readBoundedText, READ_LIMITS } from '../core/state/files.ts';
import { viewCards } from './cards.ts';
import type { CaConnection, StationHost } from './ports.ts';

export type FindingId =
  | 'config'
  | 'dns'
  | 'proxy'
  | 'ca-reachable'
  | 'server-certificate'
  | 'credentials'
  | 'sign-in-name'
  | 'extended-protection'
  | 'clock'
  | 'template'
  | 'pcsc'
  | 'readers'
  | 'card'
  | 'agent-certificate';

export interface Finding {
  readonly id: FindingId;
  readonly ok: boolean;
  /** facts for the message: names, numbers, codes — never a secret */
  readonly facts: Readonly<Record<string, string | number>>;
  /** the code of the error that made the check fail, when there was one */
  readonly code?: string;
}

/**
 * An Enrollment Agent certificate this close to its end is reported: AD CS templates renew six
 * weeks before expiry by default (the template's renewal period), and an operator whose card
 * expires mid-shift cannot enroll anyone.
 */
export const AGENT_RENEWAL_DAYS = 42;

const DAY_MS = 86_400_000;

function codeOf(e: unknown): string {
  const x = e as { code?: unknown; failure?: unknown };
  if (typeof x.failure === 'string') return `${String(x.code)}:${x.failure}`;
  return typeof x.code === 'string' ? x.code : 'INTERNAL';
}

function authMode(config: StationConfig): string {
  const a = config.ca.auth;
  if (a.kind === 'ntlm') return `ntlm ${a.username}`;
  if (a.kind === 'basic') return `basic ${a.username}`;
  return 'client-certificate';
}

/**
 * Certipy's check: the same account once more without channel binding. Refused (401) ⇒ IIS enforces
 * Extended Protection, so NTLM relayed to web enrollment (ESC8) fails; accepted ⇒ it does not.
 */
async function probeExtendedProtection(host: StationHost): Promise<Finding> {
  const ca = host.connectCa({ ntlmChannelBinding: 'none' });
  try {
    await ca.client.checkCredentials();
    return { id: 'extended-protection', ok: false, facts: { state: 'not-enforced' } };
  } catch (e) {
    return codeOf(e) === 'CA_AUTH_FAILED'
      ? { id: 'extended-protection', ok: true, facts: { state: 'enforced' } }
      : { id: 'extended-protection', ok: false, facts: { state: 'probe-failed' }, code: codeOf(e) };
  } finally {
    ca.close();
  }
}

/**
 * The proxy the environment names for the CA host. The headless station connects to the CA
 * directly and never through a proxy (NTLM channel binding needs the CA's own TLS connection);
 * the kiosk's network stack (Chromium) does use HTTPS_PROXY on Linux and the system proxy on
 * Windows. So a proxy named here is in the kiosk's way, and in the way of every tool an
 * administrator checks the CA with: it is tried as they would use it (CONNECT), and what comes
 * through it must be the CA's own certificate.
 */
function proxyFinding(proxy: URL, probe: ProxyProbe): Finding {
  const at = `${proxy.hostname}:${proxy.port || '80'}`;
  switch (probe.state) {
    case 'passes-through':
      return { id: 'proxy', ok: true, facts: { proxy: at, state: probe.state } };
    case 'unreachable':
    case 'tunnel-failed':
      return { id: 'proxy', ok: false, facts: { proxy: at, state: probe.state, error: probe.code } };
    case 'refused':
      return { id: 'proxy', ok: false, facts: { proxy: at, state: probe.state, status: probe.status } };
    case 'intercepting':
      return {
        id: 'proxy',
        ok: false,
        facts: { proxy: at, state: probe.state, subject: probe.seen.subject, issuer: probe.seen.issuer },
      };
  }
}

async function networkFindings(config: StationConfig, anchors: readonly Uint8Array[]): Promise<Finding[]> {
  const url = new URL(config.ca.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const out: Finding[] = [];
  const resolved = await resolveHost(host);
  out.push(
    resolved.ok
      ? { id: 'dns', ok: true, facts: { host, addresses: resolved.addresses.join(', ') } }
      : { id: 'dns', ok: false, facts: { host, error: resolved.code } },
  );
  const pem = anchors.map((a) => toPem(a, 'CERTIFICATE'));
  // the station's own environment, as the kiosk's network stack and curl read it
  const proxy = proxyFor(process.env, url);
  if (proxy !== undefined) out.push(proxyFinding(proxy, await probeProxy(proxy, url, pem)));
  if (!resolved.ok) return out;
  const seen = await inspectServerCertificate(url, pem);
  // no TLS connection at all is the reachability check's finding, not a certificate's
  if (seen.ok) {
    out.push({
      id: 'server-certificate',
      ok: seen.state === 'trusted',
      facts: {
        host,
        state: seen.state,
        subject: seen.subject,
        issuer: seen.issuer,
        names: seen.names.join(', ') || '-',
        notAfter: seen.notAfter,
      },
    });
  }
  return out;
}

/** The UPN in the station's TLS client certificate (its stored credential for the CA). */
function clientCertificateUpn(config: StationConfig): string {
  const a = config.ca.auth;
  if (a.kind !== 'client-certificate') return '';
  try {
    const [der] = fromPem(readBoundedText(a.certFile, READ_LIMITS.pem), 'CERTIFICATE');
    return der === undefined ? '' : (certificateFacts(parseCertificate(der)).upns[0] ?? '');
  } catch {
    return '';
  }
}

/**
 * "Cached credentials of a user whose sign-in name changed", as it applies to this station: the
 * credential the station keeps for the CA is its TLS client certificate, which names the account
 * by the UPN it had when the certificate was issued; the CA maps the certificate to the account by
 * that name. A refusal of a certificate that chains and is in date is what a renamed account
 * looks like. (Passwords name the account in the configuration, which the credentials check covers.)
 */
function signInNameFinding(config: StationConfig, accepted: boolean, code?: string): Finding | undefined {
  if (config.ca.auth.kind !== 'client-certificate') return undefined;
  const upn = clientCertificateUpn(config) || '-';
  return accepted
    ? { id: 'sign-in-name', ok: true, facts: { upn } }
    : { id: 'sign-in-name', ok: false, facts: { upn }, ...(code === undefined ? {} : { code }) };
}

async function caFindings(host: StationHost, ca: CaConnection): Promise<Finding[]> {
  const { config } = host;
  const out: Finding[] = [];
  try {
    const check = await ca.client.checkCredentials();
    out.push({ id: 'ca-reachable', ok: true, facts: { url: config.ca.url } });
    out.push({ id: 'credentials', ok: true, facts: { account: authMode(config) } });
    const name = signInNameFinding(config, true);
    if (name) out.push(name);
    if (config.ca.auth.kind === 'ntlm') out.push(await probeExtendedProtection(host));
    const skew = check.clockSkew ?? ca.client.clockSkew;
    out.push(
      skew === undefined
        ? { id: 'clock', ok: true, facts: { limitSeconds: config.ca.maxClockSkewSeconds } }
        : {
            id: 'clock',
            ok: false,
            facts: {
              skewSeconds: Math.round(skew.skewMs / 1000),
              limitSeconds: config.ca.maxClockSkewSeconds,
            },
          },
    );
    const templates = await ca.client.offeredTemplates();
    for (const t of [config.ca.template, config.ca.agentTemplate]) {
      out.push({
        id: 'template',
        ok: templates.includes(t),
        facts: { template: t, offered: templates.join(', ') || '-' },
      });
    }
  } catch (e) {
    const code = codeOf(e);
    const refused = code === 'CA_AUTH_FAILED' || code === 'CA_FORBIDDEN';
    out.push({ id: 'ca-reachable', ok: false, facts: { url: config.ca.url }, code });
    const name = refused ? signInNameFinding(config, false, code) : undefined;
    if (name) out.push(name);
  }
  return out;
}

/** Each inserted operator card's Enrollment Agent certificate: in date, and not due for renewal. */
async function agentFindings(host: StationHost, now: Date): Promise<Finding[]> {
  const cards = await viewCards(host.readers);
  return cards
    .filter((c) => c.role === 'agent' && c.notAfter !== undefined)
    .map((c) => {
      const notAfter = c.notAfter ?? '';
      const days = Math.floor((Date.parse(notAfter) - now.getTime()) / DAY_MS);
      const state = days < 0 ? 'expired' : days < AGENT_RENEWAL_DAYS ? 'expiring' : 'valid';
      return {
        id: 'agent-certificate' as const,
        ok: state === 'valid',
        facts: {
          reader: c.reader,
          upn: c.upn ?? c.subject ?? '-',
          notAfter,
          days,
          state,
          renewalDays: AGENT_RENEWAL_DAYS,
        },
      };
    });
}

export interface DiagnoseOptions {
  /**
   * false: no card is connected to (no operator-card check). The kiosk's Start screen asks for
   * health this way after every enrollment: reading each card exclusively then would hold the
   * reader just as the next step (a person, a tool) wants the card.
   */
  readonly readCards?: boolean;
}

export async function diagnose(
  host: StationHost,
  targetReader?: string,
  options: DiagnoseOptions = {},
): Promise<Finding[]> {
  const { config } = host;
  const findings: Finding[] = [];
  let ca;
  try {
    ca = host.connectCa();
  } catch (e) {
    findings.push({ id: 'config', ok: false, facts: {}, code: codeOf(e) });
  }
  if (ca) {
    try {
      findings.push(...(await networkFindings(config, ca.trustAnchors)));
      findings.push(...(await caFindings(host, ca)));
    } finally {
      ca.close();
    }
  }

  try {
    await host.readers.start();
    const readers = host.readers.listReaders();
    findings.push({
      id: 'readers',
      ok: readers.length > 0,
      facts: {
        readers: readers.map((r) => r.name).join(', '),
        withCard: readers
          .filter((r) => r.cardPresent)
          .map((r) => r.name)
          .join(', '),
      },
    });
    const name = targetReader ?? config.card.targetReader;
    if (name !== undefined) {
      const r = readers.find((x) => x.name === name);
      findings.push({
        id: 'card',
        ok: r?.cardPresent === true,
        facts: { reader: name, state: r ? (r.cardPresent ? 'present' : 'empty') : 'no-such-reader' },
      });
    }
    if (options.readCards !== false) findings.push(...(await agentFindings(host, new Date())));
  } catch (e) {
    findings.push({ id: 'pcsc', ok: false, facts: {}, code: codeOf(e) });
  }
  return findings;
}
