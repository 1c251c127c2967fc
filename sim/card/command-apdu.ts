// ISO 7816-4 command APDU decoding, cases 1–4 in short and extended form.

export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Buffer;
  /** expected response length; undefined when the command carried no Le */
  readonly le: number | undefined;
  readonly extended: boolean;
}

/** Returns undefined when the bytes are not a well-formed APDU (the card answers 6700). */
export function parseCommandApdu(raw: Buffer): CommandApdu | undefined {
  if (raw.length < 4) return undefined;
  const [cla, ins, p1, p2] = [raw[0], raw[1], raw[2], raw[3]] as [number, number, number, number];
  const head = { cla, ins, p1, p2 };
  const empty = Buffer.alloc(0);
  if (raw.length === 4) return { ...head, data: empty, le: undefined, extended: false };
  const b4 = raw[4] as number;
  if (raw.length === 5) return { ...head, data: empty, le: b4 === 0 ? 256 : b4, extended: false };
  if (b4 !== 0) {
    const lc = b4;
    const data = raw.subarray(5, 5 + lc);
    if (raw.length === 5 + lc) return { ...head, data, le: undefined, extended: false };
    if (raw.length === 6 + lc) {
      const le = raw[5 + lc] as number;
      return { ...head, data, le: le === 0 ? 256 : le, extended: false };
    }
    return undefined;
  }
  // extended length: 00 followed by two bytes
  if (raw.length === 7) {
    const le = raw.readUInt16BE(5);
    return { ...head, data: empty, le: le === 0 ? 65536 : le, extended: true };
  }
  if (raw.length < 7) return undefined;
  const lc = raw.readUInt16BE(5);
  if (lc === 0) return undefined;
  const data = raw.subarray(7, 7 + lc);
  if (raw.length === 7 + lc) return { ...head, data, le: undefined, extended: true };
  if (raw.length === 9 + lc) {
    const le = raw.readUInt16BE(7 + lc);
    return { ...head, data, le: le === 0 ? 65536 : le, extended: true };
  }
  return undefined;
}
