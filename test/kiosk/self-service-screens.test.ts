// The kiosk's self-service screens end to end: the employee at their own computer (the Linux fake
// of Windows 11 with a TPM 2.0, test/windows/fake-windows.ts) enrolls a new TPM virtual smart card
// and verifies it, through the production bundle under the production CSP in Debian's Chromium,
// window.station bridged to the real IPC handlers and the real Station. The employee signs in with
// their own domain account over NTLM: the CA here offers NTLM only (a wrong password is refused by
// the NTLM exchange, then the right one works). Every screen is checked (axe-core, overflow) in the
// four languages, with a screenshot each; OpenSC, the CA's records and `station audit verify`
// decide whether it worked. A request the CA holds for a certificate manager is resumed from the
// self-service screen itself once the officer approves (or met as denied once the officer denies),
// with the demo CA's admin command as the officer.
// Run inside scripts/private-ns.sh (it starts pcscd).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
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
/** the demo CA's admin command (the CA officer's approve/deny/revoke/list) */
const CERTSRV_CLI = path.join(import.meta.dirname, '..', '..', 'sim', 'certsrv', 'main.ts');
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

/** The certificate manager decides, with the demo CA's admin command beside the running CA. */
async function officer(verb: 'approve' | 'deny', reqId: number): Promise<void> {
  const r = await runTool(process.execPath, [
    '--disable-warning=ExperimentalWarning',
    CERTSRV_CLI,
    verb,
    '--state',
    ntlmCa.stateDir,
    '--by',
    'CORP\\officer',
    String(reqId),
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^${reqId}\\t${verb === 'approve' ? 'issued' : 'denied'}\\t`, 'm'));
}

/** Each test makes its own virtual card in the first VSC reader: the ones before are destroyed. */
async function destroyVirtualCards(): Promise<void> {
  for (const id of [...fake.cards.keys()]) {
    const r = await fake.run('tpmvscmgr.exe', ['destroy', '/instance', id]);
    assert.equal(r.exitCode, 0, r.stdout);
  }
  // the next create tells its card by a reader that was empty before: wait until PC/SC sees them go
  while (
    (await kiosk.readers()).some((r) => r.name.startsWith('Microsoft Virtual Smart Card') && r.cardPresent)
  )
    await delay(100);
}

const password = (account: string): string => {
  const pw = ntlmCa.credentials?.[account];
  assert.ok(pw, account);
  return pw;
};

/** The open journals of this station (enrollments not ended), by id. */
const openJournals = (): string[] =>
  readdirSync(path.join(dataDir, 'journal'))
    .filter((n) => n.endsWith('.jsonl'))
    .map((n) => n.slice(0, -'.jsonl'.length));

/** One enrollment's records in the log, read by the sqlite3 CLI rather than by our own code. */
async function logOf(enrollmentId: string): Promise<string[]> {
  const out = await runTool('sqlite3', [
    '-readonly',
    path.join(dataDir, 'audit.sqlite'),
    `SELECT action || ' ' || outcome || ' ' || coalesce(reason, '') FROM audit_log WHERE enrollment_id = '${enrollmentId}' ORDER BY seq`,
  ]);
  assert.equal(out.status, 0, out.stderr);
  return out.stdout.trim().split('\n');
}

/** OpenSC's PKCS#11 module on one reader only: the certificate objects, and a login with `pin`. */
async function onCard(reader: string, pin?: string): Promise<{ certificates: number; login?: RunOutcome }> {
  const dir = tempDir('self-service-');
  try {
    const opensc = await pkcs11OnlyReader(reader, dir);
    const pkcs11 = (args: readonly string[]) =>
      runTool('pkcs11-tool', ['--module', PKCS11_MODULE, '--slot-index', '0', ...args], { env: opensc });
    const listed = await pkcs11(['--list-objects', '--type', 'cert']);
    assert.equal(listed.status, 0, listed.stderr);
    const certificates = (listed.stdout.match(/Certificate Object/g) ?? []).length;
    if (pin === undefined) return { certificates };
    const login = await pkcs11(['--login', '--pin', pin, '--list-objects']);
    return { certificates, login: { status: login.status, out: login.stdout + login.stderr } };
  } finally {
    dir.remove();
  }
}
interface RunOutcome {
  readonly status: number | null;
  readonly out: string;
}

async function auditVerified(): Promise<void> {
  const verified = await stationCli(['audit', 'verify', '--db', path.join(dataDir, 'audit.sqlite')], {
    env: env.env,
  });
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
}

/** From the Start screen to the employee's sign-in. */
async function employeeScreen(page: Page): Promise<void> {
  await page.locator('[data-screen="start"]').waitFor();
  await page.getByRole('button', { name: 'Employee: enroll my own card' }).click();
  await waitSelf(page, 'sign-in');
}

async function signInForPending(page: Page, account: string): Promise<void> {
  await page.getByLabel('Your account (DOMAIN\\user)').fill(account);
  await page.getByLabel('Your domain password').fill(password(account));
  await page.getByRole('button', { name: 'My pending requests' }).click();
  await waitSelf(page, 'pending-list');
}

/** alice enrolls a new virtual card while the CA holds every request for approval: its ReqID. */
async function enrollHeldForApproval(page: Page): Promise<{ reqId: number; enrollmentId: string }> {
  const before = new Set(openJournals());
  ntlmCa.service.approveAll = true;
  try {
    await employeeScreen(page);
    await page.getByLabel('Your account (DOMAIN\\user)').fill('CORP\\alice');
    await page.getByLabel('Your domain password').fill(password('CORP\\alice'));
    await page.getByLabel('Your user principal name (UPN)').fill('alice@corp.example');
    await page.getByLabel('Your e-mail').fill('alice@corp.example');
    await page.getByRole('button', { name: 'Enroll my card' }).click();
    await waitSelf(page, 'pending');
  } finally {
    ntlmCa.service.approveAll = false;
  }
  const reqId = Number(await page.locator('.reqid').getAttribute('data-reqid'));
  assert.ok(reqId > 0);
  assert.equal(ntlmCa.get(reqId)?.status, 'pending');
  const fresh = openJournals().filter((id) => !before.has(id));
  assert.equal(fresh.length, 1, 'one open journal: the pending self-enrollment');
  return { reqId, enrollmentId: fresh[0] as string };
}

describe('self-service: a request held for approval, resumed from the self-service screen', () => {
  it('the officer approves; the employee resumes it, chooses the PIN and the card is ready; OpenSC and the log confirm', async () => {
    await destroyVirtualCards();
    const k = await openKiosk(browser, server, { deps: { station: kiosk } });
    try {
      const page = k.page;
      const { reqId, enrollmentId } = await enrollHeldForApproval(page);
      await everyLanguage(page, 'pending');
      assert.deepEqual(await onCard(VSC_READER), { certificates: 0 }, 'nothing written while pending');

      // another employee sees none of it and cannot resume it, whatever their page sends
      await page.getByRole('button', { name: 'Start screen' }).click();
      await employeeScreen(page);
      await signInForPending(page, 'CORP\\bob');
      await page.getByText('You have no request waiting for approval on this station.').waitFor();
      const card = [...fake.cards.values()][0];
      assert.ok(card);
      const apdus = card.apduCount;
      const bobResumes = await page.evaluate(
        async (id) =>
          (
            await (
              window.station as unknown as { selfResume(a: unknown): Promise<{ error?: { code: string } }> }
            ).selfResume({
              enrollmentId: id,
            })
          ).error?.code,
        enrollmentId,
      );
      assert.equal(bobResumes, 'BAD_INPUT');
      assert.equal(card.apduCount, apdus, "no APDU reached alice's card");
      assert.equal(ntlmCa.get(reqId)?.status, 'pending');

      // alice: her request, with its ReqID and when she asked; not approved yet, it stays listed
      await page.getByRole('button', { name: 'Start screen' }).click();
      await employeeScreen(page);
      await signInForPending(page, 'CORP\\alice');
      const item = page.locator(`.pending li[data-reqid="${reqId}"]`);
      await item.waitFor();
      assert.match(await item.innerText(), new RegExp(`Request ${reqId} · requested `));
      assert.equal(await page.locator('.pending li').count(), 1);
      await everyLanguage(page, 'pending-list');
      await item.getByRole('button', { name: 'Check again and resume' }).click();
      await page.locator(`[data-still-pending="${reqId}"]`).waitFor({ timeout: 60_000 });
      await page.locator(`.pending li[data-reqid="${reqId}"]`).waitFor();
      await everyLanguage(page, 'still-pending');
      assert.ok(openJournals().includes(enrollmentId), 'still open');

      // the certificate manager approves; alice checks again: written, PIN forced off 12345678
      await officer('approve', reqId);
      await item.getByRole('button', { name: 'Check again and resume' }).click();
      await waitSelf(page, 'new-pin');
      assert.equal(
        await page.getByRole('button', { name: 'Operator: finish without a PIN change' }).count(),
        0,
        'no way to keep the default PIN',
      );
      const pin = text(randomHolderPin());
      await page.keyboard.type(pin);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.keyboard.type(pin);
      await page.getByRole('button', { name: 'Set PIN' }).click();
      await waitSelf(page, 'issued');
      assert.deepEqual(await inspect(page, SHOTS, 'self-resumed-issued-en'), []);
      const receipt = await page.locator('main').innerText();
      assert.match(receipt, /alice@corp\.example/);
      assert.match(receipt, /The PIN was set by the holder/);
      assert.ok(!(await page.content()).includes(pin), 'the PIN is nowhere in the page');

      // outside the station: the certificate on the card, 12345678 refused, the new PIN opens it
      const wrong = await onCard(VSC_READER, '12345678');
      assert.equal(wrong.certificates, 1);
      assert.notEqual(wrong.login?.status, 0);
      assert.match(wrong.login?.out ?? '', /CKR_PIN_INCORRECT/);
      const right = await onCard(VSC_READER, pin);
      assert.equal(right.login?.status, 0, right.login?.out);
      // the CA: alice's own request, issued by the officer's approval; the station resubmitted nothing
      assert.equal(ntlmCa.get(reqId)?.status, 'issued');
      assert.equal(ntlmCa.get(reqId)?.caller, 'CORP\\alice');
      assert.equal(
        ntlmCa
          .list()
          .filter((r) => r.caller === 'CORP\\alice')
          .at(-1)?.id,
        reqId,
      );
      assert.ok(!openJournals().includes(enrollmentId), 'the journal has ended');
      const log = await logOf(enrollmentId);
      assert.ok(
        log.some((l) => l.startsWith('CERT_PENDING success')),
        log.join('\n'),
      );
      assert.ok(
        log.some((l) => l.startsWith('RECOVERY_DECIDED success') && l.includes('CORP\\alice (self-service)')),
        log.join('\n'),
      );
      for (const action of ['CERT_ISSUED', 'CERT_INSTALLED', 'PIN_CHANGED', 'CARD_PROVED'])
        assert.ok(
          log.some((l) => l.startsWith(`${action} success`)),
          `${action}: ${log.join('\n')}`,
        );
      assert.match(log.at(-1) ?? '', /^ENROLLMENT_FINISHED success/);
      await auditVerified();
    } finally {
      await k.close();
    }
  });

  it('the officer denies; resuming shows the denial, nothing is written to the card, the log records it', async () => {
    await destroyVirtualCards();
    const k = await openKiosk(browser, server, { deps: { station: kiosk } });
    try {
      const page = k.page;
      const { reqId, enrollmentId } = await enrollHeldForApproval(page);
      await officer('deny', reqId);
      await page.getByRole('button', { name: 'Start screen' }).click();
      await employeeScreen(page);
      await signInForPending(page, 'CORP\\alice');
      await page
        .locator(`.pending li[data-reqid="${reqId}"]`)
        .getByRole('button', { name: 'Check again and resume' })
        .click();
      await waitSelf(page, 'denied');
      const code = await page.locator('.error-panel').getAttribute('data-code');
      assert.ok(code !== null && code.startsWith('CA_'), String(code));
      await page
        .locator('.error-panel h2', { hasText: describeCode(code as 'CA_DENIED', 'en').message })
        .waitFor();
      assert.match(await page.locator('main').innerText(), new RegExp(`The CA refused request ${reqId}`));
      // the denial's meaning and what to do, in each language (relabelled by main once switched)
      for (const [lang, label] of LANGS) {
        await page.getByRole('button', { name: label }).click();
        const words = describeCode(code as 'CA_DENIED', lang);
        await page.locator('.error-panel h2', { hasText: words.message }).waitFor({ timeout: 5_000 });
        await page.locator('.error-panel', { hasText: words.resolution }).waitFor({ timeout: 5_000 });
        assert.deepEqual(await inspect(page, SHOTS, `self-resume-denied-${lang}`), [], lang);
      }
      await page.getByRole('button', { name: 'English' }).click();

      // the card: no certificate, and the default PIN still the only one (no PIN change happened)
      const after = await onCard(VSC_READER, '12345678');
      assert.equal(after.certificates, 0, 'nothing written to the card');
      assert.equal(after.login?.status, 0, after.login?.out);
      // the journal ended "denied"; the log has the denial; the list no longer offers it
      assert.ok(!openJournals().includes(enrollmentId));
      const log = await logOf(enrollmentId);
      assert.ok(
        log.some((l) => l.startsWith('CERT_DENIED failure')),
        log.join('\n'),
      );
      assert.match(log.at(-1) ?? '', /^ENROLLMENT_FINISHED failure/);
      assert.ok(!log.some((l) => /^(CERT_INSTALLED|PIN_CHANGED) /.test(l)), log.join('\n'));
      await page.getByRole('button', { name: 'Start screen' }).click();
      await employeeScreen(page);
      await signInForPending(page, 'CORP\\alice');
      await page.getByText('You have no request waiting for approval on this station.').waitFor();
      await auditVerified();
    } finally {
      await k.close();
    }
  });

  it('a hostile page script: malformed, oversized and extra fields to the new calls are BAD_INPUT; nothing reaches the card or the CA', async () => {
    const k = await openKiosk(browser, server, { deps: { station: kiosk } });
    try {
      const page = k.page;
      await page.locator('[data-screen="start"]').waitFor();
      const card = [...fake.cards.values()][0];
      assert.ok(card, 'the last test left its virtual card in the reader');
      // the Start screen reads every card once it has loaded: counted from after that reading
      await page.getByText(VSC_READER).first().waitFor({ timeout: 30_000 });
      await page.evaluate(() => window.station?.readers());
      const apdus = card.apduCount;
      const requests = ntlmCa.list().length;
      const failures = ntlmCa.lastAuthFailure;
      const answers = await page.evaluate(async () => {
        const s = window.station as unknown as Record<
          string,
          (a?: unknown) => Promise<{ ok: boolean; error?: { code: string } }>
        >;
        const calls: Array<[string, unknown]> = [
          ['selfPending', undefined],
          ['selfPending', 'CORP\\alice'],
          ['selfPending', { account: 'alice' }],
          ['selfPending', { account: 'CORP\\' + 'a'.repeat(100_000) }],
          ['selfPending', { account: 'CORP\\alice', password: 'x'.repeat(10_000) }],
          ['selfPending', { account: 'CORP\\alice', password: 'a\u0000b' }],
          ['selfPending', { account: 'CORP\\alice', operator: true }],
          ['selfResume', { enrollmentId: '../../journal' }],
          ['selfResume', { enrollmentId: 'e'.repeat(100_000) }],
          ['selfResume', { enrollmentId: 'e-1', account: 'CORP\\bob' }],
          ['selfResume', { enrollmentId: 'e-1' }],
          ['selfSignOut', { now: true }],
        ];
        const out: Array<[string, string | undefined]> = [];
        for (const [name, arg] of calls) out.push([name, (await s[name]?.(arg))?.error?.code]);
        return out;
      });
      for (const [name, code] of answers) assert.equal(code, 'BAD_INPUT', name);
      assert.equal(card.apduCount, apdus, 'no APDU reached the card');
      assert.equal(ntlmCa.list().length, requests, 'no request reached the CA');
      assert.equal(ntlmCa.lastAuthFailure, failures, 'no sign-in was attempted');
    } finally {
      await k.close();
    }
  });
});
