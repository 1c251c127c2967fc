// CLI for the certsrv sim. Passwords never go on this command line: users and their scrypt
// hashes come from the directory file (the demo directory writes its passwords to a 0600 file).
//   serve   --state DIR [--port N] [--client-cert-port N|off] [--directory FILE]
//           [--approval none|all|T1,T2] [--locale en|fr|ko]
//           [--auth Negotiate,NTLM,Basic] [--extended-protection off|when-supported|required]
//           [--clock-offset SECONDS]
//   approve --state DIR <id>     deny --state DIR <id>     revoke --state DIR <id> [reason]
//   list    --state DIR          renew-ca --state DIR       init-demo --state DIR
// Misuse exits 2 with a one-line reason and the usage; a refused officer action exits 1.
// renew-ca beside a running serve is safe: the server picks the new key up on its next request.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { createDemoDirectory } from './directory.ts';
import { openService, startCertsrv } from './index.ts';
import type { ApprovalMode } from './index.ts';
import type { Locale } from './locale.ts';
import type { ExtendedProtection } from './ntlm.ts';

const USAGE = `usage: main.ts <command> --state DIR [options]
  serve     [--port N] [--client-cert-port N|off] [--host H] [--directory FILE]
            [--approval none|all|T1,T2] [--locale en|fr|ko] [--auth Negotiate,NTLM,Basic]
            [--extended-protection off|when-supported|required] [--clock-offset SECONDS]
  approve <id> [--by DOMAIN\\user]    deny <id> [--by …]    revoke <id> [reason 0-6|8-10] [--by …]
  list      renew-ca      init-demo
`;

class UsageError extends Error {}
/** An officer action the CA refuses (revoking what is not issued, approving what is not pending). */
class RefusedError extends Error {}

function usage(reason: string): never {
  throw new UsageError(reason);
}

function approvalMode(v: string | undefined): ApprovalMode | undefined {
  if (v === undefined) return undefined;
  if (v === 'none' || v === 'all') return v;
  const names = v.split(',').filter(Boolean);
  if (names.length === 0 || names.some((n) => !/^[A-Za-z0-9_-]{1,64}$/.test(n)))
    usage('--approval must be none, all or a comma-separated list of template names');
  return names;
}

function port(v: string | undefined, name: string): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!/^\d{1,5}$/.test(v) || n > 65535) usage(`${name} must be a port number (0-65535)`);
  return n;
}

function locale(v: string | undefined): Locale {
  if (v === undefined) return 'en';
  if (v === 'en' || v === 'fr' || v === 'ko') return v;
  usage('--locale must be en, fr or ko');
}

function extendedProtection(v: string | undefined): ExtendedProtection | undefined {
  if (v === undefined) return undefined;
  if (v === 'off' || v === 'when-supported' || v === 'required') return v;
  usage('--extended-protection must be off, when-supported or required');
}

/** whole seconds, within a year either way: a CA clock that is off, for the clock-skew check */
function clockOffset(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^-?\d{1,8}$/.test(v) || Math.abs(Number(v)) > 366 * 86400)
    usage('--clock-offset takes whole seconds, at most a year either way');
  return Number(v);
}

function requestId(v: string | undefined): number {
  if (v === undefined) usage('a request id is required');
  const n = Number(v);
  if (!/^\d{1,10}$/.test(v) || !Number.isSafeInteger(n) || n <= 0) usage(`not a request id: ${v}`);
  return n;
}

/** RFC 5280 CRLReason values a CA may set (7 is unused, 8 removeFromCRL only in delta CRLs) */
function reason(v: string | undefined): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!/^\d{1,2}$/.test(v) || n === 7 || n === 8 || n > 10) usage(`not a revocation reason: ${v}`);
  return n;
}

function noMore(rest: string[], max: number): void {
  if (rest.length > max) usage(`unexpected argument: ${rest[max] ?? ''}`);
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
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
        'clock-offset': { type: 'string' },
      },
    });
  } catch (e) {
    usage(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (!command) usage('no command given');
  const stateDir = values.state;
  if (!stateDir) usage('--state DIR is required');
  const by = values.by;
  if (by !== undefined && !/^[^\\\s]{1,64}\\[^\\\s]{1,64}$/.test(by)) usage('--by must be DOMAIN\\user');

  switch (command) {
    case 'serve': {
      noMore(args, 0);
      const ccp = values['client-cert-port'];
      const auth = values.auth?.split(',').filter(Boolean);
      if (auth && (auth.length === 0 || auth.some((a) => !/^(Negotiate|NTLM|Basic)$/.test(a))))
        usage('--auth takes Negotiate, NTLM and Basic, comma-separated');
      const h = await startCertsrv({
        stateDir,
        port: port(values.port, '--port'),
        clientCertPort: ccp === 'off' ? false : port(ccp, '--client-cert-port'),
        host: values.host,
        directory: values.directory,
        approvalMode: approvalMode(values.approval),
        locale: locale(values.locale),
        ...(auth ? { challenges: auth } : {}),
        extendedProtection: extendedProtection(values['extended-protection']),
        clockOffsetSeconds: clockOffset(values['clock-offset']),
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
      return;
    }
    case 'init-demo': {
      noMore(args, 0);
      await createDemoDirectory(join(stateDir, 'directory.json'), join(stateDir, 'demo-credentials.json'));
      process.stdout.write(
        `demo directory written; passwords in ${join(stateDir, 'demo-credentials.json')}\n`,
      );
      return;
    }
    case 'approve':
    case 'deny':
    case 'revoke':
    case 'list':
    case 'renew-ca':
      break;
    default:
      usage(`unknown command ${command}`);
  }

  // validate everything before touching the state directory
  const id = command === 'list' || command === 'renew-ca' ? 0 : requestId(args[0]);
  const why = command === 'revoke' ? reason(args[1]) : 0;
  noMore(args, command === 'revoke' ? 2 : command === 'list' || command === 'renew-ca' ? 0 : 1);
  const { service } = await openService({ stateDir, directory: values.directory });
  const show = (r: { id: number; status: string; dispositionMessage: string }) =>
    process.stdout.write(`${r.id}\t${r.status}\t${r.dispositionMessage}\n`);
  const officer = (action: () => { id: number; status: string; dispositionMessage: string }) => {
    try {
      show(action());
    } catch (e) {
      throw new RefusedError(e instanceof Error ? e.message : String(e));
    }
  };
  switch (command) {
    case 'approve':
      return officer(() => service.approve(id, by));
    case 'deny':
      return officer(() => service.deny(id, by));
    case 'revoke':
      return officer(() => service.revoke(id, why, by));
    case 'renew-ca':
      process.stdout.write(`renewal index ${service.ca.renew().index}\n`);
      return;
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
      return;
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`main.ts: ${e.message}\n${USAGE}`);
    process.exit(2);
  }
  if (e instanceof RefusedError) {
    process.stderr.write(`main.ts: refused: ${e.message}\n`);
    process.exit(1);
  }
  // anything else is the sim's own bug: say so in one line, keep the exit code distinct
  process.stderr.write(`main.ts: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(3);
});
