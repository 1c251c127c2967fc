// What every software card personality shares: the vpcd connection (present = connected),
// power events, fault injection, APDU counting and pulling/pushing the card. The personality
// (PIV, GIDS) only answers APDUs.
import { FaultInjector, type FaultPlan } from './faults.ts';
import { VpcdLink } from './vpcd-link.ts';

export interface HostedApplet {
  /** one command APDU in, one response APDU (data ‖ SW1 SW2) out */
  process(raw: Buffer): Buffer;
  /** power off / on / reset and card removal drop volatile state */
  powerReset(): void;
}

export interface CardHostOptions {
  readonly port: number;
  readonly host?: string;
  readonly faults?: FaultPlan;
  readonly minRemovedMs?: number;
  readonly log?: (line: string) => void;
}

export class CardHost {
  readonly port: number;
  apduCount = 0;
  private readonly applet: HostedApplet;
  private readonly link: VpcdLink;
  private readonly log: (line: string) => void;
  private faults: FaultInjector;
  private waiters: (() => void)[] = [];
  private isPresent = false;
  private removedAt = 0;
  private readonly minRemovedMs: number;

  constructor(options: CardHostOptions, atr: Buffer, applet: HostedApplet) {
    this.port = options.port;
    this.applet = applet;
    this.log = options.log ?? (() => {});
    this.faults = new FaultInjector(options.faults);
    this.minRemovedMs = options.minRemovedMs ?? 1000;
    this.link = new VpcdLink(
      { host: options.host ?? '127.0.0.1', port: options.port },
      {
        atr,
        onPower: (code) => {
          this.log(
            `power ${code === 0 ? 'off' : code === 1 ? 'on' : code === 2 ? 'reset' : code.toString(16)}`,
          );
          this.applet.powerReset();
        },
        onApdu: (apdu) => this.handleApdu(apdu),
        onConnectionChange: (connected) => {
          this.isPresent = connected;
          if (!connected) this.removedAt = Date.now();
          this.applet.powerReset();
          this.log(connected ? `connected to vpcd port ${this.port}` : 'disconnected from vpcd');
          if (connected) for (const w of this.waiters.splice(0)) w();
        },
      },
    );
  }

  get present(): boolean {
    return this.isPresent;
  }

  start(): void {
    this.link.open();
  }

  private handleApdu(apdu: Buffer): Buffer | undefined {
    this.apduCount++;
    const head = apdu.subarray(0, 4).toString('hex');
    const fault = this.faults.onApdu(apdu);
    if (fault === 'remove') {
      this.log(`apdu ${head} -> fault: card removed`);
      void this.link.close();
      return undefined;
    }
    if (typeof fault === 'number') {
      this.log(`apdu ${head} -> fault sw ${fault.toString(16)}`);
      return Buffer.from([fault >> 8, fault & 0xff]);
    }
    const response = this.applet.process(apdu);
    this.log(`apdu ${head} -> ${response.subarray(response.length - 2).toString('hex')}`);
    return response;
  }

  setFaults(plan: FaultPlan): void {
    this.faults = new FaultInjector(plan);
  }

  async remove(): Promise<void> {
    await this.link.close();
    this.isPresent = false;
  }

  async insert(timeoutMs = 5000): Promise<void> {
    const wait = this.removedAt + this.minRemovedMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.link.open();
    await this.waitPresent(timeoutMs);
  }

  waitPresent(timeoutMs = 5000): Promise<void> {
    if (this.isPresent) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(
          new Error(`soft card: vpcd port ${this.port} did not accept a connection within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(done);
    });
  }

  async stop(): Promise<void> {
    await this.link.close();
    this.isPresent = false;
  }

  /** Opens the link and waits (timeoutMs > 0) for vpcd to accept it; stops again on failure. */
  async startAndWait(timeoutMs: number): Promise<void> {
    this.start();
    if (timeoutMs <= 0) return;
    try {
      await this.waitPresent(timeoutMs);
    } catch (e) {
      await this.stop();
      throw e;
    }
  }
}
