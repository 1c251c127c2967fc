// Turns the binding's error strings ("SCardTransmit error: Transaction failed.(0x80100016)")
// into the station's error classes. The binding only gives text, so the SCARD code is parsed
// back out of it.
import { CardRemovedError, PcscUnavailableError } from '../../core/card/transport.ts';
import { StationError, type ErrorDetails, type StationErrorCode } from '../../core/errors/catalog.ts';

export const SCARD = {
  E_CANCELLED: 0x80100002,
  E_INVALID_HANDLE: 0x80100003,
  E_UNKNOWN_READER: 0x80100009,
  E_TIMEOUT: 0x8010000a,
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  F_COMM_ERROR: 0x80100013,
  E_NOT_TRANSACTED: 0x80100016,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
} as const;

/** Codes meaning "the daemon is gone or our context died with it". */
const SERVICE_CODES: ReadonlySet<number> = new Set([
  SCARD.E_NO_SERVICE,
  SCARD.E_SERVICE_STOPPED,
  SCARD.F_COMM_ERROR,
  SCARD.E_INVALID_HANDLE,
]);

/** Codes meaning "the card (or its reader) is no longer there". */
const REMOVED_CODES: ReadonlySet<number> = new Set([
  SCARD.W_REMOVED_CARD,
  SCARD.E_NO_SMARTCARD,
  SCARD.E_UNKNOWN_READER,
  SCARD.E_READER_UNAVAILABLE,
  SCARD.W_UNPOWERED_CARD,
]);

/** A PC/SC call failed for a reason that is neither card removal nor a lost service. */
export class PcscError extends StationError {
  /** the SCARD_* code, when the binding reported one */
  readonly scard: number | undefined;
  constructor(
    message: string,
    scard?: number,
    code: StationErrorCode = 'PCSC_ERROR',
    details: ErrorDetails = {},
  ) {
    super(
      code,
      { ...(scard === undefined ? {} : { scard: scardHex(scard) }), ...details },
      { diagnostic: message },
    );
    this.name = 'PcscError';
    this.scard = scard;
  }
}

/** Another connection holds the card exclusively (SCARD_E_SHARING_VIOLATION). */
export class ReaderBusyError extends PcscError {
  declare readonly code: 'READER_BUSY';
  readonly readerName: string;
  constructor(readerName: string) {
    super(
      `the card in "${readerName}" is in use by another connection`,
      SCARD.E_SHARING_VIOLATION,
      'READER_BUSY',
      { reader: readerName },
    );
    this.name = 'ReaderBusyError';
    this.readerName = readerName;
  }
}

/** A PC/SC call did not come back in time; the connection it belonged to is unusable. */
export class PcscTimeoutError extends PcscError {
  declare readonly code: 'PCSC_TIMEOUT';
  constructor(operation: string, ms: number) {
    super(`${operation} did not complete within ${ms} ms`, undefined, 'PCSC_TIMEOUT', {
      operation,
      timeoutMs: ms,
    });
    this.name = 'PcscTimeoutError';
  }
}

/** connect() found the reader empty. */
export class NoCardError extends PcscError {
  declare readonly code: 'NO_CARD';
  readonly readerName: string;
  constructor(readerName: string) {
    super(`there is no card in "${readerName}"`, SCARD.E_NO_SMARTCARD, 'NO_CARD', { reader: readerName });
    this.name = 'NoCardError';
    this.readerName = readerName;
  }
}

/** The reader is not (or no longer) known to PC/SC. `known` lists the readers that exist. */
export class UnknownReaderError extends PcscError {
  declare readonly code: 'UNKNOWN_READER';
  readonly readerName: string;
  constructor(readerName: string, known: readonly string[] = []) {
    super(`no reader named "${readerName}"`, SCARD.E_UNKNOWN_READER, 'UNKNOWN_READER', {
      reader: readerName,
      readers: known,
      readerCount: known.length,
    });
    this.name = 'UnknownReaderError';
    this.readerName = readerName;
  }
}

const scardHex = (code: number): string => `0x${(code >>> 0).toString(16).padStart(8, '0').toUpperCase()}`;

export function scardCode(error: unknown): number | undefined {
  const text = error instanceof Error ? error.message : String(error);
  const match = /\(0x([0-9a-fA-F]{8})\)/.exec(text);
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 16);
}

export function isServiceError(error: unknown): boolean {
  const code = scardCode(error);
  return code !== undefined && SERVICE_CODES.has(code);
}

export function isRemovalError(error: unknown): boolean {
  const code = scardCode(error);
  return code !== undefined && REMOVED_CODES.has(code);
}

/** Maps a binding error to the class callers handle; unknown shapes become PcscError. */
export function classify(error: unknown, readerName: string): Error {
  if (
    error instanceof CardRemovedError ||
    error instanceof PcscUnavailableError ||
    error instanceof PcscError
  ) {
    return error;
  }
  const text = error instanceof Error ? error.message : String(error);
  const code = scardCode(error);
  if (code === undefined) return new PcscError(text);
  if (SERVICE_CODES.has(code)) return new PcscUnavailableError(text);
  if (REMOVED_CODES.has(code)) return new CardRemovedError(readerName);
  if (code === SCARD.E_SHARING_VIOLATION) return new ReaderBusyError(readerName);
  return new PcscError(text, code);
}
