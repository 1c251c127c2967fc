// ISO 7816-4 status words as PIV cards use them (SP 800-73 Part 2 lists, per command, which
// of these a card may answer), and the typed errors the station raises for them. Messages name
// the operation and the status word only: never command data, so no PIN or key can leak.
import { StationError, type ErrorDetails, type StationErrorCode } from '../errors/catalog.ts';

export const SW = {
  SUCCESS: 0x9000,
  /** 61xx: more response bytes; transports consume it, listed for completeness */
  BYTES_REMAINING: 0x6100,
  /** 63Cx: verification failed, x retries left */
  VERIFY_FAILED_RETRIES: 0x63c0,
  /** 6300: verification failed, no counter given (pairing code, some old cards) */
  VERIFY_FAILED: 0x6300,
  MEMORY_FAILURE: 0x6581,
  WRONG_LENGTH: 0x6700,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTHENTICATION_METHOD_BLOCKED: 0x6983,
  CONDITIONS_OF_USE_NOT_SATISFIED: 0x6985,
  COMMAND_NOT_ALLOWED: 0x6986,
  INCORRECT_DATA_FIELD: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_NOT_FOUND: 0x6a82,
  NOT_ENOUGH_MEMORY: 0x6a84,
  INCORRECT_P1_P2: 0x6a86,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  WRONG_P1_P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
} as const;

export function swHex(sw: number): string {
  return sw.toString(16).padStart(4, '0').toUpperCase();
}

/** Which secret a failed verification concerned; never the secret itself. */
export type SecretKind = 'PIN' | 'PUK' | 'management key' | 'secret';

/**
 * Any card answer other than success, as a StationError with a catalog code. The diagnostic
 * message names the operation and the status word (for logs); people read explain().
 */
export class CardStatusError extends StationError {
  readonly sw: number;
  readonly operation: string;
  constructor(
    operation: string,
    sw: number,
    detail?: string,
    code: StationErrorCode = 'CARD_STATUS',
    details: ErrorDetails = {},
  ) {
    super(
      code,
      { operation, sw: swHex(sw), ...details },
      { diagnostic: `${operation} failed: ${detail ?? 'the card answered'} (SW ${swHex(sw)})` },
    );
    this.name = 'CardStatusError';
    this.sw = sw;
    this.operation = operation;
  }
}

function wrongSecretCode(kind: SecretKind, blocked: boolean): StationErrorCode {
  switch (kind) {
    case 'PIN':
      return blocked ? 'PIN_BLOCKED' : 'WRONG_PIN';
    case 'PUK':
      return blocked ? 'PUK_BLOCKED' : 'WRONG_PUK';
    case 'management key':
      return 'WRONG_MANAGEMENT_KEY';
    case 'secret':
      // a verification failure on a command that checks no secret the station knows of
      return 'CARD_STATUS';
  }
}

/**
 * 63Cx: the secret was wrong; the card decremented its counter to `retriesLeft`. The code is
 * WRONG_PIN / WRONG_PUK (PIN_BLOCKED / PUK_BLOCKED once no try is left); which card it was (the
 * operator's or the holder's) is a detail the caller adds with withDetails({ card }).
 */
export class WrongSecretError extends CardStatusError {
  readonly kind: SecretKind;
  /** undefined when the card did not say (SW 6300) */
  readonly retriesLeft: number | undefined;
  constructor(operation: string, sw: number, kind: SecretKind, retriesLeft: number | undefined) {
    super(
      operation,
      sw,
      retriesLeft === undefined ? `wrong ${kind}` : `wrong ${kind}, ${retriesLeft} retries left`,
      wrongSecretCode(kind, retriesLeft === 0),
      { secret: kind, triesLeft: retriesLeft },
    );
    this.name = 'WrongSecretError';
    this.kind = kind;
    this.retriesLeft = retriesLeft;
  }
  get blocked(): boolean {
    return this.retriesLeft === 0;
  }
}

/** 6983: the reference data is blocked; no comparison was made. */
export class SecretBlockedError extends CardStatusError {
  readonly kind: SecretKind;
  readonly retriesLeft = 0;
  readonly blocked = true;
  constructor(operation: string, sw: number, kind: SecretKind) {
    super(operation, sw, `the ${kind} is blocked`, wrongSecretCode(kind, true), {
      secret: kind,
      triesLeft: 0,
    });
    this.name = 'SecretBlockedError';
    this.kind = kind;
  }
}

/** 6982: PIN or management-key authentication is missing for this command. */
export class SecurityStatusNotSatisfiedError extends CardStatusError {
  constructor(operation: string, sw: number) {
    super(
      operation,
      sw,
      'security status not satisfied (PIN or management key authentication needed)',
      'CARD_NOT_AUTHENTICATED',
    );
    this.name = 'SecurityStatusNotSatisfiedError';
  }
}

