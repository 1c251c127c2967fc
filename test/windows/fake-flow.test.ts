// The whole operating-system side on the Linux fake: the unprivileged station asks the elevated
// helper to create a TPM virtual smart card; a GIDS card appears in the "Microsoft Virtual Smart
// Card" reader, PC/SC and OpenSC see it, the station's reader classification calls it a TPM
// virtual card, the GIDS session opens it on the default PIN and replaces the default admin key;
// destroy takes it away again. Runs inside test/piv/run-private.sh (pcscd, vpcd).
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { ensurePcscd, VSC_VPCD } from '../support/pcscd.ts';
import { PcscService } from '../../native/pcsc/service.ts';
import { StationError } from '../../core/errors/catalog.ts';
import { classifyReader } from '../../core/platform/index.ts';
import { GidsSession, readFileSystem } from '../../core/card/gids/index.ts';
import { DirectLauncher, ElevatedLauncher, TpmVscManager } from '../../native/windows/index.ts';
import { pkcs11OnlyReader, runTool, tempDir } from '../piv/tools.ts';
import { DEFAULT_ADMIN_KEY, FakeWindows } from './fake-windows.ts';

const READER = VSC_VPCD.VSC.readers[0];
const HELPER = {
  nodePath: 'C:\\Program Files\\Station\\node.exe',
  helperPath: 'C:\\Program Files\\Station\\vsc-helper.js',
};
const code = (e: unknown): string => (e instanceof StationError ? e.code : String(e));

async function waitCard(service: PcscService, reader: string, present: boolean): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (service.listReaders().some((r) => r.name === reader && r.cardPresent === present)) return;
    await delay(50);
  }
  throw new Error(`"${reader}" did not become ${present ? 'occupied' : 'empty'}`);
}

describe('tpmvscmgr on the fake Windows: create, use, destroy', () => {
  let service: PcscService;
  let fake: FakeWindows;
  before(async () => {
    await ensurePcscd();
    service = new PcscService();
    await service.start();
    fake = new FakeWindows();
  });
  after(async () => {
    await fake?.stop();
    await service?.close().catch(() => {});
  });

  test('create through the elevated helper yields a GIDS card in a VSC reader that the station recognises', async () => {
    const vsc = new TpmVscManager(new ElevatedLauncher(fake, HELPER));
    const created = await vsc.create({ name: 'Alice VSC', pin: 'default', adminKey: 'default' });
    assert.equal(created.instanceId, 'ROOT\\SMARTCARDREADER\\0000');
    await waitCard(service, READER, true);
    const transport = await service.connect(READER);
    try {
      const kind = classifyReader({ name: transport.readerName, atr: transport.atr });
      assert.equal(kind.kind, 'tpm-virtual', kind.reason);
      const session = await GidsSession.open(transport);
      assert.equal(await session.hasPuk(), false);
      const fs = await readFileSystem(session);
      assert.equal(fs.containers.length, 0);
      assert.equal(fs.cardId?.length, 16);
      await session.verifyPin('12345678');
      // /AdminKey DEFAULT is replaced at once by a key only the station holds
      const own = new Uint8Array(randomBytes(24));
      await session.authenticateAdmin(new Uint8Array(Buffer.from(DEFAULT_ADMIN_KEY, 'hex')));
      await session.changeAdminKey(own);
      await session.authenticateAdmin(own);
      const card = fake.cards.get(created.instanceId);
      assert.ok(card?.hasAdminKey(own));
      assert.equal(card?.status().adminKey.isFactory, false);
    } finally {
      await transport.close();
    }
    const dir = tempDir('vsc-fake-');
    try {
      const r = await runTool('gids-tool', ['--reader', READER], {
        env: await pkcs11OnlyReader(READER, dir),
      });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /mscp\\cmapfile/);
    } finally {
      dir.remove();
    }
  });

  test('a second card goes to the next instance and slot; a third hits the reader limit', async () => {
    const vsc = new TpmVscManager(new DirectLauncher(fake));
    const second = await vsc.create({ name: 'Second', pin: 'default', adminKey: 'random', puk: 'default' });
    assert.equal(second.instanceId, 'ROOT\\SMARTCARDREADER\\0001');
    await waitCard(service, VSC_VPCD.VSC.readers[1], true);
    await assert.rejects(
      vsc.create({ name: 'Third', pin: 'default', adminKey: 'random' }),
      (e) => code(e) === 'VSC_READER_LIMIT',
    );
    const transport = await service.connect(VSC_VPCD.VSC.readers[1]);
    try {
      assert.equal(await (await GidsSession.open(transport)).hasPuk(), true);
    } finally {
      await transport.close();
    }
  });

  test('destroy removes the card; destroying it again is VSC_NOT_FOUND', async () => {
    const vsc = new TpmVscManager(new ElevatedLauncher(fake, HELPER));
    await vsc.destroy('ROOT\\SMARTCARDREADER\\0000');
    await waitCard(service, READER, false);
    await assert.rejects(vsc.destroy('ROOT\\SMARTCARDREADER\\0000'), (e) => code(e) === 'VSC_NOT_FOUND');
    await vsc.destroy('ROOT\\SMARTCARDREADER\\0001');
    await waitCard(service, VSC_VPCD.VSC.readers[1], false);
    assert.equal(fake.cards.size, 0);
  });

  test('tpmvscmgr refused (not an administrator): VSC_ADMIN_REQUIRED and no card appears', async () => {
    const denied = new FakeWindows({ tpmvscmgr: 'accessDenied' });
    const vsc = new TpmVscManager(new DirectLauncher(denied));
    await assert.rejects(
      vsc.create({ name: 'Alice VSC', pin: 'default', adminKey: 'default' }),
      (e) => code(e) === 'VSC_ADMIN_REQUIRED',
    );
    assert.equal(denied.cards.size, 0);
    await delay(500);
    assert.equal(service.listReaders().find((r) => r.name === READER)?.cardPresent, false);
  });
});
