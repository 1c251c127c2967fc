// One function turns any error into what a person reads, on the surface they use. The CLI and
// the kiosk both call it; neither reads error fields by guessing. Errors that are not
// StationErrors are INTERNAL: their message, stack and fields are never shown (they may hold
// anything, a path or a value from a library), only the class name for support.
import type { Language } from '../i18n/language.ts';
import {
  describe,
  isStationErrorCode,
  StationError,
  type ErrorDetails,
  type StationErrorCode,
} from './catalog.ts';
import type { Surface } from './entry.ts';

export interface Explanation {
  readonly code: StationErrorCode;
  readonly message: string;
  readonly resolution: string;
  /** non-secret facts for support, already free of undefined values */
  readonly details: ErrorDetails;
}

/** Longest detail string shown; a page excerpt or a long list is cut, never dumped. */
const MAX_DETAIL_CHARS = 500;

function shown(details: ErrorDetails): ErrorDetails {
  const out: Record<string, string | number | boolean | readonly string[]> = {};
  for (const [k, v] of Object.entries(details)) {
    if (v === undefined) continue;
    if (typeof v === 'string') out[k] = v.length > MAX_DETAIL_CHARS ? `${v.slice(0, MAX_DETAIL_CHARS)}…` : v;
    else if (Array.isArray(v))
      out[k] = (v as readonly string[]).slice(0, 20).map((s) => s.slice(0, MAX_DETAIL_CHARS));
    else out[k] = v as string | number | boolean;
  }
  return out;
}

/** Explains a code with its details (e.g. a CA denial's code, which is an answer, not a throw). */
export function explainCode(
  code: string,
  details: ErrorDetails,
  lang: Language,
  surface: Surface,
): Explanation {
  if (!isStationErrorCode(code)) return explainCode('INTERNAL', { code: code.slice(0, 64) }, lang, surface);
  const d = shown(details);
  return { code, ...describe(code, lang, d, surface), details: d };
}

export function explain(error: unknown, lang: Language, surface: Surface): Explanation {
  if (error instanceof StationError) {
    // A wrapper (AUDIT_UNAVAILABLE, CA_UNREACHABLE) names what it wraps, so the reason is shown.
    const inner = error.cause instanceof StationError ? error.cause.code : undefined;
    const details =
      inner !== undefined && inner !== error.code && error.details.cause === undefined
        ? { ...error.details, cause: inner }
        : error.details;
    return explainCode(error.code, details, lang, surface);
  }
  const type = error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : undefined;
  return explainCode('INTERNAL', type === undefined ? {} : { errorType: type }, lang, surface);
}
