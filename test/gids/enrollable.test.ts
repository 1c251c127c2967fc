// The GIDS adapter of the edge-neutral card port on the GIDS soft card, judged by OpenSC and
// openssl: identify, admin key rotation, key generation in the default container, certificate
// write/read, PIN change, re-issue in place, compensation (destroyKey), and the registry telling
// GIDS from PIV.
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_PIN, startGidsRig, TEST_ADMIN_KEY, type GidsRig } from './harness.ts';
import { OpensslCa, opensslVerify } from '../piv/tools.ts';
import { GIDS_EDGE, GidsEnrollableCard } from '../../core/card/gids/enrollable.ts';
import { GidsSession } from '../../core/card/gids/session.ts';
import { openEnrollableCard, registerEdge } from '../../core/card/registry.ts';
import { Secret } from '../../core/enrollment/secret.ts';
import { StationError } from '../../core/errors/catalog.ts';
import type { Transport } from '../../core/card/transport.ts';

const secret = (text: string): Secret => Secret.fromText(text);
const adminKey = (hexKey: string): Secret => Secret.fromBytes(new Uint8Array(Buffer.from(hexKey, 'hex')));

function ok(r: { status: number; stdout: string; stderr: string }, what: string): string {
  assert.equal(r.status, 0, `${what}: ${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

async function withCard<T>(rig: GidsRig, fn: (c: GidsEnrollableCard) => Promise<T>): Promise<T> {
  const transport: Transport = await rig.service.connect(rig.reader);
  try {
    return await fn(new GidsEnrollableCard(await GidsSession.open(transport)));
  } finally {
    await transport.close().catch(() => {});
  }
}

describe('GidsEnrollableCard on a fresh virtual card', () => {
  let rig: GidsRig;
  let ca: OpensslCa;
  const stationKey = 'aa'.repeat(24);
  before(async () => {
    rig = await startGidsRig({ adminKey: TEST_ADMIN_KEY });
    ca = new OpensslCa();
  });
  after(async () => {
    await rig?.stop();
    ca?.remove();
  });

  test('the registry picks GIDS for a GIDS card once registered', async () => {
    registerEdge(GIDS_EDGE);
    const transport = await rig.service.connect(rig.reader);
    try {
      const card = await openEnrollableCard(transport);
      assert.equal(card.edge, 'gids');
    } finally {
      await transport.close();
    }
  });

  test('identify: cardid as serial, tries for free, no PUK, no certificate, factory PIN unknown', async () => {
    const id = await withCard(rig, (c) => c.identify());
    const cardid = rig.card.dataObject(0xa012, 0xdf20);
    assert.equal(id.serial, cardid?.toString('hex'));
    assert.match(id.cardId, /^gids:[0-9a-f]{8}:serial:[0-9a-f]{32}$/);
    assert.equal(id.pinTriesLeft, 5);
    assert.equal(id.hasCertificate, false);
    assert.equal(id.factoryPin, 'unknown');
    assert.equal(id.factoryPuk, 'no');
    assert.equal(rig.card.status().pin.retriesLeft, 5);
  });

  test('enroll: admin key replaced, RSA key in the default container, certificate written, PIN changed', async () => {
    const cert = await withCard(rig, async (c) => {
      await c.identify();
      assert.equal(c.capabilities.puk, false);
      assert.equal(c.capabilities.personalise, false);
      await c.authenticateAdmin(adminKey(TEST_ADMIN_KEY));
      await c.setAdminKey(adminKey(stationKey));
      await c.verifyPin(secret(DEFAULT_PIN));
      await assert.rejects(
        c.generateKey('EC-P256'),
        (e) => e instanceof StationError && e.code === 'UNSUPPORTED_CARD',
      );
      const signer = await c.generateKey('RSA');
      const issued = ca.issue(signer.spki, 'gids-enrollee');
      await c.writeCertificate(issued.der);
      assert.deepEqual(await c.readCertificate(), issued.der);
      const proof = await c.signerFor(signer.spki).sign(Buffer.from('proof'), 'SHA-256');
      assert.ok(opensslVerify(issued.pem, Buffer.from('proof'), proof));
      await c.changePin(secret(DEFAULT_PIN), secret('Holder-PIN-1'));
      return issued;
    });
    assert.ok(rig.card.hasAdminKey(Buffer.from(stationKey, 'hex')));
    assert.equal(rig.card.status().pin.isDefault, false);
    const listed = ok(await rig.pkcs15(['--list-certificates']), 'list');
    assert.match(listed, new RegExp(`Encoded serial : ${cert.encodedSerial}`));
    const msg = rig.dir.file('m', 'signed by OpenSC');
    const sig = rig.dir.file('s');
    ok(
      await rig.pkcs11([
        '--login',
        '--pin',
        'Holder-PIN-1',
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
    const { readFileSync } = await import('node:fs');
    assert.ok(opensslVerify(cert.pem, readFileSync(msg), readFileSync(sig)));
    assert.equal((await withCard(rig, (c) => c.identify())).hasCertificate, true);
  });

  test('re-issue regenerates the default container in place; OpenSC still sees one key, the new one', async () => {
    const spki = await withCard(rig, async (c) => {
      await c.verifyPin(secret('Holder-PIN-1'));
      const signer = await c.generateKey('RSA');
      await c.writeCertificate(ca.issue(signer.spki, 'gids-reissued').der);
      return signer.spki;
    });
    const keys = ok(await rig.pkcs15(['--list-keys']), 'keys');
    assert.equal((keys.match(/Private RSA Key/g) ?? []).length, 1);
    const onCard = createPublicKey(rig.card.publicKeyPem(0x81) ?? '').export({ type: 'spki', format: 'der' });
    assert.deepEqual(new Uint8Array(onCard), spki);
  });

  test('destroyKey (compensation) removes the container and its certificate; OpenSC lists nothing', async () => {
    await withCard(rig, async (c) => {
      await c.verifyPin(secret('Holder-PIN-1'));
      await c.destroyKey();
      assert.equal(await c.readCertificate(), null);
    });
    assert.equal(rig.card.status().keys['81'], undefined);
    const keys = ok(await rig.pkcs15(['--list-keys']), 'keys');
    // OpenSC lists an emptied cmapfile record as a nameless key without usage (as after its own
    // delete); what matters is that no usable key or certificate is left
    assert.doesNotMatch(keys, /Usage\s*:\s*\[0x[1-9a-f]/i);
    assert.doesNotMatch(keys, /Private RSA Key \[[^\]]/);
    assert.doesNotMatch(ok(await rig.pkcs15(['--list-certificates']), 'certs'), /X\.509/);
  });
});

describe('GidsEnrollableCard on a card made with /PUK', () => {
  let rig: GidsRig;
  before(async () => {
    rig = await startGidsRig({ puk: '12345678' });
  });
  after(async () => {
    await rig?.stop();
  });
  test('the PUK capability is reported and the PUK replaced and used', async () => {
    await withCard(rig, async (c) => {
      const id = await c.identify();
      assert.equal(c.capabilities.puk, true);
      assert.equal(id.factoryPuk, 'unknown');
      await c.changePuk(secret('12345678'), secret('Station-PUK-1'));
      await c.unblockPin(secret('Station-PUK-1'), secret('New-PIN-22'));
    });
    ok(await rig.pkcs15(['--verify-pin', '--pin', 'New-PIN-22']), 'pin');
    assert.equal(rig.card.status().puk?.isDefault, false);
  });
});
