// Typed access to the `pcsclite` npm binding (santigimeno/node-pcsclite 1.0.1) and promise
// wrappers with a deadline, because a native call that never returns must not hang the station.
//
// Build note: pcsclite is a NAN addon, compiled here for Node 22's ABI. A packaged Electron app
// needs it rebuilt for Electron's ABI with @electron/rebuild (or electron-builder's npmRebuild),
// which downloads Electron headers, and the .node file must be unpacked from the asar.
//
// Binding behaviour this module and the service rely on (read from its lib/ and src/, and
// observed against pcscd 1.9.9):
// - the factory's constructor calls SCardEstablishContext synchronously and throws
//   "Service not available.(0x8010001d)" when pcscd is down; on Linux there is no retry loop
//   (the tight SCardEstablishContext loop is in the pokusew fork, on Windows);
// - any SCardGetStatusChange failure ends a monitor thread for good: one 'error', then silence;
//   when pcscd stops the context and every reader emit F_COMM_ERROR (0x80100013) and the
//   readers emit 'end'. Only a new factory instance watches again;
// - an 'error' with no listener throws, so listeners go on before the next tick;
// - close() on the context reports "Command cancelled" through 'error' (ignore it), and must
//   not run before the deferred start() did, or the monitor thread starts after close and
//   keeps the process alive;
// - one CardReader object holds one card handle; connect() on an already connected object is a
//   silent no-op, so the transport uses its own CardReader object per connection;
// - a CardReader that never ran get_status() has an uninitialised m_status_thread, and its
//   destructor joins that garbage thread id: garbage-collecting such an object crashes the
//   process (SIGSEGV in ~CardReader, seen under gdb). Connection objects are therefore kept
//   reachable for the life of the process and reused (see acquireReaderObject).
import { createRequire } from 'node:module';
import { PcscTimeoutError } from './errors.ts';

export interface BindingStatus {
  readonly state: number;
  readonly atr?: Buffer;
}

type ErrorCallback = (err: Error | null | undefined) => void;

export interface BindingReader {
  readonly name: string;
  readonly connected: boolean;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_LEAVE_CARD: number;
  readonly SCARD_RESET_CARD: number;
  readonly SCARD_UNPOWER_CARD: number;
  readonly SCARD_EJECT_CARD: number;
  on(event: 'status', listener: (status: BindingStatus) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  on(event: 'end', listener: () => void): this;
  removeAllListeners(event?: string): this;
  connect(
    options: { share_mode: number; protocol: number },
    cb: (err: Error | null | undefined, protocol: number) => void,
  ): void;
  disconnect(disposition: number, cb: ErrorCallback): void;
  transmit(
    data: Buffer,
    resLen: number,
    protocol: number,
    cb: (err: Error | null | undefined, response: Buffer) => void,
  ): void;
  close(): void;
}

export interface BindingContext {
  readonly readers: Readonly<Record<string, BindingReader>>;
  on(event: 'reader', listener: (reader: BindingReader) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  removeAllListeners(event?: string): this;
  /** the binding calls this once, on the tick after construction */
  start: (cb: (err: Error | null | undefined, data?: Buffer) => void) => void;
  close(): void;
}

export type BindingFactory = () => BindingContext;

type ReaderConstructor = new (name: string) => BindingReader;

const require = createRequire(import.meta.url);
let factory: BindingFactory | undefined;

/** Loads the native module lazily so importing this package never touches PC/SC. */
export function loadBinding(): BindingFactory {
  factory ??= require('pcsclite') as BindingFactory;
  return factory;
}

/** Connection objects with a live PC/SC context, free for the next connect to that reader. */
const idleByName = new Map<string, BindingReader[]>();
/** Objects that may never be collected (see the note on ~CardReader above) nor reused. */
const retired = new Set<BindingReader>();

/**
 * A CardReader object to connect with: an idle one for `name`, or a new one made from the class
 * of a reader the monitor reported (the binding does not export the class itself).
 */
export function acquireReaderObject(sample: BindingReader, name: string): BindingReader {
  const idle = idleByName.get(name)?.pop();
  if (idle) return idle;
  const Reader = (Object.getPrototypeOf(sample) as { constructor: ReaderConstructor }).constructor;
  return new Reader(name);
}

/** Hands a disconnected object back; `reusable` = its context is still valid. */
export function releaseReaderObject(reader: BindingReader, reusable: boolean): void {
  if (reusable && !reader.connected) {
    const list = idleByName.get(reader.name) ?? [];
    list.push(reader);
    idleByName.set(reader.name, list);
  } else {
    retired.add(reader);
  }
}

/** After pcscd went away every idle object's context is dead: never hand those out again. */
export function retireIdleReaderObjects(): void {
  for (const list of idleByName.values()) for (const reader of list) retired.add(reader);
  idleByName.clear();
}

/**
 * Resolves with the callback's result, or rejects with PcscTimeoutError after `ms`. The native
 * work cannot be cancelled; a late result is dropped and `onLate` may clean it up.
 */
export function callWithDeadline<T>(
  operation: string,
  ms: number,
  start: (done: (err: Error | null | undefined, value: T) => void) => void,
  onLate?: (value: T | undefined, err: Error | null | undefined) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let finished = false;
    const timer = setTimeout(() => {
      finished = true;
      reject(new PcscTimeoutError(operation, ms));
    }, ms);
    try {
      start((err, value) => {
        if (finished) {
          onLate?.(err ? undefined : value, err);
          return;
        }
        finished = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(value);
      });
    } catch (err) {
      finished = true;
      clearTimeout(timer);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
