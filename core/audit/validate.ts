// Runtime validation of events before anything is written. The engine is TypeScript, but events
// also carry values that came from cards, CAs and operators, so every field is checked for type,
// length and format, and unknown fields are refused (they are how secrets would sneak in).
import { AuditValidationError } from './errors.ts';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, CARD_EDGES } from './record.ts';
import type { AuditAction, AuditEvent, AuditOutcome, CardEdge } from './record.ts';
import { guardFieldNames, guardFreeText } from './secret-guard.ts';

/** The event fields as they are stored (flat, nulls for absent values). */
export interface ValidatedEvent {
  enrollmentId: string;
  action: AuditAction;
  outcome: AuditOutcome;
  errorCode: string | null;
  reason: string | null;
  operatorUpn: string | null;
  agentCertThumbprint: string | null;
  targetUser: string | null;
  reader: string | null;
  cardEdge: CardEdge | null;
  cardAtr: string | null;
  cardSerial: string | null;
  cardGuid: string | null;
  certTemplate: string | null;
  caRequestId: number | null;
  certSerial: string | null;
  certThumbprint: string | null;
  certNotBefore: string | null;
  certNotAfter: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ERROR_CODE = /^(0x[0-9a-fA-F]{8}|[A-Za-z][A-Za-z0-9_.:-]{0,63})$/;
const UPN =
  /^[^\s@\\/"<>,;:]{1,256}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*$/;
const DOWN_LEVEL = /^[A-Za-z0-9][A-Za-z0-9.-]{0,14}\\[^\s\\/"[\]:;|=,+*?<>@]{1,104}$/;
const THUMBPRINT = /^([0-9a-f]{40}|[0-9a-f]{64})$/;
const HEX = /^[0-9a-f]+$/;
const CARD_SERIAL = /^[A-Za-z0-9:._-]{1,64}$/;
const GUID =
  /^(\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\}?|[0-9a-fA-F]{32})$/;
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
// Printable text without control characters (they would corrupt CSV, terminals and log viewers).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const TOP_KEYS = new Set([
  'enrollmentId',
  'action',
  'outcome',
  'errorCode',
  'reason',
  'operator',
  'targetUser',
  'reader',
  'card',
  'certificate',
]);
const OPERATOR_KEYS = new Set(['upn', 'agentCertThumbprint']);
const CARD_KEYS = new Set(['edge', 'atr', 'serial', 'guid']);
const CERT_KEYS = new Set(['template', 'caRequestId', 'serial', 'thumbprint', 'notBefore', 'notAfter']);

function fail(field: string, message: string): never {
  throw new AuditValidationError(field, message);
}

function object(value: unknown, field: string, allowed: Set<string>): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(field, 'must be an object');
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!allowed.has(k)) fail(field ? `${field}.${k}` : k, 'unknown field');
  return o;
}

function text(value: unknown, field: string, max: number, pattern?: RegExp): string {
  if (typeof value !== 'string') fail(field, 'must be a string');
  if (value.length === 0) fail(field, 'must not be empty');
  if (value.length > max) fail(field, `longer than ${max} characters`);
  if (CONTROL.test(value)) fail(field, 'contains control characters');
  if (pattern && !pattern.test(value)) fail(field, 'has an invalid format');
  return value;
}

function optional<T>(value: unknown, check: (v: unknown) => T): T | null {
  return value === undefined || value === null ? null : check(value);
}

function freeText(value: unknown, field: string, max: number): string {
  const s = text(value, field, max);
  guardFreeText(field, s);
  return s;
}

function lowerHex(value: unknown, field: string, minLen: number, maxLen: number): string {
  const s = text(value, field, maxLen).replace(/[\s:]/g, '').toLowerCase();
  if (s.length < minLen || s.length % 2 !== 0 || !HEX.test(s))
    fail(field, 'must be an even number of hex digits');
  return s;
}

function oneOf<T extends string>(value: unknown, field: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    fail(field, `must be one of ${options.join(', ')}`);
  }
  return value as T;
}

function timestamp(value: unknown, field: string): string {
  const s = text(value, field, 30, RFC3339_UTC);
  if (Number.isNaN(Date.parse(s))) fail(field, 'is not a valid date');
  return new Date(s).toISOString();
}

