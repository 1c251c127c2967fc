// Command/response helpers on top of the Transport interface: build a command, send it with a
// deadline, turn a non-9000 status into a typed error. Chaining and 61xx are the transport's job.
import type { CommandApdu, ResponseApdu, Transport } from './transport.ts';
import { CardTimeoutError, statusError, type SecretKind } from './status-words.ts';

/** Le = 00: "up to 256 bytes" in short form; the transport follows 61xx for more. */
export const NE_MAX = 256;

export function command(
  ins: number,
  p1: number,
  p2: number,
  data?: Uint8Array,
  ne?: number,
  cla = 0x00,
): CommandApdu {
  const c: { cla: number; ins: number; p1: number; p2: number; data?: Uint8Array; ne?: number } = {
    cla,
    ins,
    p1,
    p2,
  };
  if (data !== undefined && data.length > 0) c.data = data;
  if (ne !== undefined) c.ne = ne;
  return c;
}

export interface ExchangeOptions {
  /** names the command in errors, e.g. "VERIFY" */
  readonly operation: string;
  /** which secret the command checks, for 63Cx/6983 errors */
  readonly secret?: SecretKind;
  /** deadline for the card's answer; key generation on real cards can take many seconds */
  readonly timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Sends a command and returns the raw response, whatever its status word. */
export async function exchange(
  transport: Transport,
  cmd: CommandApdu,
  opts: ExchangeOptions,
): Promise<ResponseApdu> {
  const ms = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CardTimeoutError(opts.operation, ms)), ms);
  });
  try {
    return await Promise.race([transport.transmit(cmd), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends a command and returns its data, throwing the typed error for any status but 9000. */
export async function transmitOk(
  transport: Transport,
  cmd: CommandApdu,
  opts: ExchangeOptions,
): Promise<Uint8Array> {
  const r = await exchange(transport, cmd, opts);
  const err = statusError(opts.operation, r.sw, opts.secret);
  if (err) throw err;
  return r.data;
}
