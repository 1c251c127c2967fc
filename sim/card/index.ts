// Library entry: start a software PIV card on a vpcd reader from tests or the demo.
//
//   const card = await startSoftCard({ port: vpcdPair().port, config: { pin: '123456' } });
//   ... drive it through pcscd ...
//   await card.stop();
import { loadCardFile, manufacture, saveCardFile, type CardState } from './card-state.ts';
import { resolveConfig, type SoftCardConfig } from './card-config.ts';
import { FaultInjector, type FaultPlan } from './faults.ts';
import { PivApplet } from './piv-applet.ts';
import { publicKeyPem } from './piv-keys.ts';
import { VpcdLink } from './vpcd-link.ts';

export type { SoftCardConfig } from './card-config.ts';
export type { FaultPlan, StatusWordFault } from './faults.ts';
export { parseFaultPlan } from './faults.ts';
export { loadConfigFile } from './card-config.ts';

export interface SoftCardOptions {
  /** vpcd port of the reader slot (35963 = "Virtual PCD 00 00") */
  readonly port: number;
  readonly host?: string;
  /** factory settings; ignored when persistPath already holds a card */
  readonly config?: SoftCardConfig;
  /** keep the whole card in this file (mode 0600) so it survives restarts; in memory when absent */
  readonly persistPath?: string;
  readonly faults?: FaultPlan;
  /** wait this long for vpcd to accept the first connection (default 5000 ms; 0 = do not wait) */
  readonly connectTimeoutMs?: number;
  /**
   * shortest time a removed card stays out before insert() reconnects (default 1000 ms): pcscd
   * polls vpcd about every 400 ms and gets confused by a card that is back before it noticed
   */
  readonly minRemovedMs?: number;
  /** one line per event; APDU headers and status words only, never data */
  readonly log?: (line: string) => void;
}

/** What tests may look at. Secrets are reduced to "still the factory value?" flags. */
export interface SoftCardStatus {
  readonly present: boolean;
  readonly serial: number;
  readonly version: string;
  readonly pin: { readonly retriesLeft: number; readonly retryLimit: number; readonly isDefault: boolean };
  readonly puk: { readonly retriesLeft: number; readonly retryLimit: number; readonly isDefault: boolean };
  readonly managementKey: { readonly algorithm: number; readonly isDefault: boolean };
  readonly pinVerified: boolean;
  readonly adminAuthenticated: boolean;
  readonly slots: Readonly<
    Record<
      string,
      { algorithm: number; pinPolicy: number; touchPolicy: number; origin: 'generated' | 'imported' }
    >
  >;
  /** data objects present, as hex tags (e.g. "5fc105") */
  readonly objects: readonly string[];
}

export interface SoftCard {
  readonly port: number;
  /** APDUs received since start (control codes not counted) */
  readonly apduCount: number;
  readonly present: boolean;
  status(): SoftCardStatus;
  /** SubjectPublicKeyInfo PEM of the key in a slot (e.g. 0x9a), if any */
  publicKeyPem(slot: number): string | undefined;
  /** raw data-object value as stored (content of tag 53), for assertions */
  object(tag: number): Buffer | undefined;
  /** replace the fault plan; counting restarts now */
  setFaults(plan: FaultPlan): void;
  /** pull the card out of the reader (closes the vpcd connection) */
  remove(): Promise<void>;
  /** put it back; resolves once vpcd accepted the connection */
  insert(timeoutMs?: number): Promise<void>;
  waitPresent(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const sameAsFactory = (a: Buffer, b: Buffer): boolean => a.equals(b);

class SoftCardImpl implements SoftCard {
  readonly port: number;
  apduCount = 0;
  private readonly applet: PivApplet;
  private readonly link: VpcdLink;
  private readonly persistPath: string | undefined;
  private readonly log: (line: string) => void;
  private faults: FaultInjector;
  private waiters: (() => void)[] = [];
  private isPresent = false;
  private removedAt = 0;
  private readonly minRemovedMs: number;

  constructor(options: SoftCardOptions) {
    this.port = options.port;
    this.persistPath = options.persistPath;
    this.log = options.log ?? (() => {});
    this.faults = new FaultInjector(options.faults);
    this.minRemovedMs = options.minRemovedMs ?? 1000;
    const config = resolveConfig(options.config);
    let state: CardState | undefined = this.persistPath ? loadCardFile(this.persistPath) : undefined;
    if (state === undefined) {
      state = manufacture(config);
      if (this.persistPath) saveCardFile(this.persistPath, state);
    }
    const persist = (): void => {
      if (this.persistPath) saveCardFile(this.persistPath, this.applet.state);
    };
    this.applet = new PivApplet(state, config, { onStateChange: persist });
    this.link = new VpcdLink(
      { host: options.host ?? '127.0.0.1', port: options.port },
      {
        atr: config.atr,
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

  status(): SoftCardStatus {
    const s = this.applet.state;
    const slots: Record<string, SoftCardStatus['slots'][string]> = {};
    for (const [slot, k] of s.keys) {
      slots[slot.toString(16)] = {
        algorithm: k.algorithm,
        pinPolicy: k.pinPolicy,
        touchPolicy: k.touchPolicy,
        origin: k.origin === 1 ? 'generated' : 'imported',
      };
    }
    return {
      present: this.isPresent,
      serial: s.serial,
      version: s.version.join('.'),
      pin: {
        retriesLeft: s.pin.retriesLeft,
        retryLimit: s.pin.retryLimit,
        isDefault: sameAsFactory(s.pin.value, s.pin.factory),
      },
      puk: {
        retriesLeft: s.puk.retriesLeft,
        retryLimit: s.puk.retryLimit,
        isDefault: sameAsFactory(s.puk.value, s.puk.factory),
      },
      managementKey: {
        algorithm: s.managementKeyAlgorithm,
        isDefault: sameAsFactory(s.managementKey, s.factoryManagementKey),
      },
      pinVerified: this.applet.pinVerified,
      adminAuthenticated: this.applet.adminAuthenticated,
      slots,
      objects: [...s.objects.keys()].map((t) => t.toString(16)),
    };
  }

  publicKeyPem(slot: number): string | undefined {
    const k = this.applet.state.keys.get(slot);
    return k === undefined ? undefined : publicKeyPem(k.key);
  }

  object(tag: number): Buffer | undefined {
    const v = this.applet.state.objects.get(tag);
    return v === undefined ? undefined : Buffer.from(v);
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
}

export async function startSoftCard(options: SoftCardOptions): Promise<SoftCard> {
  const card = new SoftCardImpl(options);
  card.start();
  const timeout = options.connectTimeoutMs ?? 5000;
  if (timeout > 0) {
    try {
      await card.waitPresent(timeout);
    } catch (e) {
      await card.stop();
      throw e;
    }
  }
  return card;
}
