// Short-APDU encoding (ISO 7816-4 §5.1) and the pieces of the T=1 conversation the transport
// runs on the caller's behalf: command chaining, GET RESPONSE after 61xx, re-send after 6Cxx.
// Only short APDUs: PC/SC readers and PIV cards all speak them, extended length is optional.
import type { CommandApdu, ResponseApdu } from '../../core/card/transport.ts';

/** Largest Nc of a short APDU; longer data goes out as a command chain. */
export const MAX_SHORT_DATA = 255;
/** Largest Ne of a short APDU (Le = 00). */
export const MAX_SHORT_NE = 256;
/** Bit 5 of an interindustry CLA: "more blocks of this command follow". */
export const CLA_CHAINING = 0x10;
export const INS_GET_RESPONSE = 0xc0;

function checkByte(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new RangeError(`${name} must be a byte`);
}

/**
 * Encodes one short command: case 1 (header), 2 (Le), 3 (Lc data) or 4 (Lc data Le).
 * Ne above 256 is sent as Le = 00: the card then answers in 61xx steps, which the transport
 * follows, so a caller may ask for "everything" without knowing the card's buffer size.
 */
export function encodeShort(command: CommandApdu): Uint8Array {
  checkByte('CLA', command.cla);
  checkByte('INS', command.ins);
  checkByte('P1', command.p1);
  checkByte('P2', command.p2);
  const data = command.data ?? new Uint8Array(0);
  if (data.length > MAX_SHORT_DATA) {
    throw new RangeError(`short APDU carries at most ${MAX_SHORT_DATA} data bytes (got ${data.length})`);
  }
  const ne = command.ne;
  if (ne !== undefined && (!Number.isInteger(ne) || ne < 1))
    throw new RangeError('Ne must be a positive integer');
  const out = new Uint8Array(4 + (data.length > 0 ? 1 + data.length : 0) + (ne !== undefined ? 1 : 0));
  out.set([command.cla, command.ins, command.p1, command.p2]);
  let at = 4;
  if (data.length > 0) {
    out[at++] = data.length;
    out.set(data, at);
    at += data.length;
  }
  if (ne !== undefined) out[at] = ne >= MAX_SHORT_NE ? 0x00 : ne;
  return out;
}

/**
 * Splits a command whose data exceeds 255 bytes into ISO command-chaining blocks: every block
 * but the last has the chaining bit set in CLA and no Le; the last keeps the original CLA and Le.
 */
export function chainBlocks(command: CommandApdu, blockSize = MAX_SHORT_DATA): CommandApdu[] {
  const data = command.data ?? new Uint8Array(0);
  if (data.length <= blockSize) return [command];
  const blocks: CommandApdu[] = [];
  for (let offset = 0; offset < data.length; offset += blockSize) {
    const last = offset + blockSize >= data.length;
    const part = data.subarray(offset, Math.min(offset + blockSize, data.length));
    blocks.push(
      last
        ? { ...command, data: part }
        : { cla: command.cla | CLA_CHAINING, ins: command.ins, p1: command.p1, p2: command.p2, data: part },
    );
  }
  return blocks;
}

/** GET RESPONSE for `61xx`: same logical channel as the command, Le = xx (00 = 256). */
export function getResponseCommand(cla: number, sw2: number): CommandApdu {
  const channel = (cla & 0x80) === 0 ? cla & 0x03 : 0;
  return { cla: channel, ins: INS_GET_RESPONSE, p1: 0, p2: 0, ne: sw2 === 0 ? MAX_SHORT_NE : sw2 };
}

/** Splits raw response bytes into data and SW; fewer than two bytes is not a response. */
export function parseResponse(raw: Uint8Array): ResponseApdu | undefined {
  if (raw.length < 2) return undefined;
  const sw = ((raw[raw.length - 2] ?? 0) << 8) | (raw[raw.length - 1] ?? 0);
  return { data: raw.slice(0, raw.length - 2), sw };
}

export function sw1(sw: number): number {
  return (sw >> 8) & 0xff;
}

export function sw2(sw: number): number {
  return sw & 0xff;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
