// CLI for the certsrv sim. Passwords never go on this command line: users and their scrypt
// hashes come from the directory file (the demo directory writes its passwords to a 0600 file).
//   serve   --state DIR [--port N] [--client-cert-port N|off] [--directory FILE]
//           [--approval none|all|T1,T2] [--locale en|fr|ko]
//           [--auth Negotiate,NTLM,Basic] [--extended-protection off|when-supported|required]
//   approve --state DIR <id>     deny --state DIR <id>     revoke --state DIR <id> [reason]
//   list    --state DIR          renew-ca --state DIR       init-demo --state DIR
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { createDemoDirectory } from './directory.ts';
import { openService, startCertsrv } from './index.ts';
import type { ApprovalMode } from './index.ts';
import type { Locale } from './locale.ts';
import type { ExtendedProtection } from './ntlm.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    state: { type: 'string' },
    port: { type: 'string' },
    'client-cert-port': { type: 'string' },
    host: { type: 'string' },
    directory: { type: 'string' },
    approval: { type: 'string' },
    locale: { type: 'string' },
    by: { type: 'string' },
    auth: { type: 'string' },
    'extended-protection': { type: 'string' },
  },
});

const [command, ...args] = positionals;
const stateDir = values.state;
if (!command || !stateDir) {
  process.stderr.write('usage: main.ts serve|approve|deny|revoke|list|renew-ca|init-demo --state DIR …\n');
  process.exit(2);
}

function approvalMode(v: string | undefined): ApprovalMode | undefined {
  if (v === undefined) return undefined;
  if (v === 'none' || v === 'all') return v;
  return v.split(',').filter(Boolean);
}

function id(): number {
  const n = Number(args[0]);
  if (!Number.isSafeInteger(n) || n <= 0) {
    process.stderr.write('a request id is required\n');
    process.exit(2);
  }
  return n;
}

function extendedProtection(v: string | undefined): ExtendedProtection | undefined {
  if (v === undefined) return undefined;
  if (v === 'off' || v === 'when-supported' || v === 'required') return v;
  process.stderr.write('--extended-protection must be off, when-supported or required\n');
  process.exit(2);
}

const mode = approvalMode(values.approval);
switch (command) {
  case 'serve': {
    const ccp = values['client-cert-port'];
    const h = await startCertsrv({
      stateDir,
      port: Number(values.port ?? 0),
      clientCertPort: ccp === 'off' ? false : Number(ccp ?? 0),
      host: values.host,
      directory: values.directory,
      approvalMode: mode,
      locale: (values.locale as Locale | undefined) ?? 'en',
      ...(values.auth ? { challenges: values.auth.split(',').filter(Boolean) } : {}),
      extendedProtection: extendedProtection(values['extended-protection']),
    });
    process.stdout.write(
      JSON.stringify({
        url: h.url,
        clientCertUrl: h.clientCertUrl,
        caBundle: h.caBundleFile,
        stateDir: h.stateDir,
      }) + '\n',
    );
    const stop = () => {
      h.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    break;
  }
  case 'init-demo': {
    await createDemoDirectory(join(stateDir, 'directory.json'), join(stateDir, 'demo-credentials.json'));
    process.stdout.write(`demo directory written; passwords in ${join(stateDir, 'demo-credentials.json')}\n`);
    break;
  }
  default: {
    const { service } = await openService({ stateDir, directory: values.directory });
    const by = values.by;
    const show = (r: { id: number; status: string; dispositionMessage: string }) =>
      process.stdout.write(`${r.id}\t${r.status}\t${r.dispositionMessage}\n`);
    switch (command) {
      case 'approve':
        show(service.approve(id(), by));
        break;
      case 'deny':
        show(service.deny(id(), by));
        break;
      case 'revoke':
        show(service.revoke(id(), Number(args[1] ?? 0), by));
        break;
      case 'renew-ca':
        process.stdout.write(`renewal index ${service.ca.renew().index}\n`);
        break;
      case 'list':
        for (const r of service.store.all()) {
          process.stdout.write(
            [
              r.id,
              r.status,
              r.caller,
              r.onBehalfOf ?? '',
              r.template ?? '',
              r.serialNumber ?? '',
              r.dispositionMessage,
            ].join('\t') + '\n',
          );
        }
        break;
      default:
        process.stderr.write(`unknown command ${command}\n`);
        process.exit(2);
    }
  }
}
