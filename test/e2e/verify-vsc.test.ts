// `station verify-vsc` against each bad state, through the CLI (--json, each language): Windows 7,
// a TPM that is not ready, a physical (PIV) card, the Windows Hello for Business reader, a virtual
// card with a key but no certificate, a certificate for another key, and a card still on the
// default PIN. The bad platform states come from the documented-output fake of Windows
// (STATION_FAKE_WINDOWS, test/windows/fake-windows.ts); the cards are real soft cards in pcscd,
// their keys and certificates written by OpenSC's pkcs11-tool. Runs inside test/piv/run-private.sh.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PASSWORD_ENV, startDemoEnvironment, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { describe as describeError, type StationErrorCode } from '../../core/errors/catalog.ts';
import type { Language } from '../../core/errors/catalog.ts';
import { OpensslCa } from '../piv/tools.ts';
import { VSC_VPCD, vpcdPair } from '../support/pcscd.ts';
import { DEFAULT_PIN, startGidsRig, type GidsRig } from '../gids/harness.ts';
import { station } from './helpers.ts';

interface CheckLine {
  id: string;
  status: 'passed' | 'failed' | 'skipped';
  code?: StationErrorCode;
  message?: string;
  resolution?: string;
}

let env: DemoEnvironment;
let vsc: GidsRig;
let whfb: GidsRig;
const otherCa = new OpensslCa('verify-vsc-other-ca');

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'verify-vsc-pc' });
  vsc = await startGidsRig({});
  whfb = await startGidsRig({}, { port: VSC_VPCD.WHFB.port, reader: VSC_VPCD.WHFB.readers[0] });
});
after(async () => {
  await vsc?.stop();
  await whfb?.stop();
  await env?.stop();
});

async function verify(
  reader: string,
  fake: Record<string, string> = {},
  lang: Language = 'en',
): Promise<{ code: number | null; checks: Map<string, CheckLine> }> {
  const r = await station(
    ['verify-vsc', '--config', env.configFile, '--reader', reader, '--json', '--lang', lang],
    // no CA password in the environment: verifying reads the CA bundle and signs in nowhere
    { env: { ...env.env, [PASSWORD_ENV]: '', STATION_FAKE_WINDOWS: JSON.stringify(fake) } },
  );
  const checks = new Map<string, CheckLine>();
  for (const line of r.stdout.split('\n').filter((l) => l.startsWith('{'))) {
    const o = JSON.parse(line) as { check?: CheckLine };
    if (o.check) checks.set(o.check.id, o.check);
  }
  assert.equal(checks.size, 8, `eight checks reported: ${r.stdout}${r.stderr}`);
  return { code: r.code, checks };
}

/** The failed check carries the catalog's message and CLI resolution in that language. */
function assertFailed(checks: Map<string, CheckLine>, id: string, code: StationErrorCode, lang: Language) {
  const c = checks.get(id);
  assert.equal(c?.status, 'failed', `${id}: ${JSON.stringify(c)}`);
  assert.equal(c?.code, code);
  const english = describeError(code, 'en', {}, 'cli').resolution;
  assert.ok(c?.resolution && c.resolution.length > 10, `${id} has a resolution`);
  if (lang !== 'en') assert.notEqual(c?.resolution, english, `${id}: the resolution is in ${lang}`);
  // same text as the catalog's, placeholders aside
  const expected = describeError(code, lang, {}, 'cli').resolution.split('{')[0] ?? '';
  assert.ok(c?.resolution?.startsWith(expected.slice(0, 8)), `${c?.resolution} vs ${expected}`);
}

describe('station verify-vsc: each bad state, its code and its resolution', () => {
  test('Windows 7 (zh-Hans): WINDOWS_TOO_OLD', async () => {
    const { code, checks } = await verify(vsc.reader, { os: 'windows7' }, 'zh-Hans');
    assert.equal(code, 1);
    assertFailed(checks, 'windows', 'WINDOWS_TOO_OLD', 'zh-Hans');
  });

  test('TPM not ready (ko): TPM_NOT_READY, Windows itself passes', async () => {
    const { checks } = await verify(vsc.reader, { tpm: 'notReady' }, 'ko');
    assert.equal(checks.get('windows')?.status, 'passed');
    assertFailed(checks, 'tpm', 'TPM_NOT_READY', 'ko');
  });

  test('a physical PIV card (zh-Hant): not a TPM virtual card, no GIDS application', async () => {
    const { checks } = await verify(env.targetReader, {}, 'zh-Hant');
    assertFailed(checks, 'reader', 'VSC_READER_NOT_TPM', 'zh-Hant');
    assertFailed(checks, 'gids', 'VSC_NOT_GIDS', 'zh-Hant');
    assert.equal(checks.get('key')?.status, 'skipped');
  });

  test('the Windows Hello for Business reader (en): VSC_READER_WINDOWS_HELLO', async () => {
    const { checks } = await verify(whfb.reader, {}, 'en');
    assertFailed(checks, 'reader', 'VSC_READER_WINDOWS_HELLO', 'en');
  });

  test('a fresh virtual card: no key; then a key without certificate (ko)', async () => {
    const fresh = await verify(vsc.reader, {}, 'ko');
    assert.equal(fresh.checks.get('windows')?.status, 'passed');
    assert.equal(fresh.checks.get('tpm')?.status, 'passed');
    assert.equal(fresh.checks.get('reader')?.status, 'passed');
    assert.equal(fresh.checks.get('gids')?.status, 'passed');
    assertFailed(fresh.checks, 'key', 'VSC_NO_KEY', 'ko');
    const gen = await vsc.pkcs11(['--login', '--pin', DEFAULT_PIN, '--keypairgen', '--key-type', 'rsa:2048']);
    assert.equal(gen.status, 0, gen.stderr);
    const { checks } = await verify(vsc.reader, {}, 'ko');
    assert.equal(checks.get('key')?.status, 'passed');
    assertFailed(checks, 'certificate', 'VSC_NO_CERTIFICATE', 'ko');
  });

  test('a certificate for another key (zh-Hans), on a card still on the default PIN (en)', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spki = new Uint8Array(other.publicKey.export({ format: 'der', type: 'spki' }));
    const cert = otherCa.issue(spki, 'someone-else');
    const der = vsc.dir.file('other.der', cert.der);
    const write = await vsc.pkcs11([
      '--login',
      '--pin',
      DEFAULT_PIN,
      '--write-object',
      der,
      '--type',
      'cert',
      '--id',
      '00',
    ]);
    assert.equal(write.status, 0, write.stderr);
    const hans = await verify(vsc.reader, {}, 'zh-Hans');
    assertFailed(hans.checks, 'certificate', 'VSC_CERT_OTHER_KEY', 'zh-Hans');
    assert.equal(hans.checks.get('signature')?.status, 'skipped');
    const en = await verify(vsc.reader, {}, 'en');
    // the station never enrolled this card: no record of a PIN change, and no PIN was tried
    assertFailed(en.checks, 'pin-changed', 'VSC_DEFAULT_PIN', 'en');
    assert.equal(vsc.card.status().pin.isDefault, true);
    assert.equal(vsc.card.status().pin.retriesLeft, vsc.card.status().pin.retryLimit);
  });
});
