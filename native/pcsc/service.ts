// The station's view of PC/SC: a supervisor around the pcsclite binding that turns raw status
// masks into debounced reader/card events, hands out Transports, and rebuilds the PC/SC context
// when pcscd goes away, instead of going silent like the bare binding does (see binding.ts).
//
// Event order guarantees:
//   reader-added(name) precedes any card event for that reader;
//   card-inserted(name, atr) / card-removed(name) alternate per reader;
//   service-lost(reason) is followed by card-removed/reader-removed for everything known, then
//   (once pcscd answers again) service-restored, then reader-added/card-inserted afresh.
import { EventEmitter } from 'node:events';
import { CardRemovedError, PcscUnavailableError, type Transport } from '../../core/card/transport.ts';
import {
  callWithDeadline,
  acquireReaderObject,
  loadBinding,
  releaseReaderObject,
  retireIdleReaderObjects,
  type BindingContext,
  type BindingFactory,
  type BindingReader,
  type BindingStatus,
} from './binding.ts';
import {
  classify,
  isServiceError,
  NoCardError,
  PcscError,
  PcscTimeoutError,
  scardCode,
  SCARD,
  UnknownReaderError,
} from './errors.ts';
import { decodeState, Debouncer, EMPTY_SLOT, sameSlot, type CardSlot } from './status-bits.ts';
import { PcscTransport, type CardWatch, type TransportTimeouts } from './transport.ts';

export interface PcscServiceEvents {
  'reader-added': [readerName: string];
  'reader-removed': [readerName: string];
  'card-inserted': [readerName: string, atr: Uint8Array];
  'card-removed': [readerName: string];
  'service-lost': [reason: string];
  'service-restored': [];
}

export interface ReaderInfo {
  readonly name: string;
  readonly cardPresent: boolean;
  /** ATR of the card in the reader; empty when none */
  readonly atr: Uint8Array;
}

export type ShareMode = 'shared' | 'exclusive';

export interface ConnectOptions {
  /** 'shared' lets other PC/SC clients use the card between our commands; default 'shared' */
  readonly share?: ShareMode;
  readonly connectTimeoutMs?: number;
  readonly transmitTimeoutMs?: number;
}

export interface PcscServiceOptions {
  /** how long PRESENT/EMPTY must hold before a card event is emitted (default 150 ms) */
  readonly debounceMs?: number;
  /** pause between attempts to reach pcscd after it went away (default 1000 ms) */
  readonly retryMs?: number;
  readonly connectTimeoutMs?: number;
  readonly transmitTimeoutMs?: number;
  readonly disconnectTimeoutMs?: number;
  readonly removalGraceMs?: number;
  /** how long start() waits for the readers' first status reports (default 3000 ms) */
  readonly startTimeoutMs?: number;
  /** the binding's factory; defaults to the installed pcsclite module */
  readonly binding?: BindingFactory;
}

type Phase = 'idle' | 'up' | 'down' | 'closed';

interface ReaderEntry {
  readonly name: string;
  binding: BindingReader;
  /** latest undebounced view, for transports and on-demand answers */
  raw: CardSlot;
  /** false until the first status report arrived */
  reported: boolean;
  /** left over from a previous context; dropped unless the new context reports it again */
  stale: boolean;
  readonly debouncer: Debouncer<CardSlot>;
  readonly goneListeners: Set<(error: Error) => void>;
  readonly statusWaiters: Set<() => void>;
}

export class PcscService extends EventEmitter<PcscServiceEvents> implements CardWatch {
  private readonly options: Required<Omit<PcscServiceOptions, 'binding'>>;
  private readonly bindingFactory: BindingFactory | undefined;
  private phase: Phase = 'idle';
  private context: BindingContext | undefined;
  private lostReason = '';
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly readers = new Map<string, ReaderEntry>();
  private readonly transports = new Set<PcscTransport>();
  /** whether the binding already ran a context's deferred start() (see disposeContext) */
  private readonly startedContexts = new WeakSet<BindingContext>();