export function validateEvent(input: unknown): ValidatedEvent {
  // Secret-looking names are reported as such even where "unknown field" would also apply.
  guardFieldNames(input);
  const e = object(input, '', TOP_KEYS) as Partial<Record<keyof AuditEvent, unknown>>;
  const op = optional(e.operator, (v) => object(v, 'operator', OPERATOR_KEYS));
  const card = optional(e.card, (v) => object(v, 'card', CARD_KEYS));
  const cert = optional(e.certificate, (v) => object(v, 'certificate', CERT_KEYS));

  const target = optional(e.targetUser, (v) => text(v, 'targetUser', 256));
  if (target !== null && !UPN.test(target) && !DOWN_LEVEL.test(target))
    fail('targetUser', 'must be a UPN or DOMAIN\\user');
  if (op && op.upn === undefined) fail('operator.upn', 'is required when operator is given');
  if (card && card.edge === undefined) fail('card.edge', 'is required when card is given');

  const reqId = optional(cert?.caRequestId, (v) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1)
      fail('certificate.caRequestId', 'must be a positive integer');
    return v;
  });
  const notBefore = optional(cert?.notBefore, (v) => timestamp(v, 'certificate.notBefore'));
  const notAfter = optional(cert?.notAfter, (v) => timestamp(v, 'certificate.notAfter'));
  if (notBefore && notAfter && notBefore > notAfter) fail('certificate.notAfter', 'is before notBefore');

  return checkThumbprints({
    enrollmentId: text(e.enrollmentId, 'enrollmentId', 36, UUID).toLowerCase(),
    action: oneOf(e.action, 'action', AUDIT_ACTIONS),
    outcome: oneOf(e.outcome, 'outcome', AUDIT_OUTCOMES),
    errorCode: optional(e.errorCode, (v) => text(v, 'errorCode', 64, ERROR_CODE)),
    reason: optional(e.reason, (v) => freeText(v, 'reason', 500)),
    operatorUpn: optional(op?.upn, (v) => text(v, 'operator.upn', 256, UPN)),
    agentCertThumbprint: optional(op?.agentCertThumbprint, (v) =>
      text(v, 'operator.agentCertThumbprint', 95).replace(/[\s:]/g, '').toLowerCase(),
    ),
    targetUser: target,
    reader: optional(e.reader, (v) => freeText(v, 'reader', 128)),
    cardEdge: optional(card?.edge, (v) => oneOf(v, 'card.edge', CARD_EDGES)),
    cardAtr: optional(card?.atr, (v) => lowerHex(v, 'card.atr', 4, 100)),
    cardSerial: optional(card?.serial, (v) => text(v, 'card.serial', 64, CARD_SERIAL)),
    cardGuid: optional(card?.guid, (v) => text(v, 'card.guid', 38, GUID).replace(/[{}-]/g, '').toLowerCase()),
    certTemplate: optional(cert?.template, (v) => freeText(v, 'certificate.template', 64)),
    caRequestId: reqId,
    certSerial: optional(cert?.serial, (v) => lowerHex(v, 'certificate.serial', 2, 64)),
    certThumbprint: optional(cert?.thumbprint, (v) =>
      text(v, 'certificate.thumbprint', 95).replace(/[\s:]/g, '').toLowerCase(),
    ),
    certNotBefore: notBefore,
    certNotAfter: notAfter,
  });
}

/** Post-normalisation format checks for the thumbprints (they may arrive with colons/spaces). */
function checkThumbprints(v: ValidatedEvent): ValidatedEvent {
  if (v.agentCertThumbprint !== null && !THUMBPRINT.test(v.agentCertThumbprint)) {
    fail('operator.agentCertThumbprint', 'must be 40 or 64 hex digits');
  }
  if (v.certThumbprint !== null && !THUMBPRINT.test(v.certThumbprint))
    fail('certificate.thumbprint', 'must be 40 or 64 hex digits');
  return v;
}

/** Station ids go into every record; keep them short identifiers. */
export function validateStationId(id: string): string {
  return text(id, 'stationId', 64, /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
}
