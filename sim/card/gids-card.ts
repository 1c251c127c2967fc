// Library entry for the GIDS personality: a software Windows TPM virtual smart card on a vpcd
// reader, for tests and the demo.
//
//   const card = await startGidsCard({ port: vpcdPair().port });   // fresh tpmvscmgr /generate card
//   ... drive it through pcscd (OpenSC sees "GIDS Smart Card") ...
//   await card.stop();
import { createPublicKey } from 'node:crypto';
import { CardHost } from './card-host.ts';
import type { FaultPlan } from './faults.ts';
import { GidsApplet } from './gids-applet.ts';
import { resolveGidsConfig, type GidsCardConfig } from './gids-config.ts';
import { loadGidsFile, manufactureGids, saveGidsFile, sameSecret, type GidsCardState } from './gids-state.ts';

export interface GidsSoftCardOptions {
  readonly port: number;
  readonly host?: string;
  /** factory settings; ignored when persistPath already holds a card */
  readonly config?: GidsCardConfig;
  /** keep the whole card in this file (mode 0600); in memory when absent */
  readonly persistPath?: string;
  readonly faults?: FaultPlan;
  readonly connectTimeoutMs?: number;
  readonly minRemovedMs?: number;
  /** one line per event; APDU headers and status words only, never data */
  readonly log?: (line: string) => void;
}

interface ReferenceStatus {
  readonly retriesLeft: number;
  readonly retryLimit: number;
  readonly isDefault: boolean;
}

/** What tests may look at; secrets are reduced to "still the factory value?" flags. */
export interface GidsSoftCardStatus {
  readonly present: boolean;
  readonly lifecycle: 'creation' | 'operational';
  readonly pin: ReferenceStatus;
  /** undefined when the card was made without a PUK */
  readonly puk: ReferenceStatus | undefined;
  readonly adminKey: { readonly isFactory: boolean };
  readonly pinVerified: boolean;
  readonly adminAuthenticated: boolean;
  /** key files by key reference as hex ("81"), with the GIDS algorithm id of their key if any */
  readonly keys: Readonly<Record<string, { activated: boolean; algorithm: number | undefined }>>;
  /** data objects as "a010/df23" */
  readonly objects: readonly string[];
}

export interface GidsSoftCard {
  readonly port: number;
  readonly apduCount: number;
  readonly present: boolean;
  status(): GidsSoftCardStatus;
  /** SPKI PEM of the key in key file B0<kid>, if any */
  publicKeyPem(kid: number): string | undefined;
  /** raw value of the data object `tag` in DO EF `ef`, for assertions */
  dataObject(ef: number, tag: number): Buffer | undefined;
  /** true when `admin key` is the card's current admin key (tests of admin-key changes) */
  hasAdminKey(key: Uint8Array): boolean;
  setFaults(plan: FaultPlan): void;
  remove(): Promise<void>;
  insert(timeoutMs?: number): Promise<void>;
  waitPresent(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const refStatus = (r: GidsCardState['pin']): ReferenceStatus => ({
  retriesLeft: r.retriesLeft,
  retryLimit: r.retryLimit,
  isDefault: sameSecret(r.value, r.factory),
});

class GidsSoftCardImpl implements GidsSoftCard {
  private readonly applet: GidsApplet;
  private readonly host: CardHost;

  constructor(options: GidsSoftCardOptions) {
    const path = options.persistPath;
    const config = resolveGidsConfig(options.config);
    let state = path ? loadGidsFile(path) : undefined;
    if (state === undefined) {
      state = manufactureGids(config);
      if (path) saveGidsFile(path, state);
    }
    this.applet = new GidsApplet(state, config, {
      onStateChange: () => {
        if (path) saveGidsFile(path, this.applet.state);
      },
    });
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

  status(): GidsSoftCardStatus {
    const s = this.applet.state;
    const keys: Record<string, { activated: boolean; algorithm: number | undefined }> = {};
    for (const k of s.keys.values()) {
      keys[k.kid.toString(16)] = { activated: k.activated, algorithm: k.key ? k.algorithm : undefined };
    }
    const objects: string[] = [];
    for (const ef of s.efs.values()) {
      for (const tag of ef.objects.keys()) objects.push(`${ef.id.toString(16)}/${tag.toString(16)}`);
    }
    return {
      present: this.host.present,
      lifecycle: s.lifecycle,
      pin: refStatus(s.pin),
      puk: s.puk === undefined ? undefined : refStatus(s.puk),
      adminKey: { isFactory: sameSecret(s.adminKey, s.factoryAdminKey) },
      pinVerified: this.applet.pinVerified,
      adminAuthenticated: this.applet.adminAuthenticated,
      keys,
      objects,
    };
  }

  publicKeyPem(kid: number): string | undefined {
    const key = this.applet.state.keys.get(kid)?.key;
    return key === undefined
      ? undefined
      : createPublicKey(key).export({ format: 'pem', type: 'spki' }).toString();
  }

  dataObject(ef: number, tag: number): Buffer | undefined {
    const v = this.applet.state.efs.get(ef)?.objects.get(tag);
    return v === undefined ? undefined : Buffer.from(v);
  }

  hasAdminKey(key: Uint8Array): boolean {
    return sameSecret(this.applet.state.adminKey, Buffer.from(key));
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

export async function startGidsCard(options: GidsSoftCardOptions): Promise<GidsSoftCard> {
  const card = new GidsSoftCardImpl(options);
  await card.startAndWait(options.connectTimeoutMs ?? 5000);
  return card;
}
