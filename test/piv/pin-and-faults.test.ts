// PIN retries, blocking and PUK unblock; management-key algorithms and rotation; a card pulled
// out mid-command. yubico-piv-tool and the soft card's own state confirm what the client reports.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startRig, withSession, DEFAULT_MGMT_KEY, type Rig } from './harness.ts';
import { runTool } from '../support/tools.ts';
import { KeyAlgorithm, ManagementKeyAlgorithm, Slot } from '../../core/card/piv/constants.ts';
import { PivSession } from '../../core/card/piv/session.ts';
import { SecretBlockedError, WrongDataError, WrongSecretError } from '../../core/card/status-words.ts';
import { CardRemovedError } from '../../core/card/transport.ts';

const PIN = '123456';
const PUK = '12345678';
const WRONG = '909090';

async function ykStatusTries(rig: Rig): Promise<number> {
  const r = await runTool('yubico-piv-tool', ['-r', rig.reader, '-a', 'status']);
  const m = /PIN tries left:\s*(\d+)/.exec(r.stdout);
  assert.ok(m, `yubico-piv-tool status printed no PIN tries: ${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

function wrongSecret(kind: string, left: number) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof WrongSecretError, String(e));
    assert.equal(e.kind, kind);
    assert.equal(e.retriesLeft, left);
    assert.ok(!e.message.includes(WRONG) && !e.message.includes(PIN) && !e.message.includes(PUK));
    return true;
  };
}

describe('PIN retries, block, PUK unblock', () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.stop();
  });

  test('wrong PINs decrement and report retries; the status query spends none', async () => {
    await withSession(rig, async (s) => {
      assert.equal((await s.defaultCredentials()).pin, true);
      assert.deepEqual(await s.pinStatus(), { verified: false, retriesLeft: 3, blocked: false });
      await assert.rejects(s.verifyPin(WRONG), wrongSecret('PIN', 2));
      assert.equal((await s.pinStatus()).retriesLeft, 2);
      assert.equal((await s.pinStatus()).retriesLeft, 2);
      const meta = await s.getMetadata(0x80);
      assert.equal(meta.retriesRemaining, 2);
    });
    assert.equal(await ykStatusTries(rig), 2);
    assert.equal(rig.card.status().pin.retriesLeft, 2);
  });

  test('the PIN blocks at zero; the correct PIN is then refused as blocked', async () => {
    await withSession(rig, async (s) => {
      await assert.rejects(s.verifyPin(WRONG), wrongSecret('PIN', 1));
      await assert.rejects(s.verifyPin(WRONG), (e: unknown) => {
        // cards answer 63C0 or 6983 for the last failure; both mean blocked
        assert.ok((e instanceof WrongSecretError && e.blocked) || e instanceof SecretBlockedError, String(e));
        return true;
      });
      await assert.rejects(
        s.verifyPin(PIN),
        (e: unknown) => e instanceof SecretBlockedError && e.code === 'PIN_BLOCKED',
      );
      assert.deepEqual(await s.pinStatus(), { verified: false, retriesLeft: 0, blocked: true });
    });
    const yk = await runTool('yubico-piv-tool', ['-r', rig.reader, '-a', 'verify-pin', '-P', PIN]);
    assert.notEqual(yk.status, 0, 'yubico-piv-tool must see the PIN blocked');
  });

  test('a wrong PUK is counted; the right PUK unblocks with a new PIN that yubico-piv-tool accepts', async () => {
    await withSession(rig, async (s) => {
      await assert.rejects(s.unblockPin('87878787', '654321'), wrongSecret('PUK', 2));
      await s.unblockPin(PUK, '654321');
      assert.deepEqual(await s.pinStatus(), { verified: false, retriesLeft: 3, blocked: false });
    });
    const yk = await runTool('yubico-piv-tool', ['-r', rig.reader, '-a', 'verify-pin', '-P', '654321']);
    assert.equal(yk.status, 0, yk.stderr);
    assert.equal(
      rig.card.status().puk.retriesLeft,
      3,
      'a successful RESET RETRY COUNTER resets the PUK counter',
    );
  });

  test('change PUK, malformed new PIN is WrongData, log out drops the verified state', async () => {
    await withSession(rig, async (s) => {
      await s.changePuk(PUK, '11223344');
      assert.equal(rig.card.status().puk.isDefault, false);
      await assert.rejects(s.changePin('654321', '12'), (e: unknown) => e instanceof WrongDataError);
      await s.verifyPin('654321');
      assert.equal((await s.pinStatus()).verified, true);
      await s.logout();
      assert.equal((await s.pinStatus()).verified, false);
    });
  });
});

describe('management key: algorithm detection and rotation', () => {
  let rig: Rig;
  after(async () => {
    await rig?.stop();
  });

  test('AES-192 management key is detected through GET METADATA and mutual authentication succeeds', async () => {
    rig = await startRig({ managementKeyAlgorithm: 'aes192' });
    await withSession(rig, async (s) => {
      assert.equal(await s.managementKeyAlgorithm(), ManagementKeyAlgorithm.AES192);
      await s.authenticate(DEFAULT_MGMT_KEY);
      assert.equal(rig.card.status().adminAuthenticated, true);
      const key = await s.setRandomManagementKey(ManagementKeyAlgorithm.AES256);
      assert.equal(key.length, 32);
      assert.equal(rig.card.status().managementKey.algorithm, ManagementKeyAlgorithm.AES256);
      const fresh = new PivSession(s.transport);
      await assert.rejects(
        fresh.authenticate(new Uint8Array(32).fill(7)),
        (e: unknown) => e instanceof WrongSecretError,
      );
      await fresh.authenticate(key);
      key.fill(0);
    });
    await rig.stop();
  });

  test('a random 3DES key replaces the default; yubico-piv-tool works only with the new key', async () => {
    rig = await startRig();
    let hex = '';
    await withSession(rig, async (s) => {
      assert.equal(await s.managementKeyAlgorithm(), ManagementKeyAlgorithm.TDES);
      await s.authenticate(DEFAULT_MGMT_KEY);
      const key = await s.setRandomManagementKey();
      hex = Buffer.from(key).toString('hex');
      key.fill(0);
      await assert.rejects(
        new PivSession(s.transport).authenticate(DEFAULT_MGMT_KEY),
        (e: unknown) =>
          e instanceof WrongSecretError && e.kind === 'management key' && !e.message.includes(hex),
      );
      assert.equal((await s.defaultCredentials()).managementKey, false);
    });
    const withDefault = await runTool('yubico-piv-tool', [
      '-r',
      rig.reader,
      '-a',
      'generate',
      '-s',
      '9e',
      '-A',
      'ECCP256',
    ]);
    assert.notEqual(withDefault.status, 0);
    const withNew = await runTool('yubico-piv-tool', [
      '-r',
      rig.reader,
      `-k${hex}`,
      '-a',
      'generate',
      '-s',
      '9e',
      '-A',
      'ECCP256',
    ]);
    assert.equal(withNew.status, 0, withNew.stderr);
  });
});

describe('card removed mid-operation', () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.stop();
  });

  test('removal during GENERATE gives CardRemovedError promptly, and the card works after reinsertion', async () => {
    const { session, transport } = await rig.open();
    try {
      await session.authenticate(DEFAULT_MGMT_KEY);
      rig.card.setFaults({ removeAfterApdus: 0 });
      const started = Date.now();
      await assert.rejects(session.generateKey(Slot.AUTHENTICATION, KeyAlgorithm.RSA2048), (e: unknown) => {
        assert.ok(e instanceof CardRemovedError, `expected CardRemovedError, got ${String(e)}`);
        assert.equal(e.code, 'CARD_REMOVED');
        return true;
      });
      assert.ok(Date.now() - started < 15_000, 'the error must come promptly, not after a long hang');
    } finally {
      await transport.close().catch(() => {});
    }
    assert.equal(rig.card.status().slots['9a'], undefined, 'no key was generated');
    await rig.card.insert();
    await rig.waitPresent();
    await withSession(rig, async (s) => {
      await s.authenticate(DEFAULT_MGMT_KEY);
      const key = await s.generateKey(Slot.AUTHENTICATION, KeyAlgorithm.ECCP256);
      assert.equal(key.kind, 'ec');
    });
  });
});
