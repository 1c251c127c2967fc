// In-memory stand-ins for the engine's ports, for the kill-at-every-step suite. Only the card, the
// CA and the key store are faked (they are what a crash can leave half-changed); the journal and the
// enrollment log are the real ones on a temp folder, so "the log verifies" is checked for real.
//
// Every port operation passes `world.op(name)`. With `killAt = n` the n-th operation never returns
// — the process "dies" there — either before its effect ('before') or right after it ('after').
import { generateKeyPairSync, createPublicKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import {
  cardIdFor,
  type CardCapabilities,
  type CardIdentity,
  type EnrollableCard,
} from '../../core/card/edge.ts';
import { NotFoundError, WrongSecretError } from '../../core/card/status-words.ts';
import type {
  CaOutcome,
  CertificateAuthority,
  CertificateChecker,
  ManagementKeyStore,
  SubmissionRecord,
} from '../../core/enrollment/ports.ts';
import { Secret } from '../../core/enrollment/secret.ts';
import type { RequestBuilder } from '../../core/enrollment/engine.ts';
import type { Signer } from '../../core/pki/signer.ts';

const text = (s: Secret): string => s.use((b) => Buffer.from(b).toString('utf8'));
const hex = (s: Secret): string => s.use((b) => Buffer.from(b).toString('hex'));

export class Killed extends Error {}

export class World {
  ops = 0;
  killAt: number | undefined;
  killWhen: 'before' | 'after' = 'before';
  readonly trace: string[] = [];

  /** Call before an operation's effect; returns a continuation to call after it. */
  async op(name: string): Promise<() => Promise<void>> {
    this.ops += 1;
    this.trace.push(name);
    const dieHere = this.killAt === this.ops;
    if (dieHere && this.killWhen === 'before') await never();
    return async () => {
      if (dieHere && this.killWhen === 'after') await never();
    };
  }
}

/** A promise that never settles: the code after it never runs, as after a crash. */
const never = (): Promise<never> => new Promise(() => undefined);

export interface CardState {
  pin: string;
  pinTries: number;
  puk: string;
  adminKey: string;
  key: KeyObject | null;
  certificate: Uint8Array | null;
  guid: string | null;
}

const CAPS: CardCapabilities = {
  pin: { minLength: 6, maxLength: 8, digitsOnly: true },
  puk: true,
  personalise: true,
  metadata: false,
};

export const FACTORY_ADMIN_KEY = '010203040506070801020304050607080102030405060708';

export class FakeCard implements EnrollableCard {
  readonly edge = 'piv' as const;
  readonly capabilities = CAPS;
  readonly world: World;
  readonly state: CardState;
  readonly serial: string | null;
  readonly atr = '3bf81300008131fe15597562696b657934d4';
  #admin = false;
  #pinOk = false;

  constructor(world: World, state: Partial<CardState> = {}, serial: string | null = '4242') {
    this.world = world;
    this.serial = serial;
    this.state = {
      pin: '12345678',
      pinTries: 3,
      puk: '12345678',
      adminKey: FACTORY_ADMIN_KEY,
      key: null,
      certificate: null,
      guid: null,
      ...state,
    };
  }

  /** a new session on the same card (after a restart): nothing verified */
  reconnect(world: World): FakeCard {
    const c = new FakeCard(world, this.state, this.serial);
    return c;
  }

  async #do<T>(name: string, effect: () => T): Promise<T> {
    const after = await this.world.op(`card.${name}`);
    const result = effect();
    await after();
    return result;
  }

  identify(): Promise<CardIdentity> {
    return this.#do('identify', () => ({
      readerName: 'Fake Reader 0',
      atr: this.atr,
      edge: 'piv' as const,
      cardId: cardIdFor('piv', this.atr, this.serial, this.serial === null ? this.state.guid : null),
      serial: this.serial,
      guid: this.serial === null ? this.state.guid : null,
      hasCertificate: this.state.certificate !== null,
      factoryPin: 'unknown' as const,
      factoryPuk: 'unknown' as const,
      pinTriesLeft: null,
    }));
  }
  pinTriesLeft(): Promise<number | null> {
    return this.#do('pinTriesLeft', () => this.state.pinTries);
  }
  authenticateAdmin(key: Secret): Promise<void> {
    const given = hex(key);
    return this.#do('authenticateAdmin', () => {
      if (given !== this.state.adminKey)
        throw new WrongSecretError('AUTH', 0x6982, 'management key', undefined);
      this.#admin = true;
    });
  }
  #requireAdmin(): void {
    if (!this.#admin) throw new WrongSecretError('ADMIN', 0x6982, 'management key', undefined);
  }
  generateKey(): Promise<Signer> {
    return this.#do('generateKey', () => {
      this.#requireAdmin();
      this.state.key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
      return this.#signer(this.state.key);
    });
  }
  destroyKey(): Promise<void> {
    return this.#do('destroyKey', () => {
      this.#requireAdmin();
      this.state.key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    });
  }
  #signer(key: KeyObject): Signer {
    const spki = new Uint8Array(createPublicKey(key).export({ format: 'der', type: 'spki' }));
    return {
      spki,
      keyAlgorithm: 'EC-P256',
      sign: async (data) => {
        const after = await this.world.op('card.sign');
        if (!this.#pinOk) throw new WrongSecretError('SIGN', 0x6982, 'PIN', undefined);
        if (this.state.key === null) throw new NotFoundError('SIGN', 0x6a82);
        const sig = new Uint8Array(nodeSign('sha256', data, this.state.key));
        await after();
        return sig;
      },
    };
  }
  verifyPin(pin: Secret): Promise<void> {
    const given = text(pin);
    return this.#do('verifyPin', () => {
      if (this.state.pinTries === 0) throw new WrongSecretError('VERIFY', 0x63c0, 'PIN', 0);
      if (given !== this.state.pin) {
        this.state.pinTries -= 1;
        throw new WrongSecretError('VERIFY', 0x63c0 | this.state.pinTries, 'PIN', this.state.pinTries);
      }
      this.state.pinTries = 3;
      this.#pinOk = true;
    });
  }
  signerFor(): Signer {
    if (this.state.key === null) throw new NotFoundError('signer', 0x6a82);
    return this.#signer(this.state.key);
  }
  readCertificate(): Promise<Uint8Array | null> {
    return this.#do('readCertificate', () => this.state.certificate);
  }
  writeCertificate(der: Uint8Array): Promise<void> {
    return this.#do('writeCertificate', () => {
      this.#requireAdmin();
      this.state.certificate = Uint8Array.from(der);
    });
  }
  deleteCertificate(): Promise<void> {
    return this.#do('deleteCertificate', () => {
      this.#requireAdmin();
      this.state.certificate = null;
    });
  }
  personalise(guid: string | null): Promise<string> {
    return this.#do('personalise', () => {
      this.#requireAdmin();
      this.state.guid = guid ?? Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('hex');
      return this.state.guid;
    });
  }
  setAdminKey(key: Secret): Promise<void> {
    const next = hex(key);
    return this.#do('setAdminKey', () => {
      this.#requireAdmin();
      this.state.adminKey = next;
    });
  }
  changePin(current: Secret, next: Secret): Promise<void> {
    const [a, b] = [text(current), text(next)];
    return this.#do('changePin', () => {
      if (a !== this.state.pin) {
        this.state.pinTries -= 1;
        throw new WrongSecretError('CHANGE', 0x63c0 | this.state.pinTries, 'PIN', this.state.pinTries);
      }
      this.state.pin = b;
    });
  }
  changePuk(current: Secret, next: Secret): Promise<void> {
    const [a, b] = [text(current), text(next)];
    return this.#do('changePuk', () => {
      if (a !== this.state.puk) throw new WrongSecretError('CHANGE PUK', 0x63c2, 'PUK', 2);
      this.state.puk = b;
    });
  }
  unblockPin(puk: Secret, newPin: Secret): Promise<void> {
    const [a, b] = [text(puk), text(newPin)];
    return this.#do('unblockPin', () => {
      if (a !== this.state.puk) throw new WrongSecretError('RESET', 0x63c2, 'PUK', 2);
      this.state.pin = b;
      this.state.pinTries = 3;
    });
  }
}

