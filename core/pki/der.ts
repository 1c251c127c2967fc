// Byte and ASN.1 helpers shared by the request builders and the checks.
import * as asn1js from 'asn1js';
import { StationError } from '../errors/catalog.ts';

export function toBytes(buffer: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (buffer instanceof Uint8Array) return buffer;
  if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return new Uint8Array(buffer);
}

/** A copy whose backing store is exactly the bytes (pkijs and WebCrypto want ArrayBuffers). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

export function encode(block: { toBER(sizeOnly?: boolean): ArrayBuffer }): Uint8Array {
  return new Uint8Array(block.toBER(false));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function toPem(bytes: Uint8Array, label: string): string {
  const lines = toBase64(bytes).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** All PEM blocks with the given label (or any label), decoded. */
export function fromPem(text: string, label?: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const re = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;
  for (const m of text.matchAll(re)) {
    if (label !== undefined && m[1] !== label) continue;
    out.push(new Uint8Array(Buffer.from((m[2] ?? '').replace(/\s+/g, ''), 'base64')));
  }
  return out;
}

/** Parses exactly one DER element; throws DER_MALFORMED naming `what` on malformed input. */
export function parseDer(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(toArrayBuffer(bytes));
  if (parsed.offset === -1)
    throw new StationError(
      'DER_MALFORMED',
      { what },
      { diagnostic: `${what}: malformed DER (${parsed.result.error})` },
    );
  if (parsed.offset !== bytes.byteLength)
    throw new StationError(
      'DER_MALFORMED',
      { what },
      { diagnostic: `${what}: trailing bytes after DER element` },
    );
  return parsed.result;
}

/** DER orders SET OF members by their encodings (X.690 11.6); pkijs leaves them in insertion order. */
export function sortDerSet<T extends { toSchema(): { toBER(sizeOnly?: boolean): ArrayBuffer } }>(
  items: T[],
): T[] {
  const keyed = items.map((item) => ({ item, der: encode(item.toSchema()) }));
  keyed.sort((x, y) => compareBytes(x.der, y.der));
  return keyed.map((k) => k.item);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.byteLength, b.byteLength);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.byteLength - b.byteLength;
}

/** The context-specific constructed tag [n] around `inner` (EXPLICIT tagging, or IMPLICIT on a SEQUENCE). */
export function contextConstructed(tagNumber: number, value: asn1js.AsnType[]): asn1js.Constructed {
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value });
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
