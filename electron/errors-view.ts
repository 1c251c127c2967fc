// How a failure crosses the bridge: explain() from the station's catalog, in the screen's
// language, for the 'screen' surface — never a stack trace or an exception's own text (which may
// name files or carry what a person typed).
import { explain } from '../core/errors/explain.ts';
import type { Language } from '../core/errors/catalog.ts';
import type { ErrorView } from './ipc-contract.ts';

export function toErrorView(error: unknown, language: Language): ErrorView {
  const e = explain(error, language, 'screen');
  const details: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(e.details)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      details[key] = value;
    else if (Array.isArray(value)) details[key] = value.join(', ');
  }
  return { code: e.code, message: e.message, resolution: e.resolution, details };
}