/** A "certificate": the certified public key and the user, as JSON. Only the fake checker reads it. */
interface FakeCert {
  readonly spki: string;
  readonly upn: string;
  readonly serial: string;
}
const encodeCert = (c: FakeCert): Uint8Array => new TextEncoder().encode(JSON.stringify(c));
export const decodeCert = (der: Uint8Array): FakeCert =>
  JSON.parse(new TextDecoder().decode(der)) as FakeCert;

export class FakeCa implements CertificateAuthority {
  readonly world: World;
  /** per enrollment key: what the CA holds */
  readonly requests = new Map<string, { reqId: number; certificate: Uint8Array; issued: boolean }>();
  readonly ledger = new Map<string, SubmissionRecord>();
  /** the CA hands out a certificate for another user (a typo in --upn makes the check fail) */
  upnOverride: string | undefined;
  pending = false;
  #next = 1;

  constructor(world: World) {
    this.world = world;
  }

  async submit(request: Uint8Array, _template: string, key: string): Promise<CaOutcome> {
    const existing = this.requests.get(key);
    if (existing) return this.#outcome(existing);
    this.ledger.set(key, { state: 'maybe' });
    const after = await this.world.op('ca.submit');
    const req = JSON.parse(new TextDecoder().decode(request)) as { spki: string; upn: string };
    const reqId = this.#next++;
    const entry = {
      reqId,
      certificate: encodeCert({
        spki: req.spki,
        upn: this.upnOverride ?? req.upn,
        serial: `5e${reqId.toString(16).padStart(2, '0')}`,
      }),
      issued: !this.pending,
    };
    this.requests.set(key, entry);
    await after();
    this.ledger.set(key, { state: 'known', reqId });
    return this.#outcome(entry);
  }
  #outcome(e: { reqId: number; certificate: Uint8Array; issued: boolean }): CaOutcome {
    return e.issued
      ? { kind: 'issued', reqId: e.reqId, certificate: e.certificate }
      : { kind: 'pending', reqId: e.reqId };
  }
  async retrieve(reqId: number): Promise<CaOutcome> {
    const after = await this.world.op('ca.retrieve');
    const e = [...this.requests.values()].find((x) => x.reqId === reqId);
    await after();
    if (e === undefined)
      return {
        kind: 'denied',
        reqId,
        code: 'CA_REQUEST_UNKNOWN',
        hresult: null,
        message: 'unknown',
        resolution: '',
      };
    return this.#outcome(e);
  }
  async submission(key: string): Promise<SubmissionRecord | undefined> {
    return this.ledger.get(key);
  }
  approveAll(): void {
    for (const e of this.requests.values()) e.issued = true;
  }
}

