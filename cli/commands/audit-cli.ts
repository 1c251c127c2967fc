// `station audit …`: hands the parsed options to the audit commands.
import { stationPaths } from '../../core/config/config.ts';
import { configFrom } from '../config-arg.ts';
import { type Output } from '../output.ts';
import { StationError } from '../../core/errors/catalog.ts';
import { auditCommand, forwardCommand } from './audit.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

export async function auditCli(v: Values, positionals: string[], out: Output): Promise<number> {
  const sub = positionals[0] ?? 'verify';
  if (sub === 'forward') return forwardCommand(configFrom(v), out);
  const s = (k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  // the log of the configured station, unless an auditor names a copy with --db
  const configured = s('config') !== undefined || process.env.STATION_CONFIG !== undefined;
  const db = s('db') ?? (configured ? stationPaths(configFrom(v)).auditDb : undefined);
  if (db === undefined)
    throw new StationError('USAGE_MISSING_OPTION', { option: '--db', command: `audit ${sub}` });
  const opt = (k: string, name = k) => (s(k) === undefined ? {} : { [name]: s(k) as string });
  return auditCommand(
    sub,
    {
      db,
      ...opt('public-key', 'publicKey'),
      ...opt('from'),
      ...opt('to'),
      ...opt('operator'),
      ...opt('user'),
      ...opt('card'),
      ...opt('outcome'),
      ...opt('format'),
      ...opt('output'),
      pinNotChanged: v['pin-not-changed'] === true,
      ...(s('config') === undefined && process.env.STATION_CONFIG === undefined
        ? {}
        : { config: configFrom(v) }),
    },
    out,
  );
}
