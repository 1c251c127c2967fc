// The configuration file a command runs with: --config FILE, or the file STATION_CONFIG names.
import { loadConfig, type StationConfig } from '../core/config/config.ts';
import { StationError } from '../core/errors/catalog.ts';

export function configFrom(
  values: Readonly<Record<string, string | boolean | undefined>>,
  // the audit commands (cli/commands/audit-cli.ts) call it without a name
  command = 'audit',
): StationConfig {
  const file = typeof values.config === 'string' ? values.config : process.env.STATION_CONFIG;
  if (file === undefined || file === '')
    throw new StationError('USAGE_MISSING_OPTION', { command, option: '--config FILE / STATION_CONFIG' });
  return loadConfig(file);
}
