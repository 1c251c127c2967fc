// The GIDS personality of the software card judged by OpenSC, the way OpenSC is used against a
// real Microsoft TPM virtual smart card: gids-tool (dump, admin key change, unblock),
// pkcs15-tool, pkcs11-tool key generation / certificate write / signing, openssl verifying.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_PIN, startGidsRig, TEST_ADMIN_KEY, type GidsRig } from './harness.ts';
import { mustRun, OpensslCa, opensslVerify, runTool } from '../piv/tools.ts';

const VSC_ATR = '3B:8D:01:80:FB:A0:00:00:03:97:42:54:46:59:04:01:CF';
const NEW_ADMIN_KEY = 'a1a2a3a4a5a6a7a8b1b2b3b4b5b6b7b8c1c2c3c4c5c6c7c8';

function ok(r: { status: number; stdout: string; stderr: string }, what: string): string {
  assert.equal(r.status, 0, `${what}: ${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

describe('GIDS soft card (tpmvscmgr /PIN DEFAULT /generate) judged by OpenSC', () => {
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

  test('the ATR is the Microsoft Virtual Smart Card ATR and OpenSC picks its GIDS driver', async () => {
    const out = ok(
      await runTool('opensc-tool', ['-r', rig.reader, '-a', '-n'], { env: rig.env }),
      'opensc-tool',
    );
    assert.match(out.toUpperCase(), new RegExp(VSC_ATR.replaceAll(':', '[: ]')));
    assert.match(out, /GIDS Smart Card/);
  });

  test('gids-tool dumps the minidriver file system tpmvscmgr /generate lays down, without containers', async () => {
    const out = ok(await rig.gidsTool([]), 'gids-tool dump');
    assert.match(out, /Found 5 entries in the masterfile/);
    for (const f of ['\\\\cardid', '\\\\cardapps', '\\\\cardcf', 'mscp\\\\cmapfile'])
      assert.match(out, new RegExp(`File: ${f}`));
    assert.match(out, /no container found/);
  });

  test('pkcs15-tool lists the user PIN with 5 tries and no PUK (none without /PUK)', async () => {
    const out = ok(await rig.pkcs15(['--list-pins']), 'list-pins');
    assert.match(out, /UserPIN/);
    assert.match(out, /Tries left\s*:\s*5/);
    assert.doesNotMatch(out, /PUK/);
    assert.equal(rig.card.status().puk, undefined);
  });

  test('the default PIN 12345678 verifies; a wrong one costs a try and is refused', async () => {
    ok(await rig.pkcs15(['--verify-pin', '--pin', DEFAULT_PIN]), 'verify default');
    const bad = await rig.pkcs15(['--verify-pin', '--pin', '87654321']);
    assert.notEqual(bad.status, 0);
    assert.equal(rig.card.status().pin.retriesLeft, 4);
    ok(await rig.pkcs15(['--verify-pin', '--pin', DEFAULT_PIN]), 'verify default again');
    assert.equal(rig.card.status().pin.retriesLeft, 5);
  });

  test('pkcs11-tool generates an RSA-2048 key on the card; gids-tool shows the default container', async () => {
    const out = ok(
      await rig.pkcs11([
        '--login',
        '--pin',
        DEFAULT_PIN,
        '--keypairgen',
        '--key-type',
        'rsa:2048',
        '--label',
        'enroll',
      ]),
      'keypairgen',
    );
    assert.match(out, /RSA 2048/);
    assert.deepEqual(rig.card.status().keys['81'], { activated: true, algorithm: 0x07 });
    const dump = ok(await rig.gidsTool([]), 'gids-tool dump');
    assert.match(dump, /Valid container,Default container/);
    assert.match(dump, /keyref:\s+0xb081/);
    const pub = rig.dir.file('pub.der');
    ok(await rig.pkcs11(['--read-object', '--type', 'pubkey', '--id', '00', '-o', pub]), 'read pubkey');
    const pem = mustRun('openssl', ['pkey', '-pubin', '-inform', 'DER', '-in', pub]);
    assert.equal(pem.trim(), rig.card.publicKeyPem(0x81)?.trim());
  });

  test('a certificate written by pkcs11-tool lands zlib-compressed in mscp\\kxc00 and is listed', async () => {
    const pem = rig.card.publicKeyPem(0x81);
    assert.ok(pem);
    const spki = new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    const cert = ca.issue(spki, 'vsc-user');
    const der = rig.dir.file('cert.der', cert.der);
    ok(
      await rig.pkcs11([
        '--login',
        '--pin',
        DEFAULT_PIN,
        '--write-object',
        der,
        '--type',
        'cert',
        '--id',
        '00',
      ]),
      'write cert',
    );
    const stored = rig.card.dataObject(0xa010, 0xdf24);
    assert.ok(stored, 'kxc00 in A010/DF24');
    assert.deepEqual([...stored.subarray(0, 2)], [0x01, 0x00]);
    assert.equal(stored.readUInt16LE(2), cert.der.length);
    assert.deepEqual(new Uint8Array(inflateSync(stored.subarray(4))), cert.der);
    const listed = ok(await rig.pkcs15(['--list-certificates']), 'list certs');
    assert.match(listed, new RegExp(`Encoded serial : ${cert.encodedSerial}`));
    const read = ok(await rig.pkcs15(['--read-certificate', '00']), 'read cert');
    assert.equal(read.trim(), cert.pem.trim());
    const dump = ok(await rig.gidsTool([]), 'dump');
    assert.match(dump, /File: mscp\\kxc00/);
    // cardcf counts the changes so the Windows minidriver drops its cache
    const cardcf = rig.card.dataObject(0xa010, 0xdf22);
    assert.ok(cardcf && (cardcf.readUInt16LE(2) > 0 || cardcf.readUInt16LE(4) > 0));
  });

  test('pkcs11-tool signs SHA256-RSA-PKCS with the card key and openssl verifies it', async () => {
    const msg = rig.dir.file('msg.txt', 'challenge for the virtual card\n');
    const sig = rig.dir.file('msg.sig');
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
    const certPem = mustRun('openssl', ['x509', '-inform', 'DER', '-in', rig.dir.file('cert.der')]);
    assert.ok(opensslVerify(certPem, readFileSync(msg), readFileSync(sig)));
    assert.equal(opensslVerify(certPem, Buffer.from('another message'), readFileSync(sig)), false);
  });

  test('the PIN is changed away from the default; the default is refused afterwards', async () => {
    ok(
      await rig.pkcs11(['--login', '--pin', DEFAULT_PIN, '--change-pin', '--new-pin', '24681357']),
      'change pin',
    );
    assert.equal(rig.card.status().pin.isDefault, false);
    assert.notEqual((await rig.pkcs15(['--verify-pin', '--pin', DEFAULT_PIN])).status, 0);
    ok(await rig.pkcs15(['--verify-pin', '--pin', '24681357']), 'new pin');
    // the card keeps the VSC rule: a new PIN shorter than 8 characters is refused
    const short = await rig.pkcs11(['--login', '--pin', '24681357', '--change-pin', '--new-pin', '1234']);
    assert.notEqual(short.status, 0);
    ok(await rig.pkcs15(['--verify-pin', '--pin', '24681357']), 'pin unchanged');
  });

  test('gids-tool changes the admin key after mutual authentication; a wrong key changes nothing', async () => {
    const wrong = await rig.gidsTool(['-C', '--admin-key', NEW_ADMIN_KEY, '--new-admin-key', NEW_ADMIN_KEY]);
    assert.notEqual(wrong.status, 0);
    assert.ok(rig.card.hasAdminKey(Buffer.from(TEST_ADMIN_KEY, 'hex')));
    ok(
      await rig.gidsTool(['-C', '--admin-key', TEST_ADMIN_KEY, '--new-admin-key', NEW_ADMIN_KEY]),
      'change admin key',
    );
    assert.ok(rig.card.hasAdminKey(Buffer.from(NEW_ADMIN_KEY, 'hex')));
    assert.equal(rig.card.status().adminAuthenticated, false);
  });

  test('five wrong PINs block the card; gids-tool unblocks it with the admin key', async () => {
    for (let i = 0; i < 5; i++) await rig.pkcs15(['--verify-pin', '--pin', '00000000']);
    assert.equal(rig.card.status().pin.retriesLeft, 0);
    assert.notEqual((await rig.pkcs15(['--verify-pin', '--pin', '24681357'])).status, 0, 'blocked');
    const wrongAdmin = await rig.gidsTool(['-U', '--admin-key', TEST_ADMIN_KEY, '--pin', '11223344']);
    assert.notEqual(wrongAdmin.status, 0);
    assert.equal(rig.card.status().pin.retriesLeft, 0);
    const out = ok(await rig.gidsTool(['-U', '--admin-key', NEW_ADMIN_KEY, '--pin', '11223344']), 'unblock');
    assert.match(out, /Unblock PIN done successfully/);
    assert.equal(rig.card.status().pin.retriesLeft, 5);
    ok(await rig.pkcs15(['--verify-pin', '--pin', '11223344']), 'new pin after unblock');
  });
});

describe('GIDS soft card created with /PUK', () => {
  let rig: GidsRig;
  before(async () => {
    rig = await startGidsRig({ puk: '87654321' });
  });
  after(async () => {
    await rig?.stop();
  });

  test('OpenSC lists the PUK and unblocks the PIN with it', async () => {
    const pins = ok(await rig.pkcs15(['--list-pins']), 'list-pins');
    assert.match(pins, /PUK/);
    for (let i = 0; i < 5; i++) await rig.pkcs15(['--verify-pin', '--pin', '00000000']);
    assert.equal(rig.card.status().pin.retriesLeft, 0);
    ok(
      await rig.pkcs15(['--unblock-pin', '--auth-id', '80', '--puk', '87654321', '--new-pin', '13572468']),
      'unblock',
    );
    ok(await rig.pkcs15(['--verify-pin', '--pin', '13572468']), 'verify new');
    assert.equal(rig.card.status().puk?.isDefault, true);
  });
});

describe('GIDS soft card made without /generate', () => {
  let rig: GidsRig;
  before(async () => {
    rig = await startGidsRig({ generate: false });
  });
  after(async () => {
    await rig?.stop();
  });

  test('it has no file system until gids-tool --initialize lays one down', async () => {
    const before = await rig.gidsTool([]);
    assert.match(before.stdout + before.stderr, /unable to retrieve the master file/);
    ok(
      await rig.gidsTool([
        '-X',
        '--admin-key',
        TEST_ADMIN_KEY,
        '--pin',
        '12121212',
        '--serial-number',
        '00112233445566778899aabbccddeeff',
      ]),
      'initialize',
    );
    assert.equal(rig.card.status().lifecycle, 'operational');
    const dump = ok(await rig.gidsTool([]), 'dump');
    assert.match(dump, /Found 5 entries/);
    ok(await rig.pkcs15(['--verify-pin', '--pin', '12121212']), 'pin');
    // the serial OpenSC reports is the cardid gids-tool wrote
    assert.match(
      ok(await rig.pkcs15(['--dump']), 'dump'),
      /Serial number\s*:\s*00112233445566778899aabbccddeeff/i,
    );
  });
});

describe('GIDS soft card persistence and fault injection', () => {
  test('a persisted card keeps its key, PIN counter and admin key across a restart', async () => {
    const dir = (await import('../piv/tools.ts')).tempDir('gids-persist-');
    const path = dir.file('card.json');
    try {
      let rig = await startGidsRig({ adminKey: TEST_ADMIN_KEY }, { persistPath: path });
      try {
        ok(
          await rig.pkcs11(['--login', '--pin', DEFAULT_PIN, '--keypairgen', '--key-type', 'rsa:2048']),
          'keygen',
        );
        await rig.pkcs15(['--verify-pin', '--pin', '00000000']);
      } finally {
        await rig.stop();
      }
      const pem = readFileSync(path, 'utf8');
      assert.doesNotMatch(pem, /12345678/, 'the PIN is not stored as text');
      // a different config is ignored: the file wins
      rig = await startGidsRig({ pin: '99999999' }, { persistPath: path });
      try {
        assert.equal(rig.card.status().pin.retriesLeft, 4);
        assert.ok(rig.card.hasAdminKey(Buffer.from(TEST_ADMIN_KEY, 'hex')));
        const msg = rig.dir.file('m', 'x');
        const sig = rig.dir.file('s');
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
        const pub = rig.card.publicKeyPem(0x81);
        assert.ok(pub);
        const pubPath = dir.file('pub.pem', pub);
        const v = mustRun('openssl', ['dgst', '-sha256', '-verify', pubPath, '-signature', sig, msg]);
        assert.match(v, /Verified OK/);
      } finally {
        await rig.stop();
      }
    } finally {
      dir.remove();
    }
  });

  test('an injected GENERATE failure leaves the key file without a key and OpenSC reports the error', async () => {
    const rig = await startGidsRig({}, { faults: { statusWords: [{ ins: 0x47, sw: 0x6a84 }] } });
    try {
      const r = await rig.pkcs11(['--login', '--pin', DEFAULT_PIN, '--keypairgen', '--key-type', 'rsa:2048']);
      assert.notEqual(r.status, 0);
      assert.equal(rig.card.status().keys['81']?.algorithm, undefined);
    } finally {
      await rig.stop();
    }
  });
});
