// Review filters → parameterised WHERE clauses, for SQLite (?) and PostgreSQL ($n) alike.
import type { AuditFilter } from './audit-log.ts';
import { AuditValidationError } from './errors.ts';
import { AUDIT_OUTCOMES } from './record.ts';

export interface WhereClause {
  readonly sql: string;
  readonly params: (string | number)[];
}

function isoBound(v: Date | string, field: string): string {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) throw new AuditValidationError(`filter.${field}`, 'is not a valid date');
  return d.toISOString();
}

/** placeholder(n) returns the n-th (1-based) parameter marker. */
export function buildWhere(
  f: AuditFilter,
  placeholder: (n: number) => string,
  extra: [string, string | number][] = [],
): WhereClause {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, ...values: (string | number)[]): void => {
    let s = sql;
    for (const v of values) {
      params.push(v);
      s = s.replace('?', placeholder(params.length));
    }
    parts.push(s);
  };
  for (const [col, v] of extra) add(`${col} = ?`, v);
  // ts is stored as RFC 3339 UTC with fixed width, so string order is time order.
  if (f.from !== undefined) add('ts >= ?', isoBound(f.from, 'from'));
  if (f.to !== undefined) add('ts < ?', isoBound(f.to, 'to'));
  if (f.operatorUpn !== undefined) add('operator_upn = ?', f.operatorUpn);
  if (f.targetUser !== undefined) add('target_user = ?', f.targetUser);
  if (f.card !== undefined) {
    const guid = f.card.replace(/[{}-]/g, '').toLowerCase();
    add('(card_serial = ? OR card_guid = ?)', f.card, guid);
  }
  if (f.outcome !== undefined) {
    if (!(AUDIT_OUTCOMES as readonly string[]).includes(f.outcome))
      throw new AuditValidationError('filter.outcome', `must be one of ${AUDIT_OUTCOMES.join(', ')}`);
    add('outcome = ?', f.outcome);
  }
  if (f.template !== undefined) add('cert_template = ?', f.template);
  if (f.action !== undefined) add('action = ?', f.action);
  if (f.enrollmentId !== undefined) add('enrollment_id = ?', f.enrollmentId.toLowerCase());
  if (f.fromSeq !== undefined) add('seq >= ?', f.fromSeq);
  if (f.toSeq !== undefined) add('seq <= ?', f.toSeq);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function limitOf(f: AuditFilter, fallback: number | undefined): number | undefined {
  const l = f.limit ?? fallback;
  if (l !== undefined && (!Number.isSafeInteger(l) || l < 1))
    throw new AuditValidationError('filter.limit', 'must be a positive integer');
  return l;
}

export function offsetOf(f: AuditFilter): number {
  const o = f.offset ?? 0;
  if (!Number.isSafeInteger(o) || o < 0)
    throw new AuditValidationError('filter.offset', 'must be a non-negative integer');
  return o;
}
