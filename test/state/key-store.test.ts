// The management-key store on real files: two writer processes lose nothing, the previous key is
// kept until the card confirms the new one, and a missing, linked, foreign-owned, open or
// substituted key-encryption key — or a damaged or read-only store — is refused with the file named.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { EncryptedFileKeyStore } from '../../core/enrollment/key-store.ts';
import { Secret } from '../../core/enrollment/secret.ts';
import { StationError } from '../../core/errors/catalog.ts';
import { runWorker, runWorkerReadOnly, tempDir } from './support.ts';

const files = (dir: string) => ({
  store: path.join(dir, 'management-keys.json'),
  kek: path.join(dir, 'station-kek.bin'),
});
const open = (dir: string) => new EncryptedFileKeyStore(files(dir).store, files(dir).kek);
const key = (byte: number) => Secret.fromBytes(new Uint8Array(24).fill(byte));
const hex = (s: Secret) => s.use((b) => Buffer.from(b).toString('hex'));
const refused = (code: string, file: string) => (e: unknown) =>
  e instanceof StationError && e.code === code && e.details.file === file;

test('two processes writing 300 keys each: all 600 are kept and open', async () => {
  const dir = tempDir();
  open(dir).check();
  await Promise.all([runWorker('key-store', dir, 'a', '300'), runWorker('key-store', dir, 'b', '300')]);
  const store = open(dir);
  for (const p of ['a', 'b']) {
    for (let i = 0; i < 300; i++) {
      const k = store.get(`${p}-${i}`);
      assert.ok(k, `${p}-${i} kept`);
      assert.equal(k.length, 24);
    }
  }
  const onDisk = JSON.parse(readFileSync(files(dir).store, 'utf8')) as { entries: object };
  assert.equal(Object.keys(onDisk.entries).length, 600);
});

