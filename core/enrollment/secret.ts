// PINs, PUKs and management keys travel through the station as Secret objects: the bytes live in
// one buffer that is wiped after use, and every way an object is usually turned into text
// (template strings, JSON, util.inspect, console.log) prints a placeholder instead.
import { inspect } from 'node:util';

const REDACTED = '[redacted]';

export class Secret {
  #bytes: Uint8Array | undefined;

  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /** Takes ownership of `bytes`; the caller must not keep another reference. */
  static fromBytes(bytes: Uint8Array): Secret {
    return new Secret(bytes);
  }

  /** For PINs typed by a person. The string itself cannot be wiped, so callers drop it at once. */
  static fromText(text: string): Secret {
    return new Secret(new TextEncoder().encode(text));
  }

  get wiped(): boolean {
    return this.#bytes === undefined;
  }

  get length(): number {
    return this.#require().length;
  }

  /** Lends the bytes to `fn`; the view must not outlive the call. */
  use<T>(fn: (bytes: Uint8Array) => T): T {
    return fn(this.#require());
  }

  /** Equality in constant time for equal lengths, so comparisons do not leak digits by timing. */
  equals(other: Secret): boolean {
    const a = this.#require();
    return other.use((b) => {
      if (a.length !== b.length) return false;
      let diff = 0;
      for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
      return diff === 0;
    });
  }

  /**
   * Hands `fn` its own copy of the bytes (APIs that keep or wipe buffers get a throwaway one) and
   * zeroes that copy afterwards, whatever happens.
   */
  async lend<T>(fn: (bytes: Uint8Array) => Promise<T>): Promise<T> {
    const copy = Uint8Array.from(this.#require());
    try {
      return await fn(copy);
    } finally {
      copy.fill(0);
    }
  }

  /** Copies the bytes into a new Secret the caller owns (and must wipe). */
  clone(): Secret {
    return new Secret(Uint8Array.from(this.#require()));
  }

  wipe(): void {
    this.#bytes?.fill(0);
    this.#bytes = undefined;
  }

  #require(): Uint8Array {
    if (this.#bytes === undefined) throw new Error('secret used after it was wiped');
    return this.#bytes;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }
}
