// `station audit …`: hands the parsed options to the audit commands.
import { configFrom } from '../config-arg.ts';
import { type Output } from '../output.ts';
import { StationError } from '../../core/errors/catalog.ts';
import { auditCommand, forwardCommand } from './audit.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

export async function auditCli(v: Values, positionals: string[], out: Output): Promise<number> {
  const sub = positionals[0] ?? 'verify';
  if (sub === 'forward') return forwardCommand(configFrom(v), out);
  const s = (k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const db = s('db');
  if (db === undefined)
    throw new StationError('BAD_INPUT', { field: '--db', problem: `audit ${sub} needs --db FILE` });
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