  constructor(options: PcscServiceOptions = {}) {
    super();
    this.bindingFactory = options.binding;
    this.options = {
      debounceMs: options.debounceMs ?? 150,
      retryMs: options.retryMs ?? 1000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      transmitTimeoutMs: options.transmitTimeoutMs ?? 120_000,
      disconnectTimeoutMs: options.disconnectTimeoutMs ?? 5_000,
      removalGraceMs: options.removalGraceMs ?? 1_500,
      startTimeoutMs: options.startTimeoutMs ?? 3_000,
    };
  }

  /** true while pcscd answers */
  get available(): boolean {
    return this.phase === 'up';
  }

  /**
   * Starts watching. Resolves once the readers and their card states are known. If pcscd is
   * not reachable it rejects with PcscUnavailableError, but keeps trying in the background and
   * emits service-restored when pcscd appears.
   */
  async start(): Promise<void> {
    if (this.phase !== 'idle') throw new PcscError('the PC/SC service was already started');
    const ready = this.establish();
    if (!ready) {
      this.goDown(this.lostReason, false);
      throw new PcscUnavailableError(this.lostReason);
    }
    await ready;
  }

  /** Readers PC/SC knows now, with their (debounced) card state. */
  listReaders(): ReaderInfo[] {
    this.requireUp();
    return [...this.readers.values()].map((entry) => {
      const slot = entry.debouncer.stable ?? EMPTY_SLOT;
      return { name: entry.name, cardPresent: slot.present, atr: fromHex(slot.atr) };
    });
  }

  /** Opens a card connection. Share 'exclusive' keeps other PC/SC clients out until close(). */
  async connect(readerName: string, options: ConnectOptions = {}): Promise<Transport> {
    this.requireUp();
    const entry = this.readers.get(readerName);
    if (!entry) throw new UnknownReaderError(readerName, [...this.readers.keys()]);
    const reader = acquireReaderObject(entry.binding, readerName);
    const share = options.share ?? 'shared';
    const shareMode = share === 'exclusive' ? reader.SCARD_SHARE_EXCLUSIVE : reader.SCARD_SHARE_SHARED;
    let protocol: number;
    try {
      protocol = await callWithDeadline<number>(
        'SCardConnect',
        options.connectTimeoutMs ?? this.options.connectTimeoutMs,
        (done) =>
          reader.connect(
            { share_mode: shareMode, protocol: reader.SCARD_PROTOCOL_T0 | reader.SCARD_PROTOCOL_T1 },
            done,
          ),
        // a connect that completes after we gave up still holds the card: let it go
        (late) => {
          if (late !== undefined) reader.disconnect(reader.SCARD_LEAVE_CARD, () => undefined);
        },
      );
    } catch (err) {
      const error =
        scardCode(err) === SCARD.E_NO_SMARTCARD ? new NoCardError(readerName) : classify(err, readerName);
      // a timed-out connect may still complete later (onLate lets it go): don't reuse that object
      releaseReaderObject(
        reader,
        !(error instanceof PcscUnavailableError) && !(err instanceof PcscTimeoutError),
      );
      throw error;
    }
    const timeouts: TransportTimeouts = {
      transmitMs: options.transmitTimeoutMs ?? this.options.transmitTimeoutMs,
      disconnectMs: this.options.disconnectTimeoutMs,
      removalGraceMs: this.options.removalGraceMs,
    };
    const transport = new PcscTransport({
      reader,
      readerName,
      atr: fromHex(entry.raw.atr),
      protocol,
      watch: this,
      timeouts,
      onClosed: (released, reusable) => {
        this.transports.delete(transport);
        releaseReaderObject(released, reusable && this.phase === 'up');
      },
    });
    this.transports.add(transport);
    // the card may have gone between the status report and the connect
    if (!entry.raw.present) {
      await transport.close('leave');
      throw new CardRemovedError(readerName);
    }
    return transport;
  }

