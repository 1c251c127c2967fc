// The station's GIDS session and minidriver layout against the GIDS soft card, judged both ways:
// what the station writes OpenSC lists and uses (pkcs15-tool, pkcs11-tool --sign, openssl), and
// what pkcs11-tool writes the station reads and signs with.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_PIN, startGidsRig, TEST_ADMIN_KEY, type GidsRig } from './harness.ts';
import { mustRun, OpensslCa, opensslVerify } from '../piv/tools.ts';
import type { Transport } from '../../core/card/transport.ts';
import {
  createContainer,
  GidsAlgorithm,
  GidsSession,
  readFileSystem,
  storeCertificate,
} from '../../core/card/gids/index.ts';
import {
  NotFoundError,
  SecurityStatusNotSatisfiedError,
  WrongDataError,
  WrongSecretError,
} from '../../core/card/status-words.ts';

const adminKey = (): Uint8Array => new Uint8Array(Buffer.from(TEST_ADMIN_KEY, 'hex'));

async function withSession<T>(rig: GidsRig, fn: (s: GidsSession) => Promise<T>): Promise<T> {
  const transport: Transport = await rig.service.connect(rig.reader);
  try {
    return await fn(await GidsSession.open(transport));
  } finally {
    await transport.close().catch(() => {});
  }
}

