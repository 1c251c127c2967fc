// A tiny vpcd card for transport tests: it records every command APDU it receives and answers
// from a script, so tests can assert the exact bytes the station put on the wire.
// vpcd framing (piv-gids-vsc.md §5): 2-byte big-endian length, then the payload; a 1-byte payload
// is a control code (00 off, 01 on, 02 reset, 04 "send ATR"), anything longer is an APDU.
import net from 'node:net';

/** What the card does with one APDU: answer bytes, never answer, or drop the socket (card pulled). */
export type CardReply = Uint8Array | 'hang' | 'close';
export type Responder = (apdu: Uint8Array, index: number) => CardReply;

export const DEFAULT_ATR = Uint8Array.from([
  0x3b, 0x95, 0x13, 0x81, 0x01, 0x80, 0x73, 0xff, 0x01, 0x00, 0x0b,
]);

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

export function bytes(hexString: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hexString.replace(/\s+/g, ''), 'hex'));
}

export interface ScriptedCardOptions {
  readonly port: number;
  readonly atr?: Uint8Array;
  /** replies used in order; when it runs out, `fallback` answers */
  readonly script?: readonly CardReply[];
  readonly fallback?: Responder;
}

export class ScriptedCard {
  readonly received: Uint8Array[] = [];
  readonly controls: number[] = [];
  private readonly port: number;
  private readonly atr: Uint8Array;
  private readonly script: CardReply[];
  private readonly fallback: Responder;
  private socket: net.Socket | undefined;
  private onFirstContact: (() => void) | undefined;

  constructor(options: ScriptedCardOptions) {
    this.port = options.port;
    this.atr = options.atr ?? DEFAULT_ATR;
    this.script = [...(options.script ?? [])];
    this.fallback = options.fallback ?? (() => Uint8Array.from([0x6d, 0x00]));
  }

  /** Replaces what is left of the script (keeps the card inserted). */
  setScript(script: readonly CardReply[]): void {
    this.script.splice(0, this.script.length, ...script);
  }

  get inserted(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  /**
   * "Inserts" the card: vpcd listens, the card connects to it. Resolves once pcscd has polled
   * the card (its first ATR request), so a port nobody serves fails here with a clear message
   * instead of as a missing event later.
   */
  insert(timeoutMs = 3000): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port: this.port, host: '127.0.0.1' });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new Error(
            `pcscd did not poll the card on vpcd port ${this.port} within ${timeoutMs} ms; ` +
              'is that port served? (each reader pair needs its own driver copy: dev/pcscd.ts writeReaderConfig)',
          ),
        );
      }, timeoutMs);
      socket.once('connect', () => {
        this.socket = socket;
      });
      this.onFirstContact = () => {
        clearTimeout(timer);
        resolve();
      };
      socket.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      let buffered = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buffered = Buffer.concat([buffered, chunk]);
        while (buffered.length >= 2) {
          const len = buffered.readUInt16BE(0);
          if (buffered.length < 2 + len) break;
          const payload = Uint8Array.from(buffered.subarray(2, 2 + len));
          buffered = buffered.subarray(2 + len);
          this.handle(socket, payload);
        }
      });
    });
  }

  /** "Pulls" the card out of the reader. */
  remove(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private handle(socket: net.Socket, payload: Uint8Array): void {
    const first = this.onFirstContact;
    this.onFirstContact = undefined;
    first?.();
    if (payload.length === 1) {
      const code = payload[0] ?? -1;
      if (code === 0x04) this.send(socket, this.atr);
      else this.controls.push(code);
      return;
    }
    const index = this.received.length;
    this.received.push(payload);
    const reply = this.script.length > 0 ? this.script.shift()! : this.fallback(payload, index);
    if (reply === 'hang') return;
    if (reply === 'close') {
      if (this.socket === socket) this.socket = undefined;
      socket.destroy();
      return;
    }
    this.send(socket, reply);
  }

  private send(socket: net.Socket, payload: Uint8Array): void {
    const frame = Buffer.alloc(2 + payload.length);
    frame.writeUInt16BE(payload.length, 0);
    frame.set(payload, 2);
    socket.write(frame);
  }
}
