// Shared helpers for the soft-card tests: waiting for PC/SC to see a card, and a raw PC/SC channel
// (pcsclite) for card-edge checks the tools hide (61xx, chaining). The tools themselves run through
// the test support library (test/support/tools.ts).
import { createRequire } from 'node:module';
import { runTool, type RunResult } from '../support/tools.ts';

/** yubico-piv-tool on one reader: `ypt(reader, '-a', 'status')`. */
export const ypt = (reader: string, ...args: string[]): Promise<RunResult> =>
  runTool('yubico-piv-tool', ['-r', reader, ...args]);

/** yubico-piv-tool's own check of a slot: VERIFY the PIN, sign on the card, verify with the certificate. */
export const yubicoTestSignature = (
  reader: string,
  pin: string,
  slot: string,
  certPath: string,
): Promise<RunResult> =>
  ypt(reader, '-a', 'verify-pin', '-P', pin, '-a', 'test-signature', '-s', slot, '-i', certPath);

const require = createRequire(import.meta.url);

// The binding's index.d.ts does not export its interfaces; these are the parts used here.
type Callback<T> = (err: unknown, value: T) => void;
interface CardReader {
  readonly name: string;
  readonly SCARD_STATE_PRESENT: number;
  on(type: 'status', listener: (status: { state: number }) => void): this;
  on(type: 'error', listener: (error: unknown) => void): this;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_RESET_CARD: number;
  connect(options: { share_mode: number; protocol: number }, cb: Callback<number>): void;
  disconnect(disposition: number, cb: (err: unknown) => void): void;
  transmit(data: Buffer, resLen: number, protocol: number, cb: Callback<Buffer>): void;
  close(): void;
}
interface PCSCLite {
  on(type: 'error', listener: (error: unknown) => void): this;
  on(type: 'reader', listener: (reader: CardReader) => void): this;
  close(): void;
}

/**
 * Waits until PC/SC reports the reader with (or without) a card. Uses SCardGetStatusChange via
 * pcsclite rather than opensc-tool -l, which stalls while other clients hold other readers.
 */
export async function waitCardState(name: string, present: boolean, timeoutMs = 10_000): Promise<void> {
  const factory = require('pcsclite') as () => PCSCLite;
  const ctx = factory();
  const seen: CardReader[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `reader ${name}: card ${present ? 'not inserted' : 'not removed'} within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
      ctx.on('error', (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      });
      ctx.on('reader', (reader) => {
        seen.push(reader);
        reader.on('error', () => {});
        if (reader.name !== name) return;
        reader.on('status', (status) => {
          if (((status.state & reader.SCARD_STATE_PRESENT) !== 0) === present) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    });
  } finally {
    closeAll(ctx, seen);
  }
}

/** Closing the context while reader monitors still poll makes them throw later; close them first. */
function closeAll(ctx: PCSCLite, readers: readonly CardReader[]): void {
  for (const r of readers) r.close();
  ctx.close();
}

export interface RawResponse {
  readonly data: Buffer;
  readonly sw: number;
}

/** A raw SCardTransmit channel: what goes out is exactly what the card sees (no GET RESPONSE). */
export class RawReader {
  private readonly ctx: PCSCLite;
  private readonly reader: CardReader;
  private readonly seen: CardReader[];
  private protocol = 0;

  private constructor(ctx: PCSCLite, reader: CardReader, seen: CardReader[]) {
    this.ctx = ctx;
    this.reader = reader;
    this.seen = seen;
  }

  static async open(name: string, timeoutMs = 5000): Promise<RawReader> {
    const factory = require('pcsclite') as () => PCSCLite;
    const ctx = factory();
    const seen: CardReader[] = [];
    const reader = await new Promise<CardReader>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reader ${name} not reported`)), timeoutMs);
      ctx.on('error', (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      });
      ctx.on('reader', (r) => {
        seen.push(r);
        r.on('error', () => {});
        if (r.name !== name) return;
        clearTimeout(timer);
        resolve(r);
      });
    }).catch((e: unknown) => {
      closeAll(ctx, seen);
      throw e;
    });
    const raw = new RawReader(ctx, reader, seen);
    // pcscd may still be settling a card that just arrived (power-up after the presence poll):
    // probe with SELECT PIV and reconnect until the card answers
    for (let attempt = 1; ; attempt++) {
      try {
        await raw.connect();
        await raw.transmit('00A4040005A000000308');
        return raw;
      } catch (e) {
        if (attempt >= 20) {
          closeAll(ctx, seen);
          throw e;
        }
        await raw.disconnect(reader.SCARD_RESET_CARD).catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.reader.connect(
        { share_mode: this.reader.SCARD_SHARE_SHARED, protocol: this.reader.SCARD_PROTOCOL_T1 },
        (err, protocol) => {
          if (err) reject(err instanceof Error ? err : new Error(String(err)));
          else {
            this.protocol = protocol;
            resolve();
          }
        },
      );
    });
  }

  /** Disconnects with SCARD_RESET_CARD and connects again: the card sees a reset. */
  async resetCard(): Promise<void> {
    await this.disconnect(this.reader.SCARD_RESET_CARD);
    await this.connect();
  }

  disconnect(disposition: number): Promise<void> {
    return new Promise((resolve) => this.reader.disconnect(disposition, () => resolve()));
  }

  transmit(apdu: Buffer | string): Promise<RawResponse> {
    const bytes = typeof apdu === 'string' ? Buffer.from(apdu.replace(/\s/g, ''), 'hex') : apdu;
    return new Promise((resolve, reject) => {
      this.reader.transmit(bytes, 65538, this.protocol, (err, data) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        resolve({ data: data.subarray(0, data.length - 2), sw: data.readUInt16BE(data.length - 2) });
      });
    });
  }

  async close(): Promise<void> {
    await this.disconnect(this.reader.SCARD_RESET_CARD);
    closeAll(this.ctx, this.seen);
  }
}

export const hex = (b: Buffer): string => b.toString('hex');

/** Resolves when `p` settles or after `ms`, whichever comes first: cleanup must never hang a file. */
export async function settleWithin(what: string, p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      process.stderr.write(`cleanup: ${what} still pending after ${ms} ms\n`);
      resolve();
    }, ms);
  });
  await Promise.race([
    p.then(
      () => {},
      () => {},
    ),
    late,
  ]);
  clearTimeout(timer);
}

/**
 * Last line of defence for a file's after(): pcsclite's native context now and then leaves a
 * referenced libuv handle behind after close(), which keeps the test process alive forever. The
 * unref'd timer fires only in that case; it names what is still open and ends the process with
 * the runner's verdict.
 */
export function exitIfStuck(ms = 2000): void {
  setTimeout(() => {
    process.stderr.write(
      `sim-card tests: still alive ${ms} ms after cleanup: ${process.getActiveResourcesInfo().join(', ')}\n`,
    );
    process.exit(process.exitCode ?? 0);
  }, ms).unref();
}
