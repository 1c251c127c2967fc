// How the headless station talks to a person: one line per step, errors with their code, meaning
// and resolution (errors/catalog.ts), and --json for machines. Nothing here prints secrets: the
// values passed in are facts (reader, ReqID, serial), never PINs or keys.
import type { EnrollmentResult, Progress } from '../station/index.ts';
import type { Language } from '../core/errors/catalog.ts';
import { explain } from '../core/errors/explain.ts';

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

export function printError(out: Output, error: unknown): void {
  const text = explain(error, out.language, 'cli');
  if (out.json) {
    write(JSON.stringify({ type: 'error', ...text }));
    return;
  }
  process.stderr.write(`error ${text.code}: ${text.message}\n  what to do: ${text.resolution}\n`);
  for (const [k, v] of Object.entries(text.details)) {
    if (v !== undefined) process.stderr.write(`  ${k}: ${Array.isArray(v) ? v.join('; ') : String(v)}\n`);
  }
}
