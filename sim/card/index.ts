// Library entry: start a software PIV card on a vpcd reader from tests or the demo.
//
//   const card = await startSoftCard({ port: vpcdPair().port, config: { pin: '123456' } });
//   ... drive it through pcscd ...
//   await card.stop();
import { loadCardFile, manufacture, saveCardFile, type CardState } from './card-state.ts';
import { resolveConfig, type SoftCardConfig } from './card-config.ts';
import type { FaultPlan } from './faults.ts';
import { CardHost } from './card-host.ts';
import { PivApplet } from './piv-applet.ts';
import { publicKeyPem } from './piv-keys.ts';

export type { SoftCardConfig } from './card-config.ts';
export type { FaultPlan, StatusWordFault } from './faults.ts';
export { parseFaultPlan } from './faults.ts';
export { loadConfigFile } from './card-config.ts';
export {
  startGidsCard,
  type GidsSoftCard,
  type GidsSoftCardOptions,
  type GidsSoftCardStatus,
} from './gids-card.ts';
export type { GidsCardConfig } from './gids-config.ts';

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
  private readonly applet: PivApplet;
  private readonly host: CardHost;
  private readonly persistPath: string | undefined;

  constructor(options: SoftCardOptions) {
    this.persistPath = options.persistPath;
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
    this.host = new CardHost(options, config.atr, this.applet);
  }

  get port(): number {
    return this.host.port;
  }
  get apduCount(): number {
    return this.host.apduCount;
  }
  get present(): boolean {
    return this.host.present;
  }

  startAndWait(timeoutMs: number): Promise<void> {
    return this.host.startAndWait(timeoutMs);
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
      present: this.host.present,
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
    this.host.setFaults(plan);
  }

  remove(): Promise<void> {
    return this.host.remove();
  }

  insert(timeoutMs = 5000): Promise<void> {
    return this.host.insert(timeoutMs);
  }

  waitPresent(timeoutMs = 5000): Promise<void> {
    return this.host.waitPresent(timeoutMs);
  }

  stop(): Promise<void> {
    return this.host.stop();
  }
}

export async function startSoftCard(options: SoftCardOptions): Promise<SoftCard> {
  const card = new SoftCardImpl(options);
  await card.startAndWait(options.connectTimeoutMs ?? 5000);
  return card;
}