  /** Stops watching and closes every connection this service opened. */
  async close(): Promise<void> {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await Promise.all([...this.transports].map((t) => t.close('leave')));
    if (this.context) this.disposeContext(this.context);
    this.context = undefined;
    for (const entry of this.readers.values()) {
      entry.debouncer.cancel();
      this.notifyGone(entry, new PcscUnavailableError('the PC/SC service was closed'));
      closeQuietly(entry.binding);
    }
    this.readers.clear();
    this.removeAllListeners();
  }

  // ---- CardWatch (used by transports) ----

  onGone(readerName: string, listener: (error: Error) => void): () => void {
    const entry = this.readers.get(readerName);
    if (!entry) {
      queueMicrotask(() => listener(new CardRemovedError(readerName)));
      return () => undefined;
    }
    entry.goneListeners.add(listener);
    return () => entry.goneListeners.delete(listener);
  }

  waitCardGone(readerName: string, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const entry = this.readers.get(readerName);
      if (!entry || !entry.raw.present || this.phase !== 'up') {
        resolve(true);
        return;
      }
      const check = (): void => {
        const current = this.readers.get(readerName);
        if (current !== entry || !entry.raw.present || this.phase !== 'up') finish(true);
      };
      const finish = (gone: boolean): void => {
        clearTimeout(timer);
        entry.statusWaiters.delete(check);
        resolve(gone);
      };
      const timer = setTimeout(() => finish(false), ms);
      entry.statusWaiters.add(check);
    });
  }

  // ---- supervision ----

  /**
   * Creates a binding context. Returns a promise for "first enumeration and status reports are
   * in", or undefined when pcscd is unreachable (this.lostReason says why).
   */
  private establish(): Promise<void> | undefined {
    const factory = this.bindingFactory ?? loadBinding();
    let context: BindingContext;
    try {
      context = factory();
    } catch (err) {
      this.lostReason = err instanceof Error ? err.message : String(err);
      return undefined;
    }
    this.context = context;
    const wasDown = this.phase === 'down';
    this.phase = 'up';
    for (const entry of this.readers.values()) entry.stale = true;
    context.on('error', (err) => this.onContextError(context, err));
    context.on('reader', (reader) => this.onReader(context, reader));
    // the binding gives no "first enumeration done" signal: wrap the start() it calls next tick
    const enumerated = new Promise<void>((resolve) => {
      const originalStart = context.start;
      context.start = (cb) => {
        this.startedContexts.add(context);
        originalStart.call(context, (err, data) => {
          cb(err, data);
          if (this.context === context) this.afterEnumeration();
          resolve();
        });
      };
    });
    if (wasDown) this.emit('service-restored');
    return enumerated.then(() => this.waitFirstReports(context));
  }

  private afterEnumeration(): void {
    for (const entry of [...this.readers.values()]) {
      if (entry.stale) this.dropReader(entry, new CardRemovedError(entry.name));
    }
  }

  private async waitFirstReports(context: BindingContext): Promise<void> {
    const deadline = Date.now() + this.options.startTimeoutMs;
    while (this.context === context && Date.now() < deadline) {
      if ([...this.readers.values()].every((entry) => entry.reported)) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private onReader(context: BindingContext, reader: BindingReader): void {
    if (this.context !== context) return;
    // without an 'error' listener the binding's emit would throw
    reader.on('error', (err) => this.onReaderError(context, reader, err));
    reader.on('end', () => this.onReaderEnd(reader));
    reader.on('status', (status) => this.onStatus(reader, status));
    const existing = this.readers.get(reader.name);
    if (existing) {
      closeQuietly(existing.binding);
      existing.binding = reader;
      existing.stale = false;
      existing.reported = false;
      return;
    }
    const entry: ReaderEntry = {
      name: reader.name,
      binding: reader,
      raw: EMPTY_SLOT,
      reported: false,
      stale: false,
      debouncer: new Debouncer<CardSlot>(this.options.debounceMs, sameSlot, (previous, next) =>
        this.onSettled(entry, previous, next),
      ),
      goneListeners: new Set(),
      statusWaiters: new Set(),
    };
    this.readers.set(reader.name, entry);
    this.emit('reader-added', reader.name);
  }

  private onStatus(reader: BindingReader, status: BindingStatus): void {
    const entry = this.readers.get(reader.name);
    if (!entry || entry.binding !== reader || this.phase !== 'up') return;
    const bits = decodeState(status.state);
    const slot: CardSlot = bits.cardPresent
      ? {
          present: true,
          atr: Buffer.from(status.atr ?? [])
            .toString('hex')
            .toUpperCase(),
        }
      : EMPTY_SLOT;
    entry.raw = slot;
    entry.reported = true;
    if (!slot.present) this.notifyGone(entry, new CardRemovedError(entry.name));
    for (const waiter of [...entry.statusWaiters]) waiter();
    entry.debouncer.push(slot);
  }

  private onSettled(entry: ReaderEntry, previous: CardSlot | undefined, next: CardSlot): void {
    if (previous?.present) this.emit('card-removed', entry.name);
    if (next.present) this.emit('card-inserted', entry.name, fromHex(next.atr));
  }

  private onReaderEnd(reader: BindingReader): void {
    const entry = this.readers.get(reader.name);
    if (!entry || entry.binding !== reader || this.phase !== 'up') return;
    // an unplugged reader ends quietly; the context's next enumeration no longer lists it
    this.dropReader(entry, new CardRemovedError(entry.name));
  }

  private onReaderError(context: BindingContext, reader: BindingReader, err: Error): void {
    const entry = this.readers.get(reader.name);
    if (this.context !== context || !entry || entry.binding !== reader) return;
    this.onContextError(context, err);
  }

  /** Any monitor failure ends the binding's watching for good: build a new context. */
  private onContextError(context: BindingContext, err: Error): void {
    if (this.context !== context || this.phase !== 'up') return;
    this.context = undefined;
    this.disposeContext(context);
    if (isServiceError(err)) {
      this.goDown(err.message, true);
      return;
    }
    // a one-off monitor failure while pcscd is fine: rebuild at once, reconcile quietly
    if (!this.establish()) this.goDown(this.lostReason, true);
  }

  private goDown(reason: string, wasUp: boolean): void {
    this.phase = 'down';
    this.lostReason = reason;
    retireIdleReaderObjects();
    this.emit('service-lost', reason);
    if (wasUp) {
      for (const entry of [...this.readers.values()])
        this.dropReader(entry, new PcscUnavailableError(reason));
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.phase !== 'down') return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.phase !== 'down') return;
      if (!this.establish()) this.scheduleRetry();
    }, this.options.retryMs);
  }

  private dropReader(entry: ReaderEntry, reason: Error): void {
    if (this.readers.get(entry.name) !== entry) return;
    this.readers.delete(entry.name);
    entry.debouncer.cancel();
    closeQuietly(entry.binding);
    this.notifyGone(entry, reason);
    for (const waiter of [...entry.statusWaiters]) waiter();
    if (entry.debouncer.stable?.present) this.emit('card-removed', entry.name);
    this.emit('reader-removed', entry.name);
  }

  private notifyGone(entry: ReaderEntry, error: Error): void {
    const listeners = [...entry.goneListeners];
    entry.goneListeners.clear();
    for (const listener of listeners) listener(error);
  }

  private disposeContext(context: BindingContext): void {
    context.removeAllListeners('reader');
    // close() reports "Command cancelled" through 'error'; keep a listener so it cannot throw
    context.removeAllListeners('error');
    context.on('error', () => undefined);
    if (this.startedContexts.has(context)) context.close();
    else setImmediate(() => context.close());
    for (const reader of Object.values(context.readers)) closeQuietly(reader);
  }

  private requireUp(): void {
    if (this.phase === 'closed') throw new PcscError('the PC/SC service is closed');
    if (this.phase !== 'up') throw new PcscUnavailableError(this.lostReason || 'not started');
  }
}

function closeQuietly(reader: BindingReader): void {
  reader.removeAllListeners('status');
  reader.removeAllListeners('end');
  reader.removeAllListeners('error');
  reader.on('error', () => undefined);
  try {
    reader.close();
  } catch {
    // already closed
  }
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
