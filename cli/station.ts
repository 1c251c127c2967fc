// `station`: the enrollment station without a screen. The kiosk UI drives the same functions.
//   station demo                      everything on embedded defaults (software cards + demo CA)
//   station enroll --config F --user DOMAIN\user --upn U [--email E] [--sid S] [--reissue]
//   station status                    readers and cards
//   station audit verify|list|export --db FILE [filters]
//   station audit forward --config F  send records queued for the central log (PostgreSQL)
//   station audit key --db FILE       the checkpoint public key, for auditors to keep
//   station audit cards --db FILE [--pin-not-changed]   each card's state by the log
//   station diagnose --config F       CA reachability, TLS trust, credentials, clock, templates, readers
//   station recover --config F        what interrupted enrollments will do, then do it
// PINs are read from standard input (one per line, or typed without echo on a terminal).
import { parseArgs } from 'node:util';
import type { StationConfig } from '../core/config/config.ts';
import type { Language } from '../core/errors/catalog.ts';
import type { Output } from './output.ts';
// Every command is imported when it runs, not before: stripping the TypeScript of modules a
// command does not use (the simulators, the card stack) is most of a short command's start-up.

const USAGE = `usage: station <demo|enroll|status|audit|diagnose|recover> [options]
  common: --json  --lang en|ko|zh-Hans|zh-Hant
  enroll:   --config FILE --user DOMAIN\\user --upn UPN [--email E] [--sid SID] [--reissue]
            [--target-reader NAME] [--agent-reader NAME] [--no-pin-change]
            PINs on stdin: operator card PIN, then the holder's new PIN twice
  audit:    forward --config FILE   (send what the central log has not received yet)
            key --db FILE [--output PEMFILE]   (the checkpoint public key auditors pin)
            cards --db FILE [--pin-not-changed]  (each card's state: issued, PIN not changed, unfinished)
            verify|list|export --db FILE [--public-key PEMFILE] [--config FILE (anchor: central log)] [--from T] [--to T] [--operator UPN]
            [--user U] [--card SERIAL] [--outcome success|failure|aborted|started] [--format csv|json] [--output FILE]
  diagnose: --config FILE [--target-reader NAME]
  recover:  --config FILE [--target-reader NAME] [--abandon ID | --reqid ID=N]`;

async function main(argv: string[]): Promise<number> {
  // `audit` parses its own options (it takes only those), so an auditor's query loads only the log
  if (parseArgs({ args: argv, strict: false, allowPositionals: true }).positionals[0] === 'audit')
    return (await import('./commands/audit.ts')).auditMain(
      argv.filter((a, i) => i !== argv.indexOf('audit')),
    );
  const { LANGUAGES } = await import('../core/errors/catalog.ts');
  const { printError } = await import('./output.ts');
  const loadConfig = async (file: string): Promise<StationConfig> =>
    (await import('../core/config/config.ts')).loadConfig(file);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      lang: { type: 'string', default: 'en' },
      config: { type: 'string' },
      user: { type: 'string' },
      upn: { type: 'string' },
      email: { type: 'string' },
      sid: { type: 'string' },
      reissue: { type: 'boolean', default: false },
      'no-pin-change': { type: 'boolean', default: false },
      'pin-not-changed': { type: 'boolean', default: false },
      'target-reader': { type: 'string' },
      'agent-reader': { type: 'string' },
      db: { type: 'string' },
      'public-key': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      operator: { type: 'string' },
      card: { type: 'string' },
      outcome: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      abandon: { type: 'string' },
      reqid: { type: 'string' },
      'keep-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (!(LANGUAGES as readonly string[]).includes(values.lang))
    throw new Error(`--lang must be one of ${LANGUAGES.join(', ')}`);
  const out: Output = { json: values.json, language: values.lang as Language };
  const [command] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(USAGE + '\n');
    return command === undefined && !values.help ? 2 : 0;
  }
  const need = (v: string | undefined, flag: string): string => {
    if (v === undefined) throw new Error(`${command} needs --${flag}`);
    return v;
  };
  try {
    switch (command) {
      case 'demo':
        return await (
          await import('./demo.ts')
        ).demoCommand(out, values['keep-dir'] === undefined ? {} : { keepDir: values['keep-dir'] });
      case 'status':
        return await (await import('./commands/status.ts')).statusCommand(out);
      case 'enroll':
        return await (
          await import('./commands/enroll.ts')
        ).enrollCommand(await loadConfig(need(values.config, 'config')), out, {
          requesterName: need(values.user, 'user'),
          upn: need(values.upn, 'upn'),
          ...(values.email === undefined ? {} : { email: values.email }),
          ...(values.sid === undefined ? {} : { sid: values.sid }),
          reissue: values.reissue,
          changePin: !values['no-pin-change'],
          ...(values['target-reader'] === undefined ? {} : { targetReader: values['target-reader'] }),
          ...(values['agent-reader'] === undefined ? {} : { agentReader: values['agent-reader'] }),
        });
      case 'diagnose':
        return await (
          await import('./commands/diagnose.ts')
        ).diagnoseCommand(await loadConfig(need(values.config, 'config')), out, values['target-reader']);
      case 'recover':
        return await (
          await import('./commands/recover.ts')
        ).recoverCommand(await loadConfig(need(values.config, 'config')), out, {
          ...(values['target-reader'] === undefined ? {} : { targetReader: values['target-reader'] }),
          ...(values.abandon === undefined ? {} : { abandon: values.abandon }),
          ...(values.reqid === undefined ? {} : { reqid: values.reqid }),
        });
      default:
        throw new Error(`unknown command "${command}"\n${USAGE}`);
    }
  } catch (error) {
    printError(out, error);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
  },
);
