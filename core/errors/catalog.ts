// Every failure the station shows a person has a stable code, a plain-language message and a
// resolution, in the four languages the kiosk ships (en, ko, zh-Hans, zh-Hant). Messages never
// carry secrets; details that help support (reader name, ReqID, HRESULT) travel separately and
// fill the messages' placeholders. One union of codes, StationErrorCode, for every error the
// station raises; `explain()` (explain.ts) turns any error into what a person reads.
import { formatMessage } from '../i18n/format.ts';
import type { Language } from '../i18n/language.ts';
import type { Entry, Surface, Text } from './entry.ts';
import { AUDITOR } from './entries/auditor.ts';
import { CA } from './entries/ca.ts';
import { CARD } from './entries/card.ts';
import { HRESULT } from './entries/hresult.ts';
import { PIN_RULES } from './entries/pin-rules.ts';
import { STATE } from './entries/state.ts';
import { STATION } from './entries/station.ts';
import { WINDOWS_VSC } from './entries/windows-vsc.ts';
import { WORKFLOW } from './entries/workflow.ts';

export { LANGUAGES, isLanguage, type Language } from '../i18n/language.ts';
export type { Surface, Text } from './entry.ts';

export const CATALOG = {
  ...CARD,
  ...PIN_RULES,
  ...CA,
  ...HRESULT,
  ...STATION,
  ...STATE,
  ...WORKFLOW,
  ...WINDOWS_VSC,
  ...AUDITOR,
} as const satisfies Record<string, Entry>;

export type StationErrorCode = keyof typeof CATALOG;

export function isStationErrorCode(value: unknown): value is StationErrorCode {
  return typeof value === 'string' && Object.hasOwn(CATALOG, value);
}

/** Details must be non-secret facts (reader, ReqID, HRESULT, tries left); they are logged and shown. */
export type ErrorDetails = Readonly<
  Record<string, string | number | boolean | readonly string[] | undefined>
>;

/** A message and the resolution for `surface`, filled with `details`. */
export function describe(
  code: StationErrorCode,
  language: Language = 'en',
  details: ErrorDetails = {},
  surface: Surface = 'screen',
): { readonly message: string; readonly resolution: string } {
  const text: Text = CATALOG[code][language];
  return {
    message: formatMessage(text.message, language, details),
    resolution: formatMessage(text[surface] ?? text.resolution, language, details),
  };
}

export interface StationErrorOptions {
  readonly cause?: unknown;
  /**
   * English, developer-facing text for logs and stack traces (operation, status word, field).
   * Never a secret. Defaults to the catalog's English message. People read explain() instead.
   */
  readonly diagnostic?: string;
}

export class StationError extends Error {
  readonly code: StationErrorCode;
  readonly details: ErrorDetails;
  constructor(code: StationErrorCode, details: ErrorDetails = {}, options?: StationErrorOptions) {
    super(
      options?.diagnostic ?? describe(code, 'en', details).message,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'StationError';
    this.code = code;
    this.details = details;
  }

  /**
   * The same error with facts only the caller knows added, e.g. which card a WRONG_PIN came
   * from: `error.withDetails({ card: 'operator' })`. The original stays reachable as the cause.
   */
  withDetails(extra: ErrorDetails): StationError {
    return new StationError(
      this.code,
      { ...this.details, ...extra },
      { cause: this, diagnostic: this.message },
    );
  }
}

/** Adds details to a StationError (see withDetails); anything else is returned as it is. */
export function withDetails(error: unknown, extra: ErrorDetails): unknown {
  return error instanceof StationError ? error.withDetails(extra) : error;
}
