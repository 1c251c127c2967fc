// How the headless station talks to a person: one line per step, errors with their code, meaning
// and resolution (errors/catalog.ts), and --json for machines. Nothing here prints secrets: the
// values passed in are facts (reader, ReqID, serial), never PINs or keys.
import { StationError, type Language } from '../core/errors/catalog.ts';
import { explain } from '../core/errors/explain.ts';
import type { Progress } from '../core/enrollment/ports.ts';

export interface Output {
  readonly json: boolean;
  readonly language: Language;
}

export function printProgress(out: Output, p: Progress): void {
  if (out.json) {
    process.stdout.write(JSON.stringify({ type: 'progress', ...p }) + '\n');
    return;
  }
  const pct = String(p.percent).padStart(3);
  process.stdout.write(`[${pct}%] ${p.step}${p.detail === undefined ? '' : ` — ${p.detail}`}\n`);
}

export function printLine(out: Output, text: string, data?: Record<string, unknown>): void {
  if (out.json) process.stdout.write(JSON.stringify({ type: 'info', text, ...(data ?? {}) }) + '\n');
  else process.stdout.write(text + '\n');
}

export function printError(out: Output, error: unknown): void {
  if (error instanceof StationError) {
    const text = explain(error, out.language, 'cli');
    if (out.json) {
      process.stdout.write(JSON.stringify({ type: 'error', ...text }) + '\n');
      return;
    }
    process.stderr.write(`error ${error.code}: ${text.message}\n  what to do: ${text.resolution}\n`);
    for (const [k, v] of Object.entries(text.details)) {
      if (v !== undefined) process.stderr.write(`  ${k}: ${Array.isArray(v) ? v.join('; ') : String(v)}\n`);
    }
    return;
  }
  const e = error as { code?: unknown; message?: unknown; resolution?: unknown };
  const code = typeof e.code === 'string' ? e.code : 'INTERNAL';
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (out.json) {
    process.stdout.write(JSON.stringify({ type: 'error', code, message, resolution: e.resolution }) + '\n');
    return;
  }
  process.stderr.write(`error ${code}: ${message}\n`);
  if (typeof e.resolution === 'string') process.stderr.write(`  what to do: ${e.resolution}\n`);
}
