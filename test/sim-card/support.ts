// Shared helpers for the soft-card tests: run the independent tools, find our reader's index,
// and a raw PC/SC channel (pcsclite) for card-edge checks the tools hide (61xx, chaining).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';

export const PKCS11_MODULE = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a tool with a deadline; never throws on a non-zero exit (the code is the assertion). */
export function run(cmd: string, args: readonly string[], opts: { input?: string; timeoutMs?: number } = {}) {
  return new Promise<RunResult>((resolve) => {
    const child = execFile(
      cmd,
      args,
      { timeout: opts.timeoutMs ?? 20_000, encoding: 'utf8', maxBuffer: 4 << 20 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(opts.input ?? '');
  });
}

/** OpenSC and opensc-tool number readers in PC/SC order; pcsc_scan -r prints that order. */
export async function readerIndex(name: string): Promise<number> {
  const out = await run('pcsc_scan', ['-r'], { timeoutMs: 5000 });
  for (const line of out.stdout.split('\n')) {
    const m = /^(\d+): (.*)$/.exec(line.trim());
    if (m?.[2] === name) return Number(m[1]);
  }
  throw new Error(`reader ${name} not listed by pcsc_scan -r`);
}

/** PKCS#11 slot index of the reader (OpenSC lists one slot per reader, but do not assume). */
export async function pkcs11SlotIndex(name: string): Promise<number> {
  const out = await run('pkcs11-tool', ['--module', PKCS11_MODULE, '-L']);
  let index = -1;
  for (const line of out.stdout.split('\n')) {
    const m = /^Slot (\d+) \(0x[0-9a-f]+\): (.*)$/.exec(line.trim());
    if (m === null) continue;
    index++;
    if (m[2]?.trim() === name) return index;
  }
  throw new Error(`pkcs11-tool lists no slot for ${name}`);
}

/** Polls until `check` holds, or fails after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
export function exitIfStuck(ms = 5000): void {
  setTimeout(() => {
    process.stderr.write(
      `sim-card tests: still alive ${ms} ms after cleanup: ${process.getActiveResourcesInfo().join(', ')}\n`,
    );
    process.exit(process.exitCode ?? 0);
  }, ms).unref();
}
