// The kiosk's self-service screens end to end: the employee at their own computer (the Linux fake
// of Windows 11 with a TPM 2.0, test/windows/fake-windows.ts) enrolls a new TPM virtual smart card
// and verifies it, through the production bundle under the production CSP in Debian's Chromium,
// window.station bridged to the real IPC handlers and the real Station. The employee signs in with
// their own domain account over NTLM: the CA here offers NTLM only (a wrong password is refused by
// the NTLM exchange, then the right one works). Every screen is checked (axe-core, overflow) in the
// four languages, with a screenshot each; OpenSC, the CA's records and `station audit verify`
// decide whether it worked.
// Run inside scripts/private-ns.sh (it starts pcscd).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cliStation, windowsPlatform } from '../../cli/compose.ts';
import { parseConfig } from '../../core/config/config.ts';
import { describe as describeCode } from '../../core/errors/catalog.ts';
import { randomHolderPin, startDemoEnvironment, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { kioskStation } from '../../electron/station-adapter.ts';
import type { KioskStation } from '../../electron/station-port.ts';
import { startCertsrv, type CertsrvHandle } from '../../sim/certsrv/index.ts';
import {
  buildKiosk,
  launchChromium,
  openKiosk,
  serveKioskBundle,
  type BundleServer,
} from '../../scripts/kiosk-browser.ts';
import { VSC_VPCD, vpcdPair } from '../support/pcscd.ts';
import { pkcs11OnlyReader, PKCS11_MODULE, runTool, tempDir } from '../piv/tools.ts';
import { FakeWindows } from '../windows/fake-windows.ts';
import { station as stationCli, text } from '../e2e/helpers.ts';
import { inspect } from './inspect.ts';

const SHOTS = path.join(import.meta.dirname, '..', '..', 'out', 'kiosk', 'screens');
const LANGS = [
  ['en', 'English'],
  ['ko', '한국어'],
  ['zh-Hans', '简体中文'],
  ['zh-Hant', '繁體中文'],
] as const;
const VSC_READER = VSC_VPCD.VSC.readers[0];
const HELPER = {
  nodePath: 'C:\\Program Files\\Station\\node.exe',
  helperPath: 'C:\\Program Files\\Station\\vsc-helper.js',
};

let env: DemoEnvironment;
let ntlmCa: CertsrvHandle;
let fake: FakeWindows;
let server: BundleServer;
let browser: Browser;
let kiosk: KioskStation;
let dataDir: string;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'alice-pc' });
  // the employee's CA: Web Enrollment with Windows authentication (NTLM) only
  ntlmCa = await startCertsrv({
    stateDir: path.join(env.root, 'ntlm-ca'),
    port: 0,
    clientCertPort: false,
    challenges: ['NTLM'],
  });
  const kioskPassword = ntlmCa.credentials?.['CORP\\kiosk'];
  assert.ok(kioskPassword);
  process.env.SELF_SERVICE_CA_PASSWORD = kioskPassword;
  const raw = JSON.parse(readFileSync(env.configFile, 'utf8')) as Record<string, unknown>;
  const config = parseConfig(
    {
      ...raw,
      ca: {
        url: ntlmCa.url,
        caBundleFile: ntlmCa.caBundleFile,
        auth: { kind: 'ntlm', username: 'CORP\\kiosk', passwordEnv: 'SELF_SERVICE_CA_PASSWORD' },
      },
    },
    env.root,
  );
  dataDir = config.dataDir;
  fake = new FakeWindows({});
  kiosk = kioskStation(
    cliStation(config, {
      platform: (readers) => windowsPlatform(fake, readers, { os: 'win32', helper: HELPER }),
    }),
  );
  await buildKiosk();
  server = await serveKioskBundle();
  browser = await launchChromium();
});
after(async () => {
  await kiosk?.close();
  await browser?.close();
  await server?.close();
  await fake?.stop();
  await ntlmCa?.stop();
  await env?.stop();
});

async function everyLanguage(page: Page, name: string): Promise<void> {
  for (const [lang, label] of LANGS) {
    await page.getByRole('button', { name: label }).click();
    await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
    assert.deepEqual(await inspect(page, SHOTS, `self-${name}-${lang}`), [], `${name} ${lang}`);
  }
  await page.getByRole('button', { name: 'English' }).click();
}

async function waitSelf(page: Page, step: string, timeout = 120_000): Promise<void> {
  await page
    .locator(`[data-self="${step}"]`)
    .waitFor({ timeout })
    .catch(async (e: unknown) => {
      throw new Error(`waiting for ${step}: ${await page.locator('main').innerText()}`, { cause: e });
    });
}