/** 6A80 / 6700: the card rejected the command data (malformed PIN, bad template, wrong length). */
export class WrongDataError extends CardStatusError {
  constructor(operation: string, sw: number) {
    super(
      operation,
      sw,
      sw === SW.WRONG_LENGTH ? 'wrong length' : 'the card rejected the command data',
      'CARD_WRONG_DATA',
    );
    this.name = 'WrongDataError';
  }
}

/** 6A82 / 6A88: application, data object or key reference not present. */
export class NotFoundError extends CardStatusError {
  constructor(operation: string, sw: number) {
    super(operation, sw, 'not found on the card', 'CARD_OBJECT_NOT_FOUND');
    this.name = 'NotFoundError';
  }
}

/** 6D00 / 6E00 / 6A81 / 6B00 / 6A86: the card does not implement this command or parameter. */
export class NotSupportedError extends CardStatusError {
  constructor(operation: string, sw: number) {
    super(operation, sw, 'not supported by this card', 'CARD_NOT_SUPPORTED');
    this.name = 'NotSupportedError';
  }
}

/** 6985 / 6986: conditions of use not satisfied (e.g. RESET while PIN not blocked). */
export class ConditionsNotSatisfiedError extends CardStatusError {
  constructor(operation: string, sw: number) {
    super(operation, sw, 'conditions of use not satisfied', 'CARD_CONDITIONS_NOT_SATISFIED');
    this.name = 'ConditionsNotSatisfiedError';
  }
}

/** 6A84 / 6581: the card is out of memory or its memory failed. */
export class CardMemoryError extends CardStatusError {
  constructor(operation: string, sw: number) {
    super(
      operation,
      sw,
      sw === SW.NOT_ENOUGH_MEMORY ? 'not enough memory on the card' : 'card memory failure',
      'CARD_MEMORY',
    );
    this.name = 'CardMemoryError';
  }
}

/** The card's answer was structurally wrong (bad TLV, wrong length, failed cryptographic check). */
export class CardProtocolError extends StationError {
  constructor(message: string) {
    super('CARD_PROTOCOL', {}, { diagnostic: message });
    this.name = 'CardProtocolError';
  }
}

/** The card did not answer in time (e.g. a reader driver stuck after removal). */
export class CardTimeoutError extends StationError {
  readonly operation: string;
  constructor(operation: string, ms: number) {
    super(
      'CARD_TIMEOUT',
      { operation, timeoutMs: ms },
      { diagnostic: `${operation}: the card did not answer within ${ms} ms` },
    );
    this.name = 'CardTimeoutError';
    this.operation = operation;
  }
}

/**
 * Turns a status word into the matching typed error (or undefined for 9000). `kind` names the
 * secret the command checked, so 63Cx / 6983 say "wrong PUK" rather than "wrong PIN".
 */
export function statusError(
  operation: string,
  sw: number,
  kind: SecretKind = 'secret',
): CardStatusError | undefined {
  if (sw === SW.SUCCESS) return undefined;
  if ((sw & 0xfff0) === SW.VERIFY_FAILED_RETRIES) return new WrongSecretError(operation, sw, kind, sw & 0x0f);
  switch (sw) {
    case SW.VERIFY_FAILED:
      return new WrongSecretError(operation, sw, kind, undefined);
    case SW.AUTHENTICATION_METHOD_BLOCKED:
      return new SecretBlockedError(operation, sw, kind);
    case SW.SECURITY_STATUS_NOT_SATISFIED:
      return new SecurityStatusNotSatisfiedError(operation, sw);
    case SW.INCORRECT_DATA_FIELD:
    case SW.WRONG_LENGTH:
      return new WrongDataError(operation, sw);
    case SW.FILE_NOT_FOUND:
    case SW.REFERENCED_DATA_NOT_FOUND:
      return new NotFoundError(operation, sw);
    case SW.INS_NOT_SUPPORTED:
    case SW.CLA_NOT_SUPPORTED:
    case SW.FUNCTION_NOT_SUPPORTED:
    case SW.WRONG_P1_P2:
    case SW.INCORRECT_P1_P2:
      return new NotSupportedError(operation, sw);
    case SW.CONDITIONS_OF_USE_NOT_SATISFIED:
    case SW.COMMAND_NOT_ALLOWED:
      return new ConditionsNotSatisfiedError(operation, sw);
    case SW.NOT_ENOUGH_MEMORY:
    case SW.MEMORY_FAILURE:
      return new CardMemoryError(operation, sw);
    default:
      return new CardStatusError(operation, sw);
  }
}
