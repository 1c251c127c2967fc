// How the headless station talks to a person: one line per step, errors with their code, meaning
// and resolution (errors/catalog.ts), and --json for machines. Nothing here prints secrets: the
// values passed in are facts (reader, ReqID, serial), never PINs or keys.
import type { EnrollmentResult, Progress } from '../station/index.ts';
import {
  CATALOG,
  describe,
  StationError,
  type Language,
  type StationErrorCode,
} from '../core/errors/catalog.ts';

export interface Output {
  readonly json: boolean;
  readonly language: Language;
}

const write = (text: string): void => void process.stdout.write(text + '\n');

export function printProgress(out: Output, p: Progress): void {
  if (out.json) return write(JSON.stringify({ type: 'progress', ...p }));
  write(`[${String(p.percent).padStart(3)}%] ${p.step}${p.detail === undefined ? '' : ` — ${p.detail}`}`);
}

export function printLine(out: Output, text: string, data?: Record<string, unknown>): void {
  write(out.json ? JSON.stringify({ type: 'info', text, ...(data ?? {}) }) : text);
}

export function printEnrollmentResult(out: Output, r: EnrollmentResult): void {
  const v = r.verdict;
  printLine(out, `result: ${r.status}${r.reqId === null ? '' : ` (CA request ${r.reqId})`}`, {
    result: { enrollmentId: r.enrollmentId, status: r.status, reqId: r.reqId, verdict: v, card: r.card },
  });
  if (v) {
    printLine(out, `  certificate serial ${v.serial}, SHA-1 thumbprint ${v.thumbprint}`);
    printLine(out, `  valid ${v.notBefore} .. ${v.notAfter}`);
    if (!v.ok) for (const reason of v.reasons) printLine(out, `  ${reason}`);
  }
  if (r.status === 'pending')
    printLine(out, `  the CA holds request ${r.reqId} for approval; after approval: station recover`);
  if (r.denial) {
    printLine(out, `  denied: ${r.denial.message}${r.denial.hresult ? ` (${r.denial.hresult})` : ''}`);
    printLine(out, `  what to do: ${r.denial.resolution}`);
  }
}

/** Errors from below that are not StationErrors yet keep their catalog code where they have one. */
function asStationError(error: unknown): StationError {
  if (error instanceof StationError) return error;
  const e = error as { code?: unknown; field?: unknown; message?: unknown };
  if (e?.code === 'CONFIG_INVALID')
    return new StationError(
      'BAD_INPUT',
      { field: String(e.field), problem: String(e.message) },
      { cause: error },
    );
  if (typeof e?.code === 'string' && e.code in CATALOG)
    return new StationError(e.code as StationErrorCode, {}, { cause: error });
  return new StationError('INTERNAL', {}, { cause: error });
}

export function printError(out: Output, error: unknown): void {
  const se = asStationError(error);
  const code = se.code;
  const text = describe(code, out.language);
  const details = se.details;
  if (out.json) {
    write(JSON.stringify({ type: 'error', code, ...text, details }));
    return;
  }
  process.stderr.write(`error ${code}: ${text.message}\n  what to do: ${text.resolution}\n`);
  for (const [k, v] of Object.entries(details)) {
    if (v !== undefined) process.stderr.write(`  ${k}: ${Array.isArray(v) ? v.join('; ') : String(v)}\n`);
  }
  if (!(error instanceof StationError) && process.env.STATION_DEBUG === '1')
    process.stderr.write(`${String(error)}\n`);
}
