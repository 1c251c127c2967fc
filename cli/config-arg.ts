// The configuration file a command runs with: --config FILE, or the file STATION_CONFIG names.
import { loadConfig, type StationConfig } from '../core/config/config.ts';
import { StationError } from '../core/errors/catalog.ts';

export function configFrom(values: Readonly<Record<string, string | boolean | undefined>>): StationConfig {
  const file = typeof values.config === 'string' ? values.config : process.env.STATION_CONFIG;
  if (file === undefined || file === '')
    throw new StationError('BAD_INPUT', {
      field: 'configuration',
      problem: 'give --config FILE or set STATION_CONFIG to the station configuration file',
    });
  return loadConfig(file);
}