test('the previous key stays until the card confirms the new one', () => {
  const dir = tempDir();
  const store = open(dir);
  store.check();
  store.put('serial:1', key(0x11));
  store.stage('serial:1', key(0x22));
  // a crash here: a fresh process sees both, the staged one first
  const after = open(dir);
  assert.equal(hex(after.get('serial:1') as Secret), '11'.repeat(24), 'get() is the confirmed key');
  assert.deepEqual(after.candidates('serial:1').map(hex), ['22'.repeat(24), '11'.repeat(24)]);
  after.commit('serial:1');
  assert.equal(hex(open(dir).get('serial:1') as Secret), '22'.repeat(24));
  assert.deepEqual(open(dir).candidates('serial:1').map(hex), ['22'.repeat(24)]);

  // two unconfirmed changes; recovery finds the card holds the older one
  store.stage('serial:1', key(0x33));
  store.stage('serial:1', key(0x44));
  assert.deepEqual(
    store.candidates('serial:1').map(hex),
    ['44', '33', '22'].map((b) => b.repeat(24)),
  );
  store.commit('serial:1', key(0x33));
  assert.deepEqual(store.candidates('serial:1').map(hex), ['33'.repeat(24)]);
  assert.throws(() => store.commit('serial:1', key(0x99)), /none of the entry's candidates/);

  // the card refused the change: the staged key goes, the current one stays
  store.stage('serial:1', key(0x55));
  store.abandon('serial:1');
  assert.deepEqual(store.candidates('serial:1').map(hex), ['33'.repeat(24)]);
  assert.deepEqual(store.candidates('serial:unknown'), []);
});

test('a sealed key moved to another entry does not open', () => {
  const dir = tempDir();
  const store = open(dir);
  store.put('serial:1', key(0x5a));
  const raw = readFileSync(files(dir).store, 'utf8');
  assert.ok(
    !raw.includes(Buffer.alloc(24, 0x5a).toString('base64')) && !raw.includes('5a5a5a'),
    'never in clear',
  );
  const parsed = JSON.parse(raw) as { entries: Record<string, unknown> };
  parsed.entries['serial:2'] = parsed.entries['serial:1'];
  writeFileSync(files(dir).store, JSON.stringify(parsed));
  assert.throws(() => store.get('serial:2'), refused('STATE_DAMAGED', files(dir).store));
});

test('first start creates a private KEK and a store bound to it; later starts never recreate it', () => {
  const dir = tempDir();
  const { store, kek } = files(dir);
  open(dir).check();
  assert.equal(statSync(kek).mode & 0o777, 0o600);
  assert.equal(statSync(kek).size, 32);
  assert.equal(statSync(store).mode & 0o777, 0o600);
  assert.match(JSON.parse(readFileSync(store, 'utf8')).kcv, /^[A-Za-z0-9+/]{22}==$/);

  // KEK deleted while the store exists (even empty): refused at start and at use, never recreated
  unlinkSync(kek);
  assert.throws(() => open(dir).check(), refused('STATE_DAMAGED', kek));
  assert.throws(() => open(dir).put('serial:1', key(1)), refused('STATE_DAMAGED', kek));
  assert.equal(existsSync(kek), false, 'no new key-encryption key was made');

  // both gone on a station that has issued before: refused, nothing created
  rmSync(store);
  assert.throws(
    () => open(dir).check({ priorUse: ['the request ledger holds 2 requests'] }),
    (e: unknown) =>
      refused('STATE_DAMAGED', kek)(e) &&
      String((e as StationError).details.problem).includes('ledger holds 2'),
  );
  assert.equal(existsSync(kek) || existsSync(store), false);
  // the operator's explicit initialisation
  open(dir).initialise();
  assert.ok(existsSync(kek) && existsSync(store));
  assert.throws(() => open(dir).initialise(), refused('STATE_DAMAGED', store));
});

test('a KEK that is a link, foreign-owned, open to others or substituted is refused before use', () => {
  const dir = tempDir();
  const { store, kek } = files(dir);
  const s = open(dir);
  s.put('serial:1', key(7));
  const original = readFileSync(kek);

  // a planted link to an attacker's key
  const planted = path.join(dir, 'attacker.key');
  writeFileSync(planted, randomBytes(32), { mode: 0o600 });
  unlinkSync(kek);
  symlinkSync(planted, kek);
  assert.throws(() => open(dir).check(), refused('STATE_UNSAFE', kek));
  assert.throws(() => open(dir).stage('serial:1', key(8)), refused('STATE_UNSAFE', kek));
  unlinkSync(kek);

  // a substituted file with the right permissions: the key check value tells
  writeFileSync(kek, randomBytes(32), { mode: 0o600 });
  assert.throws(
    () => open(dir).check(),
    (e: unknown) =>
      refused('STATE_UNSAFE', kek)(e) && /does not belong/.test(String((e as StationError).details.problem)),
  );
  assert.throws(() => open(dir).put('serial:9', key(9)), refused('STATE_UNSAFE', kek));

  writeFileSync(kek, original, { mode: 0o600 });
  chmodSync(kek, 0o640);
  assert.throws(() => open(dir).check(), refused('STATE_UNSAFE', kek));
  chmodSync(kek, 0o600);
  chownSync(kek, 65534, 65534);
  assert.throws(() => open(dir).check(), refused('STATE_UNSAFE', kek));
  chownSync(kek, process.getuid?.() ?? 0, process.getgid?.() ?? 0);

  writeFileSync(kek, Buffer.concat([original, Buffer.from([0])]));
  assert.throws(() => open(dir).check(), refused('STATE_DAMAGED', kek));
  writeFileSync(kek, original);
  open(dir).check();
  assert.equal(hex(open(dir).get('serial:1') as Secret), '07'.repeat(24));
  assert.ok(existsSync(store));
});

test('a version-1 store is read, checked against its KEK by trial decryption, and migrated', () => {
  const dir = tempDir();
  const { store, kek } = files(dir);
  const s = open(dir);
  s.put('serial:1', key(3));
  const v2 = JSON.parse(readFileSync(store, 'utf8')) as { entries: Record<string, { current: unknown }> };
  writeFileSync(store, JSON.stringify({ 'serial:1': v2.entries['serial:1']?.current }), { mode: 0o600 });
  const good = readFileSync(kek);
  writeFileSync(kek, randomBytes(32));
  assert.throws(() => open(dir).check(), refused('STATE_UNSAFE', kek));
  writeFileSync(kek, good);
  open(dir).check();
  const migrated = JSON.parse(readFileSync(store, 'utf8')) as { version: number; kcv: string };
  assert.equal(migrated.version, 2);
  assert.equal(typeof migrated.kcv, 'string');
  assert.equal(hex(open(dir).get('serial:1') as Secret), '03'.repeat(24));
});

test('garbage, empty, unknown-version, folder and linked stores are named at start-up', () => {
  for (const [damage, code] of [
    [(f: string) => writeFileSync(f, 'garbage{', { mode: 0o600 }), 'STATE_DAMAGED'],
    [(f: string) => writeFileSync(f, '', { mode: 0o600 }), 'STATE_DAMAGED'],
    [
      (f: string) => writeFileSync(f, JSON.stringify({ version: 3, kcv: 'x', entries: {} }), { mode: 0o600 }),
      'STATE_DAMAGED',
    ],
    [(f: string) => mkdirSync(f), 'STATE_DAMAGED'],
    [(f: string) => symlinkSync('/etc/passwd', f), 'STATE_UNSAFE'],
    [(f: string) => writeFileSync(f, JSON.stringify({ version: 2 }), { mode: 0o644 }), 'STATE_UNSAFE'],
  ] as const) {
    const dir = tempDir();
    const { store } = files(dir);
    open(dir).check();
    rmSync(store);
    damage(store);
    assert.throws(() => open(dir).check(), refused(code, store), `${damage.toString()} → ${code}`);
  }
});

test('a temp-file link planted at the old fixed name is not followed', () => {
  const dir = tempDir();
  const victim = path.join(dir, 'victim');
  writeFileSync(victim, 'precious');
  symlinkSync(victim, `${files(dir).store}.tmp`);
  const s = open(dir);
  s.put('serial:1', key(1));
  s.put('serial:2', key(2));
  assert.equal(readFileSync(victim, 'utf8'), 'precious');
  assert.equal(hex(s.get('serial:2') as Secret), '02'.repeat(24));
});

test('a read-only data folder or store file is found by the start-up check, not after issuance', async () => {
  const dir = tempDir();
  open(dir).check();
  const esc = (p: string) => p.replace(/[.]/g, '\\.');
  const folder = await runWorkerReadOnly(dir, 'check', dir);
  assert.match(folder, new RegExp(`^key-store STATE_UNWRITABLE ${esc(path.join(dir, 'locks'))}$`, 'm'));
  // only the store file read-only (a bind mount: renaming over it fails with EBUSY)
  const file = await runWorkerReadOnly(files(dir).store, 'check', dir);
  assert.match(file, new RegExp(`^key-store STATE_UNWRITABLE ${esc(files(dir).store)}$`, 'm'));
  assert.match(file, /^ledger ok$/m);
  // the same folder writable again: fine
  assert.match(await runWorker('check', dir), /^key-store ok$/m);
});
