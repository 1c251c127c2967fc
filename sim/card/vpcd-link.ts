// The card side of vsmartcard's vpcd protocol: TCP, every message prefixed with a 2-byte
// big-endian length; a 1-byte message is a control code (00 off, 01 on, 02 reset, 04 ATR).
// An open connection is a present card, so closing it is "card removed".
import { connect, type Socket } from 'node:net';

export const VPCD_CONTROL = { POWER_OFF: 0x00, POWER_ON: 0x01, RESET: 0x02, GET_ATR: 0x04 } as const;

export interface VpcdLinkHandler {
  readonly atr: Buffer;
  /** power off / on / reset */
  onPower(code: number): void;
  /** returns the response APDU, or undefined to vanish without answering (fault injection) */
  onApdu(apdu: Buffer): Buffer | undefined;
  onConnectionChange(connected: boolean): void;
}

export interface VpcdLinkOptions {
  readonly host: string;
  readonly port: number;
  /** delay between connection attempts while vpcd is not reachable */
  readonly retryMs?: number;
}

export class VpcdLink {
  private readonly options: VpcdLinkOptions;
  private readonly handler: VpcdLinkHandler;
  private socket: Socket | undefined;
  private wanted = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private buffered = Buffer.alloc(0);

  constructor(options: VpcdLinkOptions, handler: VpcdLinkHandler) {
    this.options = options;
    this.handler = handler;
  }

  get connected(): boolean {
    return this.socket !== undefined && !this.socket.connecting && !this.socket.destroyed;
  }

  /** Keeps (re)connecting until close() is called. */
  open(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.attempt();
  }

  /** Drops the connection (the reader sees the card leave) and stops reconnecting. */
  close(): Promise<void> {
    this.wanted = false;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const socket = this.socket;
    if (socket === undefined || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  private attempt(): void {
    this.retryTimer = undefined;
    if (!this.wanted) return;
    this.buffered = Buffer.alloc(0);
    const socket = connect({ host: this.options.host, port: this.options.port });
    socket.setNoDelay(true);
    this.socket = socket;
    let wasConnected = false;
    socket.on('connect', () => {
      wasConnected = true;
      this.handler.onConnectionChange(true);
    });
    socket.on('data', (chunk) => this.receive(socket, chunk));
    socket.on('error', () => {
      /* 'close' follows; vpcd not listening yet or gone */
    });
    socket.on('close', () => {
      // only the current socket may trigger a reconnect, or a stale one would open a second link
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (wasConnected) this.handler.onConnectionChange(false);
      if (this.wanted && this.retryTimer === undefined) {
        this.retryTimer = setTimeout(() => this.attempt(), this.options.retryMs ?? 200);
      }
    });
  }

  private receive(socket: Socket, chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 2) {
      const length = this.buffered.readUInt16BE(0);
      if (this.buffered.length < 2 + length) return;
      const message = this.buffered.subarray(2, 2 + length);
      this.buffered = this.buffered.subarray(2 + length);
      if (length === 0) {
        socket.destroy();
        return;
      }
      if (length === 1) {
        const code = message[0] as number;
        if (code === VPCD_CONTROL.GET_ATR) this.send(socket, this.handler.atr);
        else this.handler.onPower(code);
        continue;
      }
      const response = this.handler.onApdu(Buffer.from(message));
      if (response === undefined) {
        socket.destroy();
        return;
      }
      this.send(socket, response);
    }
  }

  private send(socket: Socket, payload: Buffer): void {
    const header = Buffer.alloc(2);
    header.writeUInt16BE(payload.length);
    socket.write(Buffer.concat([header, payload]));
  }
}
