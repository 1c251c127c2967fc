// The auditor calls' arguments, checked like every bridge argument (validate.ts): shape, length
// and characters, BAD_INPUT naming the field and never echoing a value. Filters become the
// log's AuditFilter only here; the log itself validates them again (core/audit/filter.ts).
import { StationError } from '../core/errors/catalog.ts';
import type { AuditFilterView } from './ipc-contract.ts';

function refuse(field: string, problem: string): never {
  throw new StationError('BAD_INPUT', { field, problem });
}

function record(input: unknown, allowed: readonly string[], field = 'request'): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) refuse(field, 'must be an object');
  const proto = Object.getPrototypeOf(input) as unknown;
  if (proto !== Object.prototype && proto !== null) refuse(field, 'must be a plain object');
  const r = input as Record<string, unknown>;
  for (const key of Object.keys(r))
    if (!allowed.includes(key)) refuse(key.slice(0, 40), 'is not a known field');
  return r;
}

function optionalText(r: Record<string, unknown>, key: string, pattern: RegExp): string | undefined {
  const v = r[key];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') refuse(key, 'must be text');
  if (v.length > 256) refuse(key, 'is too long');
  if (!pattern.test(v)) refuse(key, 'is malformed');
  return v;
}

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
/** UPNs, DOMAIN\user, serials, template names: printable, no control characters */
const NAME = /^[\x20-\x7e\u00a0-\uffff]{1,256}$/;
const OUTCOMES = ['started', 'success', 'failure', 'aborted'] as const;
const FILTER_KEYS = ['from', 'to', 'operator', 'user', 'card', 'outcome', 'template'] as const;

export interface ParsedFilter {
  readonly from?: string;
  readonly to?: string;
  readonly operatorUpn?: string;
  readonly targetUser?: string;
  readonly card?: string;
  readonly outcome?: (typeof OUTCOMES)[number];
  readonly template?: string;
}

export function parseFilter(input: unknown): ParsedFilter {
  const r = record(input ?? {}, FILTER_KEYS, 'filter');
  const date = (key: 'from' | 'to'): string | undefined => {
    const v = optionalText(r, key, DATE);
    if (v !== undefined && Number.isNaN(Date.parse(v))) refuse(key, 'is not a valid date');
    return v;
  };
  const outcome = optionalText(r, 'outcome', /^[a-z]{1,16}$/);
  if (outcome !== undefined && !(OUTCOMES as readonly string[]).includes(outcome))
    refuse('outcome', 'is not offered');
  const f: Record<string, string> = {};
  const set = (k: string, v: string | undefined): void => {
    if (v !== undefined) f[k] = v.trim();
  };
  set('from', date('from'));
  set('to', date('to'));
  set('operatorUpn', optionalText(r, 'operator', NAME));
  set('targetUser', optionalText(r, 'user', NAME));
  set('card', optionalText(r, 'card', NAME));
  set('outcome', outcome);
  set('template', optionalText(r, 'template', /^[A-Za-z0-9_-]{1,64}$/));
  return f as ParsedFilter;
}

export function parseLogPage(input: unknown): { readonly filter: ParsedFilter; readonly afterSeq?: number } {
  const r = record(input, ['filter', 'afterSeq']);
  const filter = parseFilter(r.filter as AuditFilterView | undefined);
  const after = r.afterSeq;
  if (after === undefined) return { filter };
  if (typeof after !== 'number' || !Number.isSafeInteger(after) || after < 0)
    refuse('afterSeq', 'is malformed');
  return { filter, afterSeq: after };
}

export function parseFilterOnly(input: unknown): { readonly filter: ParsedFilter } {
  const r = record(input, ['filter']);
  return { filter: parseFilter(r.filter) };
}

/** A key file chosen from the list auditKeys gave: a plain name in the media folder, never a path. */
const KEY_FILE = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}\.pem$/;

export function parseKeyFile(input: unknown): { readonly keyFile: string } {
  const r = record(input, ['keyFile']);
  const v = optionalText(r, 'keyFile', KEY_FILE);
  if (v === undefined) refuse('keyFile', 'is missing');
  return { keyFile: v };
}

export function parseExport(input: unknown): {
  readonly format: 'csv' | 'json' | 'pdf';
  readonly filter: ParsedFilter;
  readonly keyFile: string;
} {
  const r = record(input, ['format', 'filter', 'keyFile']);
  const format = r.format;
  if (format !== 'csv' && format !== 'json' && format !== 'pdf') refuse('format', 'is not offered');
  const { keyFile } = parseKeyFile({ keyFile: r.keyFile });
  return { format, filter: parseFilter(r.filter), keyFile };
}
