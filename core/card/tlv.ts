// BER-TLV as ISO 7816-4 / SP 800-73 use it: tags of one to three bytes (the first byte's low
// five bits all set means "more tag bytes follow", then bit 8 of each further byte means
// "another follows"), definite lengths only (short form, 81 xx, 82 xx xx, 83 xx xx xx).
import { CardProtocolError } from './status-words.ts';

export interface Tlv {
  /** the tag bytes read as a big-endian number, e.g. 0x7f49, 0x5fc105 */
  readonly tag: number;
  readonly value: Uint8Array;
}

function tagBytes(tag: number): number[] {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffffff) throw new RangeError(`bad BER tag ${tag}`);
  if (tag > 0xffff) return [tag >> 16, (tag >> 8) & 0xff, tag & 0xff];
  if (tag > 0xff) return [tag >> 8, tag & 0xff];
  return [tag];
}

export function encodeLength(length: number): number[] {
  if (!Number.isInteger(length) || length < 0 || length > 0xffffff) {
    throw new RangeError(`BER length out of range: ${length}`);
  }
  if (length < 0x80) return [length];
  if (length <= 0xff) return [0x81, length];
  if (length <= 0xffff) return [0x82, length >> 8, length & 0xff];
  return [0x83, length >> 16, (length >> 8) & 0xff, length & 0xff];
}

/** One TLV: tag, definite length, value. */
export function tlv(tag: number, value: Uint8Array | readonly number[] = []): Uint8Array {
  const v = value instanceof Uint8Array ? value : Uint8Array.from(value);
  const head = [...tagBytes(tag), ...encodeLength(v.length)];
  const out = new Uint8Array(head.length + v.length);
  out.set(head, 0);
  out.set(v, head.length);
  return out;
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

interface Read {
  readonly tlv: Tlv;
  readonly next: number;
}

function readOne(buf: Uint8Array, at: number): Read {
  const byte = (i: number): number => {
    const b = buf[i];
    if (b === undefined) throw new CardProtocolError(`truncated TLV at offset ${at}`);
    return b;
  };
  let i = at;
  let tag = byte(i++);
  if ((tag & 0x1f) === 0x1f) {
    let more = true;
    while (more) {
      const b = byte(i++);
      tag = tag * 256 + b;
      more = (b & 0x80) !== 0;
      if (i - at > 3) throw new CardProtocolError(`TLV tag longer than 3 bytes at offset ${at}`);
    }
  }
  let length = byte(i++);
  if (length === 0x80) throw new CardProtocolError('indefinite BER length is not used by PIV');
  if (length > 0x80) {
    const n = length & 0x7f;
    if (n > 3) throw new CardProtocolError(`BER length of ${n} bytes at offset ${at}`);
    length = 0;
    for (let k = 0; k < n; k++) length = length * 256 + byte(i++);
  }
  if (i + length > buf.length) {
    throw new CardProtocolError(`TLV at offset ${at} claims ${length} bytes, ${buf.length - i} present`);
  }
  return { tlv: { tag, value: buf.subarray(i, i + length) }, next: i + length };
}

/** Parses a concatenation of TLVs (one nesting level). */
export function parseTlvs(buf: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < buf.length) {
    const r = readOne(buf, at);
    out.push(r.tlv);
    at = r.next;
  }
  return out;
}

/** Parses exactly one TLV with the expected tag (trailing bytes are an error). */
export function parseSingle(buf: Uint8Array, expectedTag: number): Uint8Array {
  const r = readOne(buf, 0);
  if (r.tlv.tag !== expectedTag) {
    throw new CardProtocolError(`expected tag ${expectedTag.toString(16)}, got ${r.tlv.tag.toString(16)}`);
  }
  if (r.next !== buf.length)
    throw new CardProtocolError(`trailing bytes after tag ${expectedTag.toString(16)}`);
  return r.tlv.value;
}

/** Tag → first value, for templates where each tag appears once. */
export function tlvMap(buf: Uint8Array): Map<number, Uint8Array> {
  const map = new Map<number, Uint8Array>();
  for (const t of parseTlvs(buf)) if (!map.has(t.tag)) map.set(t.tag, t.value);
  return map;
}

/** The value of `tag`, or a protocol error naming what was missing. */
export function requireTag(map: ReadonlyMap<number, Uint8Array>, tag: number, what: string): Uint8Array {
  const v = map.get(tag);
  if (v === undefined) throw new CardProtocolError(`${what}: tag ${tag.toString(16)} missing`);
  return v;
}
