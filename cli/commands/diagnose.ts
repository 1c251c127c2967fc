// `station diagnose`: each check with passed/failed and, when failed, what to do.
import type { Finding } from '../../station/index.ts';
import { cliStation } from '../compose.ts';
import { configFrom } from '../config-arg.ts';
import { printLine, type Output } from '../output.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

const WORDS: Record<Finding['id'], { check: string; fix: string }> = {
  config: { check: 'CA configuration', fix: 'Fix the configuration file (CA bundle, password variable).' },
  'ca-reachable': {
    check: 'CA reachable over TLS',
    fix: 'Check the CA URL, the CA bundle file and the station account.',
  },
  credentials: { check: 'credentials accepted', fix: 'Check the station account and its password variable.' },
  'extended-protection': {
    check: 'Extended Protection (EPA) on the CA web server',
    fix: 'Set Extended Protection to Required for Windows Authentication on the CertSrv IIS application and require SSL (KB5005413).',
  },
  clock: {
    check: 'clock',
    fix: "Synchronise this computer's clock with the domain (w32tm /resync, or NTP).",
  },
  template: {
    check: 'template',
    fix: 'Publish the template on this CA and grant the station account Enroll on it.',
  },
  pcsc: { check: 'smart-card service', fix: 'Start pcscd (Linux) or the Smart Card service (Windows).' },
  readers: { check: 'readers', fix: 'Connect a smart-card reader.' },
  card: { check: 'card', fix: 'Insert the card.' },
};

export async function diagnoseCommand(v: Values, out: Output): Promise<number> {
  const station = cliStation(configFrom(v));
  try {
    const findings = await station.diagnose(
      typeof v['target-reader'] === 'string' ? v['target-reader'] : undefined,
    );
    for (const f of findings) {
      const w = WORDS[f.id];
      const facts = Object.entries(f.facts)
        .map(([k, x]) => `${k}=${x}`)
        .join(', ');
      printLine(
        out,
        `${f.ok ? 'ok  ' : 'FAIL'} ${w.check}: ${facts}${f.code ? ` (${f.code})` : ''}${f.ok ? '' : `\n     what to do: ${w.fix}`}`,
        { finding: f },
      );
    }
    return findings.every((f) => f.ok) ? 0 : 1;
  } finally {
    await station.close();
  }
}
