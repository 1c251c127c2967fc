// A minimal DER writer. The CA builds every structure it signs byte by byte so that nothing
// it emits depends on a library's idea of defaults (and nothing is shared with core/).

export type Der = Uint8Array;

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return [0x80 | out.length, ...out];
}

export function tlv(tag: number, ...content: Der[]): Der {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag, ...lengthBytes(body.length)]), body]);
}

export const seq = (...items: Der[]): Der => tlv(0x30, ...items);

/** SET OF with DER ordering (elements sorted by their encodings). */
export function setOf(...items: Der[]): Der {
  const sorted = [...items].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return tlv(0x31, ...sorted);
}

/** [n] EXPLICIT (constructed context tag). */
export const explicit = (n: number, ...content: Der[]): Der => tlv(0xa0 | n, ...content);
/** [n] IMPLICIT primitive context tag. */
export const implicitPrim = (n: number, content: Der): Der => tlv(0x80 | n, content);

export function oid(dotted: string): Der {
  const parts = dotted.split('.').map((p) => BigInt(p));
  const [a, b, ...rest] = parts;
  if (a === undefined || b === undefined) throw new Error(`bad OID ${dotted}`);
  const bytes: number[] = [];
  for (const arc of [a * 40n + b, ...rest]) {
    const chunk: number[] = [Number(arc & 0x7fn)];
    let v = arc >> 7n;
    while (v > 0n) {
      chunk.unshift(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** INTEGER from unsigned big-endian magnitude bytes. */
export function uint(bytes: Uint8Array): Der {
  let b = Buffer.from(bytes);
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  b = b.subarray(i);
  if (b.length === 0) b = Buffer.from([0]);
  if ((b[0] ?? 0) & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

export function int(n: number): Der {
  if (n < 0) throw new Error('negative INTEGER not needed here');
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  return uint(Buffer.from(bytes));
}

export const bool = (v: boolean): Der => tlv(0x01, Buffer.from([v ? 0xff : 0x00]));
export const nul = (): Der => Buffer.from([0x05, 0x00]);
export const octets = (b: Uint8Array): Der => tlv(0x04, b);
export const utf8 = (s: string): Der => tlv(0x0c, Buffer.from(s, 'utf8'));
export const ia5 = (s: string): Der => tlv(0x16, Buffer.from(s, 'ascii'));
export const printable = (s: string): Der => tlv(0x13, Buffer.from(s, 'ascii'));

/** BMPString: UTF-16 big-endian, no terminator. */
export function bmp(s: string): Der {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return tlv(0x1e, be);
}

/** BIT STRING with no unused bits. */
export const bits = (b: Uint8Array): Der => tlv(0x03, Buffer.from([0]), b);

/** BIT STRING for named bit lists (KeyUsage): trailing zero bits trimmed as DER requires. */
export function namedBits(value: number, width: number): Der {
  const bytes: number[] = [];
  for (let i = 0; i < width; i += 8) bytes.push((value >> (width - 8 - i)) & 0xff);
  while (bytes.length > 0 && bytes[bytes.length - 1] === 0) bytes.pop();
  if (bytes.length === 0) return tlv(0x03, Buffer.from([0]));
  const last = bytes[bytes.length - 1] ?? 0;
  let unused = 0;
  while (((last >> unused) & 1) === 0) unused++;
  return tlv(0x03, Buffer.from([unused, ...bytes]));
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/** RFC 5280 Time: UTCTime through 2049, GeneralizedTime after. */
export function time(d: Date): Der {
  const y = d.getUTCFullYear();
  const rest =
    pad(d.getUTCMonth() + 1, 2) +
    pad(d.getUTCDate(), 2) +
    pad(d.getUTCHours(), 2) +
    pad(d.getUTCMinutes(), 2) +
    pad(d.getUTCSeconds(), 2) +
    'Z';
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(pad(y % 100, 2) + rest, 'ascii'));
  return tlv(0x18, Buffer.from(pad(y, 4) + rest, 'ascii'));
}

export const generalizedTime = (d: Date): Der =>
  tlv(
    0x18,
    Buffer.from(
      pad(d.getUTCFullYear(), 4) +
        pad(d.getUTCMonth() + 1, 2) +
        pad(d.getUTCDate(), 2) +
        pad(d.getUTCHours(), 2) +
        pad(d.getUTCMinutes(), 2) +
        pad(d.getUTCSeconds(), 2) +
        'Z',
      'ascii',
    ),
  );

export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\r\n${lines.join('\r\n')}\r\n-----END ${label}-----\r\n`;
}

export function fromPem(pem: string): Buffer {
  const body = pem.replace(/-----(BEGIN|END)[^-]*-----/g, '').replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}
