// `station`: the enrollment station without a screen. Each command parses its own options (an
// option a command does not take is refused), calls the application layer (station/) and formats
// what comes back. Commands load lazily, so `station audit list` does not pay for the enrollment
// code, and `--help` for nothing at all. Every word printed comes from the catalogs in --lang.
//
// Exit codes (also in --help and the README):
//   0  done            1  failed (the error is shown with its code and what to do)
//   2  usage error     4  not finished yet (pending at the CA, waiting for a decision, log backlog)
//   130 cancelled (Ctrl-C at a prompt)
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isLanguage, LANGUAGES, StationError, type Language } from '../core/errors/catalog.ts';
import { t, type MessageKey } from '../core/i18n/index.ts';
import { printError, type Output } from './output.ts';

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, UNFINISHED: 4, CANCELLED: 130 } as const;

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

interface Command {
  readonly options: Options;
  readonly positionals?: number;
  run(values: Values, positionals: string[], out: Output): Promise<number>;
}

const str = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;
const CONFIG_OPTION = { config: str } as const;

const COMMANDS: Record<string, Command> = {
  demo: {
    options: { 'keep-running': flag, 'keep-dir': str },
    run: async (v, _p, out) =>
      (await import('./commands/demo.ts')).demoCommand(out, {
        keepRunning: v['keep-running'] === true,
        ...(typeof v['keep-dir'] === 'string' ? { keepDir: v['keep-dir'] } : {}),
      }),
  },
  enroll: {
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
    options: { ...CONFIG_OPTION },
    run: async (v, _p, out) => (await import('./commands/status.ts')).statusCommand(v, out),
  },
  'change-pin': {
    options: { ...CONFIG_OPTION, reader: str },
    run: async (v, _p, out) => (await import('./commands/change-pin.ts')).changePinCommand(v, out),
  },
  'self-enroll': {
    options: { ...CONFIG_OPTION, user: str, upn: str, email: str, reader: str, create: flag },
    run: async (v, _p, out) => (await import('./commands/self-enroll.ts')).selfEnrollCommand(v, out),
  },
  'verify-vsc': {
    options: { ...CONFIG_OPTION, reader: str, upn: str },
    run: async (v, _p, out) => (await import('./commands/verify-vsc.ts')).verifyVscCommand(v, out),
  },
  recover: {
    options: {
      ...CONFIG_OPTION,
      'dry-run': flag,
      'target-reader': str,
      abandon: str,
      reqid: str,
      'no-pin-change': flag,
    },
    run: async (v, _p, out) => (await import('./commands/recover.ts')).recoverCommand(v, out),
  },
  diagnose: {
    options: { ...CONFIG_OPTION, 'target-reader': str },
    run: async (v, _p, out) => (await import('./commands/diagnose.ts')).diagnoseCommand(v, out),
  },
  audit: {
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

const usageOf = (name: string, lang: Language): string =>
  t('help.usage', lang, { usage: t(`help.usage.${name}` as MessageKey, lang) });

function overview(lang: Language): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    t('help.overview', lang),
    '',
    ...Object.keys(COMMANDS).map(
      (name) => `  ${name.padEnd(width)}  ${t(`help.summary.${name}` as MessageKey, lang)}`,
    ),
    '',
    t('help.common', lang),
    t('help.configuration', lang),
    t('help.exitCodes', lang),
  ].join('\n');
}

/** --lang read before parsing, so even a usage error is said in the operator's language. */
function languageIn(args: readonly string[]): Language {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const value = a === '--lang' ? args[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (isLanguage(value)) return value;
  }
  return 'en';
}

/** node:util parseArgs' refusals as the catalog's usage codes. */
function usageError(command: string, e: unknown): StationError {
  const { code, message = '' } = e as { code?: string; message?: string };
  const option =
    (/'([^']+)'/.exec(message)?.[1] ?? '')
      .replace(/ <value>$/, '')
      .split(', ')
      .at(-1) ?? '';
  // node's own error code (ERR_PARSE_ARGS_INVALID_OPTION_VALUE), not a station code
  if (code?.endsWith('_INVALID_OPTION_VALUE') === true)
    // a string option without its value, or a flag given one
    return new StationError('USAGE_BAD_VALUE', {
      option,
      // "ambiguous": a value that starts with a dash (--user -x) is taken only as --user=-x
      expected: /argument missing/.test(message)
        ? `${option} VALUE`
        : /argument is ambiguous/.test(message)
          ? `${option}=VALUE`
          : option,
    });
  return new StationError('USAGE_UNKNOWN_OPTION', { command, option: option.slice(0, 64) });
}

