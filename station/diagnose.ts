// The classic reasons an enrollment fails, each checked and, when wrong, named with what to do: CA
// reachable over TLS, credentials, clock skew, templates offered, readers, card — and, with NTLM,
// whether the CA enforces Extended Protection (ESC8). Findings carry an id and facts; the words
// come from the catalogs (core/i18n) so the CLI and the screen say the same thing in each language.
import type { StationConfig } from '../core/config/config.ts';
import type { StationHost } from './ports.ts';

export type FindingId =
  | 'config'
  | 'ca-reachable'
  | 'credentials'
  | 'extended-protection'
  | 'clock'
  | 'template'
  | 'pcsc'
  | 'readers'
  | 'card';

export interface Finding {
  readonly id: FindingId;
  readonly ok: boolean;
  /** facts for the message: names, numbers, codes — never a secret */
  readonly facts: Readonly<Record<string, string | number>>;
  /** the code of the error that made the check fail, when there was one */
  readonly code?: string;
}

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

export async function diagnose(host: StationHost, targetReader?: string): Promise<Finding[]> {
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
      const check = await ca.client.checkCredentials();
      findings.push({ id: 'ca-reachable', ok: true, facts: { url: config.ca.url } });
      findings.push({ id: 'credentials', ok: true, facts: { account: authMode(config) } });
      if (config.ca.auth.kind === 'ntlm') findings.push(await probeExtendedProtection(host));
      const skew = check.clockSkew ?? ca.client.clockSkew;
      findings.push(
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
        findings.push({
          id: 'template',
          ok: templates.includes(t),
          facts: { template: t, offered: templates.join(', ') || '-' },
        });
      }
    } catch (e) {
      findings.push({ id: 'ca-reachable', ok: false, facts: { url: config.ca.url }, code: codeOf(e) });
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
  } catch (e) {
    findings.push({ id: 'pcsc', ok: false, facts: {}, code: codeOf(e) });
  }
  return findings;
}
