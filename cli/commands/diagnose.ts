// `station diagnose`: the classic reasons an enrollment fails, each checked and, when wrong, paired
// with what to do — CA reachable, TLS trust, credentials, clock skew, templates offered, readers
// present, card status — and, with NTLM, whether the CA enforces Extended Protection (ESC8).
import type { StationConfig } from '../../core/config/config.ts';
import { PcscService } from '../../native/pcsc/index.ts';
import { connectCa } from '../compose.ts';
import { printLine, type Output } from '../output.ts';

interface Finding {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly resolution?: string;
}

function errorFacts(e: unknown): { code: string; message: string; resolution?: string } {
  const x = e as { code?: unknown; message?: unknown; resolution?: unknown; failure?: unknown };
  const code =
    typeof x.failure === 'string'
      ? `${String(x.code)}:${x.failure}`
      : typeof x.code === 'string'
        ? x.code
        : 'ERROR';
  return {
    code,
    message: typeof x.message === 'string' ? x.message : String(e),
    ...(typeof x.resolution === 'string' ? { resolution: x.resolution } : {}),
  };
}

function authMode(config: StationConfig): string {
  const a = config.ca.auth;
  if (a.kind === 'ntlm') return `ntlm as ${a.username} (NTLMv2 with TLS channel binding)`;
  if (a.kind === 'basic') return `basic as ${a.username}`;
  return 'client-certificate';
}

/**
 * Certipy's check (certipy/commands/find.py): the same account once more without channel binding.
 * Refused (401) ⇒ IIS enforces Extended Protection, so NTLM relayed to web enrollment (ESC8) fails;
 * accepted ⇒ it does not, and anyone who can coerce an NTLM logon can relay it here.
 */
async function probeExtendedProtection(config: StationConfig): Promise<Finding> {
  const check = 'Extended Protection (EPA) on the CA web server';
  const { client, transport } = connectCa(config, { ntlmChannelBinding: 'none' });
  try {
    await client.checkCredentials();
    return {
      check,
      ok: false,
      detail: 'not enforced: NTLM without channel binding is accepted (open to NTLM relay, ESC8)',
      resolution:
        'Set Extended Protection to Required for Windows Authentication on the CertSrv IIS application and require SSL (KB5005413).',
    };
  } catch (e) {
    const f = errorFacts(e);
    return f.code === 'CA_AUTH_FAILED'
      ? { check, ok: true, detail: 'enforced: NTLM without channel binding is refused' }
      : {
          check,
          ok: false,
          detail: `probe failed: ${f.code}: ${f.message}`,
          ...(f.resolution ? { resolution: f.resolution } : {}),
        };
  } finally {
    transport.close();
  }
}

export async function diagnoseCommand(
  config: StationConfig,
  out: Output,
  targetReader?: string,
): Promise<number> {
  const findings: Finding[] = [];
  try {
    const { client, transport } = connectCa(config);
    try {
      const check = await client.checkCredentials();
      findings.push({ check: 'CA reachable over TLS', ok: true, detail: config.ca.url });
      findings.push({ check: 'credentials accepted', ok: true, detail: authMode(config) });
      if (config.ca.auth.kind === 'ntlm') findings.push(await probeExtendedProtection(config));
      const skew = check.clockSkew ?? client.clockSkew;
      findings.push(
        skew === undefined
          ? { check: 'clock', ok: true, detail: `within ${config.ca.maxClockSkewSeconds} s of the CA` }
          : {
              check: 'clock',
              ok: false,
              detail: `off by ${Math.round(skew.skewMs / 1000)} s`,
              resolution: skew.resolution,
            },
      );
      const templates = await client.offeredTemplates();
      for (const t of [config.ca.template, config.ca.agentTemplate]) {
        findings.push(
          templates.includes(t)
            ? { check: `template ${t}`, ok: true, detail: 'offered to this account' }
            : {
                check: `template ${t}`,
                ok: false,
                detail: `not offered (offered: ${templates.join(', ') || 'none'})`,
                resolution: 'Publish the template on this CA and grant the station account Enroll on it.',
              },
        );
      }
    } catch (e) {
      const f = errorFacts(e);
      findings.push({
        check: 'CA',
        ok: false,
        detail: `${f.code}: ${f.message}`,
        resolution: f.resolution ?? 'Check the CA URL, the CA bundle file and the station account.',
      });
    } finally {
      transport.close();
    }
  } catch (e) {
    findings.push({
      check: 'CA configuration',
      ok: false,
      detail: errorFacts(e).message,
      resolution: 'Fix the configuration file.',
    });
  }

  const pcsc = new PcscService();
  try {
    await pcsc.start();
    const readers = pcsc.listReaders();
    findings.push(
      readers.length > 0
        ? {
            check: 'readers',
            ok: true,
            detail: readers.map((r) => `${r.name}${r.cardPresent ? ' (card)' : ''}`).join(', '),
          }
        : { check: 'readers', ok: false, detail: 'none', resolution: 'Connect a smart-card reader.' },
    );
    const name = targetReader ?? config.card.targetReader;
    if (name !== undefined) {
      const r = readers.find((x) => x.name === name);
      findings.push(
        r?.cardPresent
          ? { check: `card in ${name}`, ok: true, detail: 'present' }
          : {
              check: `card in ${name}`,
              ok: false,
              detail: r ? 'no card' : 'no such reader',
              resolution: 'Insert the card.',
            },
      );
    }
  } catch (e) {
    const f = errorFacts(e);
    findings.push({
      check: 'smart-card service',
      ok: false,
      detail: f.message,
      resolution: 'Start pcscd (Linux) or the Smart Card service (Windows).',
    });
  } finally {
    await pcsc.close().catch(() => undefined);
  }

  for (const f of findings) {
    printLine(
      out,
      `${f.ok ? 'ok  ' : 'FAIL'} ${f.check}: ${f.detail}${f.resolution ? `\n     what to do: ${f.resolution}` : ''}`,
      { finding: f },
    );
  }
  return findings.every((f) => f.ok) ? 0 : 1;
}