export const fakeRequests: RequestBuilder = {
  async csr(signer, job) {
    // the card signs, as for a real PKCS#10
    await signer.sign(new TextEncoder().encode('csr'), 'SHA-256');
    return new TextEncoder().encode(
      JSON.stringify({ spki: Buffer.from(signer.spki).toString('base64'), upn: job.upn }),
    );
  },
  async onBehalf(csr) {
    return csr;
  },
};

export const fakeChecker: CertificateChecker = async (der, expected) => {
  const c = decodeCert(der);
  const reasons = [
    ...(c.spki === Buffer.from(expected.spki).toString('base64') ? [] : ['KEY_MISMATCH']),
    ...(c.upn === expected.upn ? [] : ['UPN_MISMATCH']),
  ];
  const notBefore = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    ok: reasons.length === 0,
    reasons,
    serial: c.serial,
    thumbprint: 'ab'.repeat(20),
    notBefore,
    notAfter: notBefore,
  };
};

export class MemoryKeyStore implements ManagementKeyStore {
  readonly keeps = true;
  readonly committed = new Map<string, string>();
  readonly staged = new Map<string, string>();
  get(entry: string): Secret | undefined {
    const v = this.committed.get(entry);
    return v === undefined ? undefined : Secret.fromBytes(new Uint8Array(Buffer.from(v, 'hex')));
  }
  candidates(entry: string): Secret[] {
    return [this.staged.get(entry), this.committed.get(entry)]
      .filter((v): v is string => v !== undefined)
      .map((v) => Secret.fromBytes(new Uint8Array(Buffer.from(v, 'hex'))));
  }
  stage(entry: string, key: Secret): void {
    this.staged.set(entry, hex(key));
  }
  commit(entry: string): void {
    const v = this.staged.get(entry);
    if (v === undefined) return;
    this.committed.set(entry, v);
    this.staged.delete(entry);
  }
}