function ok(r: { status: number; stdout: string; stderr: string }, what: string): string {
  assert.equal(r.status, 0, `${what}: ${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

describe('station GIDS session -> OpenSC', () => {
  let rig: GidsRig;
  let ca: OpensslCa;
  before(async () => {
    rig = await startGidsRig({ adminKey: TEST_ADMIN_KEY });
    ca = new OpensslCa();
  });
  after(async () => {
    await rig?.stop();
    ca?.remove();
  });

  test('select reports GIDS v2; PIN status costs no try; no PUK without /PUK', async () => {
    await withSession(rig, async (s) => {
      assert.equal(s.application.version, 2);
      assert.deepEqual(await s.referenceStatus('PIN'), { retriesLeft: 5, retryLimit: 5, blocked: false });
      assert.equal(await s.hasPuk(), false);
      await assert.rejects(s.referenceStatus('PUK'), NotFoundError);
    });
    assert.equal(rig.card.status().pin.retriesLeft, 5);
  });

  test('a wrong PIN is a typed WrongSecretError with the retries left', async () => {
    await withSession(rig, async (s) => {
      await assert.rejects(
        s.verifyPin('00000000'),
        (e: unknown) => e instanceof WrongSecretError && e.retriesLeft === 4,
      );
      await s.verifyPin(DEFAULT_PIN);
      assert.equal((await s.referenceStatus()).retriesLeft, 5);
    });
  });

  test('key generation needs the PIN; the station lays out a default container OpenSC and gids-tool see', async () => {
    let spki: Uint8Array = new Uint8Array();
    await withSession(rig, async (s) => {
      await assert.rejects(createContainer(s), SecurityStatusNotSatisfiedError);
      await s.verifyPin(DEFAULT_PIN);
      const c = await createContainer(s);
      assert.equal(c.index, 0);
      assert.equal(c.keyReference, 0x81);
      assert.equal(c.publicKey.bits, 2048);
      spki = c.publicKey.spki;
      const cert = ca.issue(spki, 'station-vsc');
      await storeCertificate(s, 0, cert.der);
      const fs = await readFileSystem(s);
      assert.equal(fs.containers.length, 1);
      assert.equal(fs.containers[0]?.isDefault, true);
      assert.deepEqual(fs.containers[0]?.certificate, cert.der);
      rig.dir.file('station.pem', cert.pem);
      rig.dir.file('serial.txt', cert.encodedSerial);
    });
    const pem = rig.card.publicKeyPem(0x81);
    assert.equal(
      pem?.trim(),
      mustRun('openssl', ['pkey', '-pubin', '-inform', 'DER', '-in', rig.dir.file('spki.der', spki)]).trim(),
    );
    const dump = ok(await rig.gidsTool([]), 'gids-tool');
    assert.match(dump, /Valid container,Default container/);
    assert.match(dump, /wKeyExchangeKeySizeBits: 2048/);
    assert.match(dump, /File: mscp\\kxc00/);
    const listed = ok(await rig.pkcs15(['--list-certificates']), 'list');
    assert.match(listed, new RegExp(`Encoded serial : ${readFileSync(rig.dir.file('serial.txt'), 'utf8')}`));
    assert.equal(
      ok(await rig.pkcs15(['--read-certificate', '00']), 'read').trim(),
      readFileSync(rig.dir.file('station.pem'), 'utf8').trim(),
    );
  });

  test('OpenSC signs with the station-made key and openssl verifies against the certificate and CA', async () => {
    const msg = rig.dir.file('m.txt', 'hello from the station\n');
    const sig = rig.dir.file('m.sig');
    ok(
      await rig.pkcs11([
        '--login',
        '--pin',
        DEFAULT_PIN,
        '--sign',
        '--id',
        '00',
        '-m',
        'SHA256-RSA-PKCS',
        '-i',
        msg,
        '-o',
        sig,
      ]),
      'sign',
    );
    const certPem = readFileSync(rig.dir.file('station.pem'), 'utf8');
    assert.ok(opensslVerify(certPem, readFileSync(msg), readFileSync(sig)));
    assert.match(mustRun('openssl', ['verify', '-CAfile', ca.certPath, rig.dir.file('station.pem')]), /OK/);
  });

  test('the station signs with the container key; openssl verifies', async () => {
    const data = new TextEncoder().encode('fresh challenge');
    const sig = await withSession(rig, async (s) => {
      await assert.rejects(s.sign(0x81, GidsAlgorithm.RSA2048, data), SecurityStatusNotSatisfiedError);
      await s.verifyPin(DEFAULT_PIN);
      return s.sign(0x81, GidsAlgorithm.RSA2048, data);
    });
    assert.ok(opensslVerify(readFileSync(rig.dir.file('station.pem'), 'utf8'), data, sig));
  });

  test('a second container is not the default; OpenSC lists both keys', async () => {
    await withSession(rig, async (s) => {
      await s.verifyPin(DEFAULT_PIN);
      const c = await createContainer(s, { name: 'second' });
      assert.equal(c.index, 1);
      const fs = await readFileSystem(s);
      assert.deepEqual(
        fs.containers.map((x) => [x.name, x.isDefault]),
        [
          [fs.containers[0]?.name, true],
          ['second', false],
        ],
      );
    });
    const keys = ok(await rig.pkcs15(['--list-keys']), 'keys');
    assert.match(keys, /second/);
    assert.equal((keys.match(/Private RSA Key/g) ?? []).length, 2);
  });

  test('PIN change away from the default; a too-short PIN is refused as wrong data', async () => {
    await withSession(rig, async (s) => {
      await assert.rejects(s.changePin(DEFAULT_PIN, '123'), WrongDataError);
      await s.changePin(DEFAULT_PIN, 'Str0ng-PIN');
    });
    assert.equal(rig.card.status().pin.isDefault, false);
    assert.notEqual((await rig.pkcs15(['--verify-pin', '--pin', DEFAULT_PIN])).status, 0);
    ok(await rig.pkcs15(['--verify-pin', '--pin', 'Str0ng-PIN']), 'new pin');
  });

  test('admin mutual authentication, admin key change and PIN reset; a wrong key is refused', async () => {
    const next = new Uint8Array(Buffer.from('11223344556677881122334455667788aabbccddeeff0011', 'hex'));
    await withSession(rig, async (s) => {
      await assert.rejects(s.resetPin('ResetPin1'), SecurityStatusNotSatisfiedError);
      await assert.rejects(s.authenticateAdmin(next), SecurityStatusNotSatisfiedError);
      await s.authenticateAdmin(adminKey());
      await s.changeAdminKey(next);
      await s.authenticateAdmin(next);
      await s.resetPin('ResetPin1');
    });
    assert.ok(rig.card.hasAdminKey(next));
    ok(
      await rig.gidsTool(['-U', '--admin-key', Buffer.from(next).toString('hex'), '--pin', 'ResetPin2']),
      'gids-tool unblock with new key',
    );
    ok(await rig.pkcs15(['--verify-pin', '--pin', 'ResetPin2']), 'pin');
  });
});

describe('OpenSC -> station GIDS session', () => {
  let rig: GidsRig;
  let ca: OpensslCa;
  before(async () => {
    rig = await startGidsRig();
    ca = new OpensslCa();
  });
  after(async () => {
    await rig?.stop();
    ca?.remove();
  });

  test('a key and certificate written by pkcs11-tool are read and used by the station', async () => {
    ok(
      await rig.pkcs11([
        '--login',
        '--pin',
        DEFAULT_PIN,
        '--keypairgen',
        '--key-type',
        'rsa:2048',
        '--label',
        'by-opensc',
      ]),
      'keygen',
    );
    const pubDer = rig.dir.file('pub.der');
    ok(await rig.pkcs11(['--read-object', '--type', 'pubkey', '--id', '00', '-o', pubDer]), 'read pub');
    const cert = ca.issue(new Uint8Array(readFileSync(pubDer)), 'opensc-vsc');
    ok(
      await rig.pkcs11([
        '--login',
        '--pin',
        DEFAULT_PIN,
        '--write-object',
        rig.dir.file('c.der', cert.der),
        '--type',
        'cert',
        '--id',
        '00',
      ]),
      'write',
    );
    const data = new TextEncoder().encode('station signs an OpenSC key');
    const sig = await withSession(rig, async (s) => {
      const fs = await readFileSystem(s);
      assert.equal(fs.containers.length, 1);
      const c = fs.containers[0];
      assert.ok(c);
      assert.equal(c.name, 'by-opensc');
      assert.equal(c.isDefault, true);
      assert.equal(c.keyBits, 2048);
      assert.deepEqual(c.certificate, cert.der);
      const pub = await s.readPublicKey(c.keyReference);
      assert.deepEqual(pub.spki, new Uint8Array(readFileSync(pubDer)));
      await s.verifyPin(DEFAULT_PIN);
      return s.sign(c.keyReference, GidsAlgorithm.RSA2048, data);
    });
    assert.ok(opensslVerify(cert.pem, data, sig));
  });

  test('a card that is not GIDS is told apart: SELECT GIDS fails with NotFoundError', async () => {
    const { startRig } = await import('../piv/harness.ts');
    const piv = await startRig();
    try {
      const transport = await piv.service.connect(piv.reader);
      try {
        await assert.rejects(GidsSession.open(transport), NotFoundError);
      } finally {
        await transport.close();
      }
    } finally {
      await piv.stop();
    }
  });
});

describe('an interrupted container creation', () => {
  let rig: GidsRig;
  before(async () => {
    rig = await startGidsRig();
  });
  after(async () => {
    await rig?.stop();
  });

  test('a failure after key generation leaves no listed container; the next run replaces the orphan key file', async () => {
    await withSession(rig, async (s) => {
      await s.verifyPin(DEFAULT_PIN);
      // the first PUT DATA (cardcf, after the key exists) fails as a worn-out card would
      rig.card.setFaults({ statusWords: [{ ins: 0xdb, sw: 0x6581 }] });
      await assert.rejects(
        createContainer(s),
        (e: unknown) => e instanceof Error && 'sw' in e && e.sw === 0x6581,
      );
      assert.ok(rig.card.status().keys['81']?.algorithm, 'the key file holds a key');
      assert.equal((await readFileSystem(s)).containers.length, 0, 'but no container lists it');
      const c = await createContainer(s, { name: 'retry' });
      assert.equal(c.index, 0);
      assert.equal(rig.card.publicKeyPem(0x81)?.trim(), spkiToPem(c.publicKey.spki));
    });
    const keys = ok(await rig.pkcs15(['--list-keys']), 'keys');
    assert.equal((keys.match(/Private RSA Key/g) ?? []).length, 1);
    assert.match(keys, /retry/);
  });
});

function spkiToPem(spki: Uint8Array): string {
  const b64 = Buffer.from(spki)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PUBLIC KEY-----\n${b64.trim()}\n-----END PUBLIC KEY-----`;
}
