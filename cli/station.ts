// `station`: the enrollment station without a screen. Each command parses its own options (an
// option a command does not take is refused), calls the application layer (station/) and formats
// what comes back. Commands load lazily, so `station audit list` does not pay for the enrollment
// code, and `--help` for nothing at all.
//
// Exit codes (also in --help and the README):
//   0  done            1  failed (the error is shown with its code and what to do)
//   2  usage error     4  not finished yet (pending at the CA, waiting for a decision, log backlog)
//   130 cancelled (Ctrl-C, or input ended at a prompt)
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LANGUAGES, type Language } from '../core/errors/catalog.ts';
import { printError, type Output } from './output.ts';

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, UNFINISHED: 4, CANCELLED: 130 } as const;

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: Options;
  readonly positionals?: number;
  run(values: Values, positionals: string[], out: Output): Promise<number>;
}

const str = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;
const CONFIG_OPTION = { config: str } as const;

const COMMANDS: Record<string, Command> = {
  demo: {
    summary: 'start software cards and the demo CA, and enroll a card on embedded defaults',
    usage: `station demo [--keep-running] [--keep-dir DIR]
  Starts pcscd with vpcd readers, two software PIV cards and the AD CS-compatible demo CA, makes
  one card an Enrollment Agent card, and enrolls the other on behalf of CORP\\alice.
  --keep-running   leave the demo CA and cards up and print the commands to try next (Ctrl-C ends)
  --keep-dir DIR   keep the demo's state (configuration, log, CA) in DIR`,
    options: { 'keep-running': flag, 'keep-dir': str },
    run: async (v, _p, out) =>
      (await import('./commands/demo.ts')).demoCommand(out, {
        keepRunning: v['keep-running'] === true,
        ...(typeof v['keep-dir'] === 'string' ? { keepDir: v['keep-dir'] } : {}),
      }),
  },
  enroll: {
    summary: 'enroll a card on behalf of a directory user, signed with the operator card',
    usage: `station enroll [--config FILE] --user DOMAIN\\user --upn UPN [--email E] [--sid SID]
               [--reissue] [--target-reader NAME] [--agent-reader NAME] [--no-pin-change]
  PINs on standard input: the operator card's PIN, then the holder's new PIN twice (on a terminal
  they are asked without echo, after the readers, the CA and the log were checked).
  --reissue        replace the certificate on an issued card (recorded in the log)
  --no-pin-change  issue without the holder's PIN change: the card is listed "PIN not changed"`,
    options: {
      ...CONFIG_OPTION,
      user: str,
      upn: str,
      email: str,
      sid: str,
      reissue: flag,
      'target-reader': str,
      'agent-reader': str,
      'no-pin-change': flag,
    },
    run: async (v, _p, out) => (await import('./commands/enroll.ts')).enrollCommand(v, out),
  },
  status: {
    summary: 'the readers and what is in them',
    usage: `station status [--config FILE]
  Lists each reader and its card: the card edge, serial, whether it is blank, issued or an
  operator card, and whether its PIN is still the vendor's factory PIN or the transport PIN.`,
    options: { ...CONFIG_OPTION },
    run: async (v, _p, out) => (await import('./commands/status.ts')).statusCommand(v, out),
  },
  'change-pin': {
    summary: "the holder changes the card's PIN (same policy as at issuance)",
    usage: `station change-pin [--config FILE] [--reader NAME]
  PINs on standard input: the current PIN, then the new PIN twice.`,
    options: { ...CONFIG_OPTION, reader: str },
    run: async (v, _p, out) => (await import('./commands/change-pin.ts')).changePinCommand(v, out),
  },
  'self-enroll': {
    summary: 'the employee enrolls their own TPM virtual smart card (or blank card) as themselves',
    usage: `station self-enroll [--config FILE] --user DOMAIN\\user --upn UPN [--email E]
                    [--reader NAME] [--create]
  Checks Windows (8 or later) and the TPM, creates a TPM virtual smart card with --create (through
  the elevated helper), signs in to the CA as DOMAIN\\user, and enrolls the card for the configured
  template without an Enrollment Agent. On standard input: the account's password (unless the
  configured CA account is this user and its password variable is set), then the new PIN twice;
  the card leaves the default PIN 12345678 before it counts as enrolled.
  --create         make a new TPM virtual smart card first
  --reader NAME    the card's reader (default: the card just created, or the one card present)`,
    options: { ...CONFIG_OPTION, user: str, upn: str, email: str, reader: str, create: flag },
    run: async (v, _p, out) => (await import('./commands/self-enroll.ts')).selfEnrollCommand(v, out),
  },
  'verify-vsc': {
    summary: 'check a TPM virtual smart card: platform, reader, GIDS, key, certificate, PIN, signature',
    usage: `station verify-vsc [--config FILE] [--reader NAME] [--upn UPN]
  Each check passed, or what to do: Windows 8+, TPM present/ready/owned, a TPM virtual smart card
  reader (not physical, not Windows Hello), GIDS answers, a key in the default container, its
  certificate (same key, chains to the CA, Smart Card Logon, the UPN), the PIN changed (from the
  station's records: the default PIN is never tried), and a signature with the holder's PIN read
  from standard input (none given: the check is skipped). Exit 0 when every check passed.`,
    options: { ...CONFIG_OPTION, reader: str, upn: str },
    run: async (v, _p, out) => (await import('./commands/verify-vsc.ts')).verifyVscCommand(v, out),
  },
  recover: {
    summary: 'what interrupted or pending enrollments will do, and doing it',
    usage: `station recover [--config FILE] [--dry-run] [--target-reader NAME]
                [--abandon ID] [--reqid ID=N]
  Lists each open enrollment with what its journal shows and the plan (close, resume by ReqID,
  ask the operator), then carries the plans out; each decision is recorded in the log with who
  made it.
  --dry-run       only list the plans
  --abandon ID    give up enrollment ID (a key the CA may have certified is destroyed on the card)
  --reqid ID=N    the PKI team found ReqID N for enrollment ID`,
    options: { ...CONFIG_OPTION, 'dry-run': flag, 'target-reader': str, abandon: str, reqid: str },
    run: async (v, _p, out) => (await import('./commands/recover.ts')).recoverCommand(v, out),
  },
  diagnose: {
    summary: 'check the CA, TLS trust, credentials, clock, templates, readers and card',
    usage: `station diagnose [--config FILE] [--target-reader NAME]`,
    options: { ...CONFIG_OPTION, 'target-reader': str },
    run: async (v, _p, out) => (await import('./commands/diagnose.ts')).diagnoseCommand(v, out),
  },
  audit: {
    summary: 'review, verify and export the enrollment log',
    usage: `station audit <verify|list|export|cards|key|forward> [options]
  verify  --db FILE [--public-key PEM] [--station ID] [--expect-head SEQ:HASH] [--head-file FILE] [--config FILE]
          walks the whole log; --expect-head / --head-file: the head you recorded at the last review;
          --config: the central copy (PostgreSQL) as a second anchor
  list    --db FILE [--public-key PEM] [filters] [--limit N (default 100)] [--after SEQ | --offset N]
          --after SEQ pages by seq (fast at any depth); --offset N skips N matches (slower the deeper)
  export  --db FILE [--public-key PEM] [filters] [--format csv|json] [--output FILE]
  cards   --db FILE [--public-key PEM] [--pin-not-changed]
  key     --db FILE [--output PEMFILE]      the checkpoint public key, for auditors to keep
  forward --config FILE                     send what the central log has not received yet
  filters: --from T --to T --operator UPN --user U --card SERIAL|GUID --outcome success|failure|aborted|started
  --config FILE (or STATION_CONFIG) stands in for --db: the station's own log. Also: --json, --lang.
  exit: 0 intact/done, 1 error, 2 usage, 3 broken, 4 records still queued (forward),
        5 not proven (empty, nothing signed, records newer than the last signature), 6 anchor unavailable`,
    options: {
      ...CONFIG_OPTION,
      db: str,
      'public-key': str,
      station: str,
      'expect-head': str,
      'head-file': str,
      from: str,
      to: str,
      operator: str,
      user: str,
      card: str,
      outcome: str,
      limit: str,
      offset: str,
      after: str,
      format: str,
      output: str,
      'pin-not-changed': flag,
    },
    positionals: 1,
    run: async (v, p, out) => (await import('./commands/audit.ts')).auditCli(v, p, out),
  },
};