/** The first option given twice (`--user A … --user B`): parseArgs would silently keep the last. */
function repeatedOption(
  tokens: ReadonlyArray<{ kind: string; name?: string; rawName?: string }>,
): string | undefined {
  const seen = new Set<string>();
  for (const tok of tokens) {
    if (tok.kind !== 'option' || tok.name === undefined) continue;
    if (seen.has(tok.name)) return `--${tok.name}`;
    seen.add(tok.name);
  }
  return undefined;
}

const isUsage = (e: unknown): boolean => e instanceof StationError && e.code.startsWith('USAGE_');

export async function main(argv: string[]): Promise<number> {
  // `./run station -- enroll …`, `./run demo -- --keep-running`: npm passes the separator
  // through; no command takes arguments after one, so it is dropped wherever it stands
  const args = argv.filter((a) => a !== '--');
  const lang = languageIn(args);
  if (args[0] === '--version' || args[0] === '-V') {
    process.stdout.write(`station ${version()}\n`);
    return EXIT.OK;
  }
  // the command is the first argument that is not --lang or its value
  const rest = args[0] === '--lang' ? args.slice(2) : args[0]?.startsWith('--lang=') ? args.slice(1) : args;
  const name = rest[0];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview(lang) + '\n');
    return name === undefined ? EXIT.USAGE : EXIT.OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  // --json and --lang hold for a usage error too, found before parsing
  let out: Output = { json: args.includes('--json'), language: lang, command: name };
  try {
    if (command === undefined)
      throw new StationError('USAGE_UNKNOWN_COMMAND', { command: name.slice(0, 64) });
    let parsed;
    try {
      parsed = parseArgs({
        args: [...args.slice(0, args.length - rest.length), ...rest.slice(1)],
        options: { ...GLOBAL, ...command.options },
        allowPositionals: true,
        strict: true,
        tokens: true,
      });
    } catch (e) {
      throw usageError(name, e);
    }
    const repeated = repeatedOption(parsed.tokens);
    if (repeated !== undefined)
      throw new StationError('USAGE_REPEATED_OPTION', { command: name, option: repeated });
    const values = parsed.values as Values;
    if (values.lang !== undefined && !isLanguage(values.lang))
      throw new StationError('USAGE_BAD_VALUE', { option: '--lang', expected: LANGUAGES.join(', ') });
    out = { json: values.json === true, language: lang, command: name };
    if (values.help === true) {
      process.stdout.write(usageOf(name, lang) + '\n');
      return EXIT.OK;
    }
    if (parsed.positionals.length > (command.positionals ?? 0))
      throw new StationError('USAGE_UNKNOWN_OPTION', {
        command: name,
        option: String(parsed.positionals.at(-1)).slice(0, 64),
      });
    return await command.run(values, parsed.positionals, out);
  } catch (error) {
    // a usage error's facts are already in its sentence
    printError(out, error, { details: !isUsage(error) });
    if (isUsage(error)) {
      if (!out.json) process.stderr.write((command ? usageOf(name, lang) : overview(lang)) + '\n');
      return EXIT.USAGE;
    }
    return (error as { code?: unknown }).code === 'CANCELLED' ? EXIT.CANCELLED : EXIT.FAILED;
  }
}

// `station status | head -1`: a closed pipe ends the output quietly, not with a stack trace
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

/** The command line of this process, run; the exit code is set when it ends. */
export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      printError({ json: false, language: languageIn(process.argv.slice(2)) }, error);
      process.exitCode = EXIT.FAILED;
    },
  );
}

// `node cli/station.ts …`; bin/station starts it through cli/run.mjs (the bundle, or these sources)
if (import.meta.main) run();