describe('self-service on the Linux fake of Windows, NTLM to the CA', () => {
  it('the employee enrolls a new virtual card through the screens and verifies it; OpenSC confirms', async () => {
    const k = await openKiosk(browser, server, { deps: { station: kiosk } });
    try {
      const page = k.page;
      await page.locator('[data-screen="start"]').waitFor();
      await page.getByRole('button', { name: 'Employee: enroll my own card' }).click();
      await waitSelf(page, 'sign-in');
      await everyLanguage(page, 'sign-in');
      const password = ntlmCa.credentials?.['CORP\\alice'];
      assert.ok(password);
      const fill = async (pw: string): Promise<void> => {
        await page.getByLabel('Your account (DOMAIN\\user)').fill('CORP\\alice');
        await page.getByLabel('Your domain password').fill(pw);
        await page.getByLabel('Your user principal name (UPN)').fill('alice@corp.example');
        await page.getByLabel('Your e-mail').fill('alice@corp.example');
      };

      // a wrong password: the CA's NTLM exchange refuses it before any card is made
      const before = ntlmCa.list().length;
      await fill('not-her-password');
      await page.getByRole('button', { name: 'Enroll my card' }).click();
      await waitSelf(page, 'error');
      assert.equal(await page.locator('.error-panel').getAttribute('data-code'), 'CA_AUTH_FAILED');
      assert.match(ntlmCa.lastAuthFailure ?? '', /./, 'refused by the NTLM authentication');
      assert.equal(fake.calls.filter((c) => c.file === 'tpmvscmgr.exe').length, 0, 'no virtual card made');
      await everyLanguage(page, 'auth-failed');
      // the error is the station catalog's, relabelled when the language changes
      await page.getByRole('button', { name: '한국어' }).click();
      await page
        .locator('.error-panel h2', { hasText: describeCode('CA_AUTH_FAILED', 'ko').message })
        .waitFor({ timeout: 5_000 });
      await page.getByRole('button', { name: 'English' }).click();
      assert.equal(ntlmCa.list().length, before);

      // the right one: a virtual card is made, the key generated on it, the PIN chosen
      await page.getByRole('button', { name: 'Try again' }).click();
      await waitSelf(page, 'sign-in');
      await fill(password);
      await page.getByRole('button', { name: 'Enroll my card' }).click();
      await waitSelf(page, 'new-pin');
      await everyLanguage(page, 'new-pin');
      // no way to keep 12345678: the operator's skip button is not on the employee's screen
      assert.equal(
        await page.getByRole('button', { name: 'Operator: finish without a PIN change' }).count(),
        0,
      );
      const pin = text(randomHolderPin());
      await page.keyboard.type(pin);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.keyboard.type(pin);
      await page.getByRole('button', { name: 'Set PIN' }).click();
      await waitSelf(page, 'issued');
      await everyLanguage(page, 'issued');
      assert.match(await page.locator('main').innerText(), /alice@corp\.example/);
      assert.match(await page.locator('main').innerText(), /ROOT\\SMARTCARDREADER\\000\d/);

      // the CA's records: alice asked herself, over NTLM, for Smartcard User; no agent
      const records = ntlmCa.list().slice(before);
      assert.equal(records.length, 1);
      assert.equal(records[0]?.caller, 'CORP\\alice');
      assert.equal(records[0]?.onBehalfOf, undefined);
      assert.equal(records[0]?.template, 'SmartcardUser');

      // verify-vsc as a screen: every check, the card signing with the PIN just chosen
      await page.getByRole('button', { name: 'Verify this card' }).click();
      await waitSelf(page, 'verify-pin');
      await everyLanguage(page, 'verify-pin');
      await page.keyboard.type(pin);
      await page.getByRole('button', { name: 'Verify with my PIN' }).click();
      await waitSelf(page, 'report');
      const statuses = await page
        .locator('[data-check]')
        .evaluateAll((els) =>
          els.map((e) => `${e.getAttribute('data-check')}:${e.getAttribute('data-status')}`),
        );
      assert.deepEqual(statuses, [
        'windows:passed',
        'tpm:passed',
        'reader:passed',
        'gids:passed',
        'key:passed',
        'certificate:passed',
        'pin-changed:passed',
        'signature:passed',
      ]);
      await page.getByRole('heading', { name: 'Every check passed' }).waitFor();
      await everyLanguage(page, 'report');
      assert.ok(!(await page.content()).includes(pin), 'the PIN is nowhere in the page');

      // OpenSC, outside the station: 12345678 refused, the chosen PIN opens the card
      const dir = tempDir('self-service-');
      try {
        const opensc = await pkcs11OnlyReader(VSC_READER, dir);
        const pkcs11 = (args: readonly string[]) =>
          runTool('pkcs11-tool', ['--module', PKCS11_MODULE, '--slot-index', '0', ...args], { env: opensc });
        const wrong = await pkcs11(['--login', '--pin', '12345678', '--list-objects']);
        assert.notEqual(wrong.status, 0);
        assert.match(wrong.stderr + wrong.stdout, /CKR_PIN_INCORRECT/);
        const right = await pkcs11(['--login', '--pin', pin, '--list-objects']);
        assert.equal(right.status, 0, right.stderr);
        assert.match(right.stdout, /Certificate Object/);
      } finally {
        dir.remove();
      }
      const verified = await stationCli(['audit', 'verify', '--db', path.join(dataDir, 'audit.sqlite')], {
        env: env.env,
      });
      assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    } finally {
      await k.close();
    }
  });
});
