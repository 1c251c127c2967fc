// How a failure crosses the bridge: {code, message, resolution, details} from the station's
// catalog in the screen's language, never a stack trace or an exception's own text (which may
// name files or carry what a person typed).
// TODO(station): when station/index.ts lands, this becomes explain(e, language, 'screen').
import { describe, StationError, type Language } from '../core/errors/catalog.ts';
import type { ErrorView } from './ipc-contract.ts';

export function toErrorView(error: unknown, language: Language): ErrorView {
  const known = error instanceof StationError ? error : new StationError('INTERNAL');
  const text = describe(known.code, language);
  const details: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(known.details)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      details[key] = value;
    else if (Array.isArray(value)) details[key] = value.join(', ');
  }
  return { code: known.code, message: text.message, resolution: text.resolution, details };
}
