// BER-TLV as PIV uses it (SP 800-73 Part 2 §3): multi-byte tags, definite lengths up to 4 bytes.
// Written for the simulator alone; the station has its own encoder so a shared bug cannot hide.

export interface Tlv {
  readonly tag: number;
  readonly value: Buffer;
}

export class TlvError extends Error {}

function encodeTag(tag: number): Buffer {
  if (tag <= 0xff) return Buffer.from([tag]);
  if (tag <= 0xffff) return Buffer.from([tag >> 8, tag & 0xff]);
  return Buffer.from([(tag >> 16) & 0xff, (tag >> 8) & 0xff, tag & 0xff]);
}

export function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  if (length <= 0xff) return Buffer.from([0x81, length]);
  if (length <= 0xffff) return Buffer.from([0x82, length >> 8, length & 0xff]);
  return Buffer.from([0x83, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff]);
}

export function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const value = Buffer.concat(parts);
  return Buffer.concat([encodeTag(tag), encodeLength(value.length), value]);
}

/** Splits a buffer into consecutive TLVs; throws TlvError on anything truncated or malformed. */
export function parseTlvs(data: Buffer): Tlv[] {
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < data.length) {
    let tag = data[pos++] as number;
    if ((tag & 0x1f) === 0x1f) {
      let more = true;
      while (more) {
        if (pos >= data.length) throw new TlvError('truncated tag');
        const b = data[pos++] as number;
        tag = (tag << 8) | b;
        more = (b & 0x80) !== 0;
        if (tag > 0xffffff) throw new TlvError('tag too long');
      }
    }
    if (pos >= data.length) throw new TlvError('missing length');
    let length = data[pos++] as number;
    if (length & 0x80) {
      const n = length & 0x7f;
      if (n === 0 || n > 3 || pos + n > data.length) throw new TlvError('bad length');
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + (data[pos++] as number);
    }
    if (pos + length > data.length) throw new TlvError('value runs past the end');
    out.push({ tag, value: data.subarray(pos, pos + length) });
    pos += length;
  }
  return out;
}

/** Parses exactly one TLV that must fill the whole buffer. */
export function parseSingle(data: Buffer, expectedTag: number): Buffer {
  const items = parseTlvs(data);
  const first = items[0];
  if (items.length !== 1 || first === undefined || first.tag !== expectedTag) {
    throw new TlvError('unexpected template');
  }
  return first.value;
}

export function findTag(items: readonly Tlv[], tag: number): Buffer | undefined {
  return items.find((t) => t.tag === tag)?.value;
}