const GLOBAL: Options = {
  json: flag,
  lang: str,
  help: { type: 'boolean', short: 'h' },
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'usage: station <command> [options]     station <command> --help     station --version',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'common options: --json (one JSON object per line)  --lang en|ko|zh-Hans|zh-Hant  -h, --help',
    'configuration: --config FILE, or the file named by STATION_CONFIG',
    'exit codes: 0 done, 1 failed, 2 usage error, 4 not finished yet (pending, decision, backlog), 130 cancelled',
  ].join('\n');
}

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  // `./run station -- enroll …`, `./run demo -- --keep-running`: npm passes the separator
  // through; no command takes arguments after one, so it is dropped wherever it stands
  const args = argv.filter((a) => a !== '--');
  if (args[0] === '--version' || args[0] === '-V') {
    process.stdout.write(`station ${version()}\n`);
    return EXIT.OK;
  }
  const name = args[0];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview() + '\n');
    return name === undefined ? EXIT.USAGE : EXIT.OK;
  }
  const command = COMMANDS[name];
  let out: Output = { json: false, language: 'en' };
  try {
    if (command === undefined) throw new UsageError(`unknown command "${name}"`);
    let parsed;
    try {
      parsed = parseArgs({
        args: args.slice(1),
        options: { ...GLOBAL, ...command.options },
        allowPositionals: (command.positionals ?? 0) > 0,
        strict: true,
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const values = parsed.values as Values;
    const lang = (values.lang as string | undefined) ?? 'en';
    if (!(LANGUAGES as readonly string[]).includes(lang))
      throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}`);
    out = { json: values.json === true, language: lang as Language };
    if (values.help === true) {
      process.stdout.write(`usage: ${command.usage}\n`);
      return EXIT.OK;
    }
    if (parsed.positionals.length > (command.positionals ?? 0))
      throw new UsageError(`unexpected argument "${parsed.positionals.at(-1)}"`);
    return await command.run(values, parsed.positionals, out);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(
        `station: ${error.message}\n${command ? `usage: ${command.usage}` : overview()}\n`,
      );
      return EXIT.USAGE;
    }
    printError(out, error);
    return (error as { code?: unknown }).code === 'CANCELLED' ? EXIT.CANCELLED : EXIT.FAILED;
  }
}

// `station status | head -1`: a closed pipe ends the output quietly, not with a stack trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`station: ${(error as Error).message}\n`);
      process.exitCode = EXIT.FAILED;
    },
  );
}
