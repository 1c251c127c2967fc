// The GIDS personality through the soft card's CLI (`--edge gids`), as the demo starts it: secrets
// from the config file only, a persisted card surviving a restart, a clean exit on SIGTERM.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { after, describe, test } from 'node:test';
import { ensurePcscd, VSC_VPCD } from '../support/pcscd.ts';
import { pkcs11OnlyReader, runTool, tempDir } from '../piv/tools.ts';

const READER = VSC_VPCD.VSC.readers[1];

async function startCli(config: string, persist: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      'sim/card/main.ts',
      '--edge',
      'gids',
      '--port',
      String(VSC_VPCD.VSC.port + 1),
      '--config',
      config,
      '--persist',
      persist,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  for (let i = 0; i < 100 && !/connected to vpcd/.test(err); i++) await delay(100);
  assert.match(err, /connected to vpcd/);
  await delay(1000);
  return child;
}

describe('sim/card/main.ts --edge gids', () => {
  const dir = tempDir('gids-cli-');
  after(() => dir.remove());

  test('starts a VSC OpenSC sees as GIDS, keeps its state across a restart, exits 0 on SIGTERM', async () => {
    await ensurePcscd();
    const config = dir.file('vsc.json', JSON.stringify({ pin: 'Cli-PIN-123', adminKey: 'ab'.repeat(24) }));
    const persist = dir.file('state.json');
    const env = await pkcs11OnlyReader(READER, dir);
    let child = await startCli(config, persist);
    try {
      const name = await runTool('opensc-tool', ['-r', READER, '-n'], { env });
      assert.match(name.stdout, /GIDS Smart Card/);
      assert.equal(
        (await runTool('pkcs15-tool', ['--reader', READER, '--verify-pin', '--pin', 'Cli-PIN-123'], { env }))
          .status,
        0,
      );
      await runTool('pkcs15-tool', ['--reader', READER, '--verify-pin', '--pin', 'Wrong-PIN-1'], { env });
    } finally {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0);
    }
    await delay(1000);
    child = await startCli(config, persist);
    try {
      const pins = await runTool('pkcs15-tool', ['--reader', READER, '--list-pins'], { env });
      assert.match(pins.stdout, /Tries left\s*:\s*4/, 'the wrong try was persisted');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
