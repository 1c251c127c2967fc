// Parts of the soft card that need no reader: config validation, persistence format, APDU forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { tempDir } from '../support/tools.ts';
import { resolveConfig, ConfigError } from '../../sim/card/card-config.ts';
import { loadCardFile, manufacture, saveCardFile } from '../../sim/card/card-state.ts';
import { PivApplet } from '../../sim/card/piv-applet.ts';
import { parseFaultPlan } from '../../sim/card/faults.ts';

const sw = (r: Buffer): number => r.readUInt16BE(r.length - 2);

test('config: bad values are refused without echoing them', () => {
  const cases = [
    { pin: '12345' },
    { pin: '12a456' },
    { puk: '123456789' },
    { managementKey: '0102' },
    { managementKeyAlgorithm: 'aes256' as const },
    { pinRetries: 0 },
    { version: '5.4' },
  ];
  for (const c of cases) {
    assert.throws(
      () => resolveConfig(c),
      (e: unknown) =>
        e instanceof ConfigError && !e.message.includes('12a456') && !e.message.includes('0102'),
    );
  }
  assert.equal(resolveConfig({ managementKeyAlgorithm: 'aes192' }).managementKeyAlgorithm, 0x0a);
  assert.throws(() => parseFaultPlan({ statusWords: [{ ins: 300, sw: 1 }] }));
});

test('persistence: atomic 0600 file that round-trips counters, objects and keys', () => {
  const tmp = tempDir('sim-card-offline-');
  const dir = tmp.path;
  try {
    const file = tmp.file('card.json');
    const config = resolveConfig({ serial: 99 });
    const state = manufacture(config);
    const applet = new PivApplet(state, config, { onStateChange: () => saveCardFile(file, state) });
    assert.equal(sw(applet.process(Buffer.from('00200080083939393939FFFFFF', 'hex'))), 0x6a80);
    assert.equal(sw(applet.process(Buffer.from('0020008008393939393939FFFF', 'hex'))), 0x63c2);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['card.json'], 'no temporary file left behind');
    const back = loadCardFile(file);
    assert.equal(back?.pin.retriesLeft, 2);
    assert.equal(back?.serial, 99);
    assert.deepEqual([...(back?.objects.keys() ?? [])].sort(), [0x7e, 0x5fc102].sort());
    assert.match(readFileSync(file, 'utf8'), /station-soft-piv-card\/1/);
  } finally {
    tmp.remove();
  }
});

test('APDU forms: extended length, malformed lengths, CLA, GET RESPONSE without data', () => {
  const config = resolveConfig({});
  const applet = new PivApplet(manufacture(config), config, { onStateChange: () => {} });
  // extended Lc/Le SELECT returns the whole template at once
  const ext = applet.process(Buffer.from('00A40400000005A0000003080000', 'hex'));
  assert.equal(sw(ext), 0x9000);
  assert.equal(ext[0], 0x61);
  assert.equal(sw(applet.process(Buffer.from('00A40400', 'hex').subarray(0, 3))), 0x6700);
  assert.equal(sw(applet.process(Buffer.from('00A4040005A0000003', 'hex'))), 0x6700, 'Lc larger than data');
  assert.equal(sw(applet.process(Buffer.from('80A4040005A000000308', 'hex'))), 0x6e00);
  assert.equal(sw(applet.process(Buffer.from('00C0000000', 'hex'))), 0x6985);
  assert.equal(
    sw(applet.process(Buffer.from('10CB3FFF055C035FC102', 'hex'))),
    0x6884,
    'GET DATA is not chainable',
  );
});
