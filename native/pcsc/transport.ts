// One PC/SC card connection as core's Transport: one logical command in, one complete
// response out. Chaining, GET RESPONSE and 6Cxx re-sends happen here so the PIV client never
// sees the card's buffer sizes. Commands on one connection run strictly one after another.
import {
  CardRemovedError,
  PcscUnavailableError,
  type CommandApdu,
  type Disposition,
  type ResponseApdu,
  type Transport,
} from '../../core/card/transport.ts';
import {
  chainBlocks,
  concatBytes,
  encodeShort,
  getResponseCommand,
  parseResponse,
  sw1,
  sw2,
} from './apdu.ts';
import { callWithDeadline, type BindingReader } from './binding.ts';
import { classify, PcscError, PcscTimeoutError } from './errors.ts';

/** Room for any short response (256 + SW) and extended ones a card might still send. */
const RECEIVE_BUFFER = 65538;
/** A card that keeps answering 61xx past this many rounds is broken; stop instead of looping. */
const MAX_GET_RESPONSE_ROUNDS = 512;

/** What a transport needs to know about its reader from the service that watches it. */
export interface CardWatch {
  /**
   * Calls `listener` once when the card leaves the reader, the reader leaves, or the service
   * is lost. Returns an unsubscribe function.
   */
  onGone(readerName: string, listener: (error: Error) => void): () => void;
  /** Resolves true if the reader reports no card within `ms` (used to explain odd failures). */
  waitCardGone(readerName: string, ms: number): Promise<boolean>;
}

export interface TransportTimeouts {
  /** per SCardTransmit; on-card RSA key generation can take tens of seconds */
  readonly transmitMs: number;
  readonly disconnectMs: number;
  /** how long to wait for the reader to confirm removal after an unexplained failure */
  readonly removalGraceMs: number;
}

export interface PcscTransportInit {
  readonly reader: BindingReader;
  readonly readerName: string;
  readonly atr: Uint8Array;
  readonly protocol: number;
  readonly watch: CardWatch;
  readonly timeouts: TransportTimeouts;
  /** called after the card handle is released (the service reuses the reader object) */
  readonly onClosed: (reader: BindingReader, reusable: boolean) => void;
}

export class PcscTransport implements Transport {
  readonly readerName: string;
  readonly atr: Uint8Array;
  private readonly reader: BindingReader;
  private readonly protocol: number;
  private readonly watch: CardWatch;
  private readonly timeouts: TransportTimeouts;
  private readonly onClosed: (reader: BindingReader, reusable: boolean) => void;
  private readonly unwatch: () => void;
  private queue: Promise<unknown> = Promise.resolve();
  /** set once the connection can no longer be used; every later call fails with it */
  private broken: Error | undefined;
  private closed = false;
  private abortInFlight: ((error: Error) => void) | undefined;

  constructor(init: PcscTransportInit) {
    this.reader = init.reader;
    this.readerName = init.readerName;
    this.atr = init.atr;
    this.protocol = init.protocol;
    this.watch = init.watch;
    this.timeouts = init.timeouts;
    this.onClosed = init.onClosed;
    this.unwatch = this.watch.onGone(this.readerName, (error) => this.fail(error));
  }

  /** false once closed or once the card/service is gone */
  get usable(): boolean {
    return !this.closed && this.broken === undefined;
  }

  transmit(command: CommandApdu): Promise<ResponseApdu> {
    const run = (): Promise<ResponseApdu> => this.exchange(command);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(disposition: Disposition = 'reset'): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unwatch();
    // let a command in flight finish (or fail) first, but never wait on it without bound
    await Promise.race([this.queue, sleep(this.timeouts.disconnectMs)]);
    let reusable = false;
    try {
      await callWithDeadline<void>('SCardDisconnect', this.timeouts.disconnectMs, (done) =>
        this.reader.disconnect(this.dispositionCode(disposition), (err) => done(err, undefined)),
      );
      reusable = this.broken === undefined;
    } catch {
      // the card or the service is already gone, or the handle is stuck: nothing left to release
    }
    this.onClosed(this.reader, reusable);
  }

  private dispositionCode(disposition: Disposition): number {
    switch (disposition) {
      case 'leave':
        return this.reader.SCARD_LEAVE_CARD;
      case 'reset':
        return this.reader.SCARD_RESET_CARD;
      case 'unpower':
        return this.reader.SCARD_UNPOWER_CARD;
      case 'eject':
        return this.reader.SCARD_EJECT_CARD;
    }
  }

  private fail(error: Error): void {
    this.broken ??= error;
    this.abortInFlight?.(this.broken);
  }

  private async exchange(command: CommandApdu): Promise<ResponseApdu> {
    const blocks = chainBlocks(command);
    for (const block of blocks.slice(0, -1)) {
      const response = await this.send(block);
      if (response.sw !== 0x9000) return response;
    }
    const last = blocks[blocks.length - 1] ?? command;
    let response = await this.sendWithLeCorrection(last);
    const parts = [response.data];
    for (let round = 0; sw1(response.sw) === 0x61; round++) {
      if (round >= MAX_GET_RESPONSE_ROUNDS) {
        throw new PcscError(
          `the card kept answering 61xx after ${MAX_GET_RESPONSE_ROUNDS} GET RESPONSE rounds`,
        );
      }
      response = await this.sendWithLeCorrection(getResponseCommand(last.cla, sw2(response.sw)));
      parts.push(response.data);
    }
    return { data: concatBytes(parts), sw: response.sw };
  }

  /** `6Cxx` = "wrong Le, the right one is xx": send the same command once more with it. */
  private async sendWithLeCorrection(command: CommandApdu): Promise<ResponseApdu> {
    const response = await this.send(command);
    if (sw1(response.sw) !== 0x6c) return response;
    const ne = sw2(response.sw) === 0 ? 256 : sw2(response.sw);
    return this.send({ ...command, ne });
  }

  private async send(command: CommandApdu): Promise<ResponseApdu> {
    if (this.closed) throw new PcscError(`the connection to "${this.readerName}" is closed`);
    if (this.broken) throw this.broken;
    const bytes = Buffer.from(encodeShort(command));
    let raw: Buffer;
    try {
      raw = await new Promise<Buffer>((resolve, reject) => {
        this.abortInFlight = reject;
        callWithDeadline<Buffer>('SCardTransmit', this.timeouts.transmitMs, (done) =>
          this.reader.transmit(bytes, RECEIVE_BUFFER, this.protocol, done),
        ).then(resolve, reject);
      });
    } catch (err) {
      throw await this.explain(err);
    } finally {
      this.abortInFlight = undefined;
    }
    const response = parseResponse(raw);
    // pcscd hands back an empty buffer when the card went away mid-exchange
    if (response === undefined) throw await this.explain(new PcscError('the card returned no status word'));
    return response;
  }

  /** Decides what a failed exchange means, and whether the connection survives it. */
  private async explain(err: unknown): Promise<Error> {
    if (this.broken) return this.broken;
    if (err instanceof PcscTimeoutError) {
      this.broken = err;
      return err;
    }
    const error = classify(err, this.readerName);
    if (error instanceof CardRemovedError || error instanceof PcscUnavailableError) {
      this.broken = error;
      return error;
    }
    // "transaction failed" and short answers usually mean the card left; the reader confirms
    // that a few hundred ms later, so wait for it before blaming the card
    if (await this.watch.waitCardGone(this.readerName, this.timeouts.removalGraceMs)) {
      this.broken ??= new CardRemovedError(this.readerName);
      return this.broken;
    }
    return error;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
