// The kiosk end to end: real pcscd + vpcd, two software cards and the demo CA (dev/), the real
// application layer (station/) composed the way the headless station composes it, the real IPC
// handlers (electron/handlers.ts) behind window.station, and the production bundle under the
// production CSP in Debian's Chromium. The operator does everything through the screens;
// OpenSC, yubico-piv-tool and `station audit verify` decide whether it worked.
// Run inside scripts/private-ns.sh (it starts pcscd), as `npm run test:unit` does.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cliStation } from '../../cli/compose.ts';
import { randomHolderPin, startDemoEnvironment, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { kioskStation } from '../../electron/station-adapter.ts';
import type { KioskStation } from '../../electron/station-port.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { inspect } from './inspect.ts';
import {
  assertLogVerifies,
  auditCards,
  certificateOnCard,
  issueAlice,
  logRecords,
} from '../e2e/nothing-lost-helpers.ts';
import { X509Certificate } from 'node:crypto';
import { openscReaderIndex, station, text } from '../e2e/helpers.ts';
import { runTool, type RunResult } from '../../dev/tools.ts';
import type { StationEvent } from '../../electron/ipc-contract.ts';
import {
  buildKiosk,
  launchChromium,
  openKiosk,
  serveKioskBundle,
  type BundleServer,
  type KioskPage,
} from '../../scripts/kiosk-browser.ts';

let env: DemoEnvironment;
let server: BundleServer;
let browser: Browser;
let kiosk: KioskStation;
const SHOTS = path.join(import.meta.dirname, '..', '..', 'out', 'kiosk', 'screens');
/** the demo CA's admin command (the CA officer's approve/deny/revoke/list) */
const CERTSRV_CLI = path.join(import.meta.dirname, '..', '..', 'sim', 'certsrv', 'main.ts');
const LANGS = [
  ['en', 'English'],
  ['ko', '한국어'],
  ['zh-Hans', '简体中文'],
  ['zh-Hant', '繁體中文'],
] as const;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair() });
  await buildKiosk();
  server = await serveKioskBundle();
  browser = await launchChromium();
  kiosk = kioskStation(cliStation(env.config));
});
after(async () => {
  await kiosk?.close();
  await browser?.close();
  await server?.close();
  await env?.stop();
});

async function signIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Operator: enroll a card' }).click();
  await page.keyboard.type(text(env.agentPin));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-screen="holder"]').waitFor({ timeout: 30_000 });
}

async function holder(page: Page, user: string, upn: string, email?: string): Promise<void> {
  await page.getByLabel('Account (DOMAIN\\user)').fill(user);
  await page.getByLabel('User principal name (UPN)').fill(upn);
  if (email !== undefined) await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('[data-screen="insert"]').waitFor();
  await page
    .getByText(/Blank card found in/)
    .waitFor({ timeout: 30_000 })
    .catch(async (e: unknown) => {
      throw new Error(`insert screen: ${await page.locator('main').innerText()}`, { cause: e });
    });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('[data-screen="confirm"]').waitFor();
}

async function typeNewPin(page: Page, pin: string): Promise<void> {
  await page
    .locator('[data-screen="new-pin"]')
    .waitFor({ timeout: 120_000 })
    .catch(async (e: unknown) => {
      throw new Error(
        `waiting for the PIN pad: ${await page.locator('main').innerText()}\nmain pushed: ${pushed.slice(-12).join(', ')}\nanswered: ${answered()}`,
        { cause: e },
      );
    });
  await page.keyboard.type(pin);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.keyboard.type(pin);
  await page.getByRole('button', { name: 'Set PIN' }).click();
}

/**
 * OpenSC or yubico-piv-tool on the target card. The open screen may be reading the card at that
 * moment (a reader view holds it exclusively for its few APDUs, station/cards.ts), which the
 * tools report as "in use": only that answer is waited out; any other is the tool's verdict.
 */
async function onCard(cmd: string, args: readonly string[]): Promise<RunResult> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const r = await runTool(cmd, args);
    if (!/in use by another application/i.test(r.stderr + r.stdout) || Date.now() > deadline) return r;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
const succeeded = (r: RunResult): string => {
  assert.equal(r.status, 0, r.stderr + r.stdout);
  return r.stdout;
};

/** The certificate on the card, the holder's new PIN accepted and the transport PIN refused. */
async function confirmOnCard(newPin: string, upn: RegExp): Promise<void> {
  const reader = String(await openscReaderIndex(env.targetReader));
  const pem = succeeded(await onCard('pkcs15-tool', ['--reader', reader, '--read-certificate', '01']));
  const x509 = succeeded(await runTool('openssl', ['x509', '-noout', '-text'], { input: pem }));
  assert.match(x509, upn);
  assert.match(x509, /1\.3\.6\.1\.4\.1\.311\.20\.2\.2|Microsoft Smartcard Login/);
  succeeded(await onCard('pkcs15-tool', ['--reader', reader, '--verify-pin', '--pin', newPin]));
  const refused = await onCard('pkcs15-tool', ['--reader', reader, '--verify-pin', '--pin', '12345678']);
  assert.notEqual(refused.status, 0, 'the transport PIN no longer works');
  assert.match(refused.stderr + refused.stdout, /incorrect|verification failed/i, refused.stderr);
  const yk = succeeded(await onCard('yubico-piv-tool', ['-r', env.targetReader, '-a', 'status']));
  assert.match(yk, /Slot 9a/);
  assert.match(yk, /alice/i, yk);
}

let current: KioskPage | undefined;
afterEach(async () => {
  // a failed test must not keep the operator card signed in for the next one
  await current?.close().catch(() => undefined);
  current = undefined;
});

/**
 * What main pushed to the page of the open kiosk, newest last (reader lists left out): a wait that
 * times out names it, so a stuck engine (no `new-pin-needed` push) and a push the screen missed
 * (pushed, not shown) tell themselves apart.
 */
const pushed: string[] = [];
/** how the open kiosk answered its calls, newest last (the polling calls left out) */
const answered = (): string =>
  (current?.answers ?? [])
    .filter(([call]) => !/readers|health|activity/.test(call))
    .slice(-12)
    .map(([call, code]) => `${call.replace(/^station:/, '')} ${code}`)
    .join(', ');

async function open(onPush?: (event: StationEvent) => void): Promise<KioskPage> {
  pushed.length = 0;
  const k = await openKiosk(browser, server, {
    deps: { station: kiosk },
    onPush: (event) => {
      if (event.type !== 'readers')
        pushed.push(event.type === 'progress' ? `progress ${event.step}` : event.type);
      onPush?.(event);
    },
  });
  current = k;
  await k.page.locator('[data-screen="start"]').waitFor();
  return k;
}

describe('the kiosk on the real station', () => {
  it('the operator enrolls a blank card on behalf of CORP\\alice through the screens; OpenSC and yubico-piv-tool confirm', async () => {
    const k = await open();
    const page = k.page;
    // Start: the readers, live from PC/SC
    await page.getByText('Blank card').waitFor({ timeout: 30_000 });
    await page.getByText('Operator card').waitFor();
    assert.deepEqual(await inspect(page, SHOTS, 'live-start-en'), []);
    await page.getByRole('button', { name: 'Operator: enroll a card' }).click();
    assert.deepEqual(await inspect(page, SHOTS, 'live-sign-in-en'), []);
    await page.getByRole('button', { name: 'Start screen' }).click();
    await signIn(page);
    // the session holds the operator card exclusively: the reader list still names it, read from
    // the session instead of waiting for the card and calling it unreadable
    const roles = await page.evaluate(async () => {
      const r = await window.station!.readers();
      return r.ok ? r.value.filter((v) => v.cardPresent).map((v) => `${v.name}=${v.role}`) : [r.error.code];
    });
    assert.ok(roles.includes(`${env.agentReader}=agent`), roles.join(', '));
    assert.deepEqual(await inspect(page, SHOTS, 'live-holder-en'), []);
    await holder(page, 'CORP\\alice', 'alice@corp.example', 'alice@corp.example');
    for (const [lang, name] of LANGS) {
      await page.getByRole('button', { name }).click();
      assert.deepEqual(await inspect(page, SHOTS, `live-confirm-${lang}`), [], lang);
    }
    await page.getByRole('button', { name: 'English' }).click();
    const newPin = text(randomHolderPin());
    const seenSteps: string[] = [];
    const tapped = Date.now();
    await page.getByRole('button', { name: 'Enroll' }).click();
    await page.locator('[data-screen="working"]').waitFor();
    const watch = setInterval(() => {
      void page
        .locator('.step')
        .getAttribute('data-step', { timeout: 200 })
        .then((s) => s !== null && !seenSteps.includes(s) && seenSteps.push(s))
        .catch(() => undefined);
    }, 50);
    await page.locator('[data-screen="new-pin"]').waitFor({ timeout: 120_000 });
    const waitingForHolder = Date.now();
    assert.deepEqual(await inspect(page, SHOTS, 'live-new-pin-en'), []);
    const inspectMs = Date.now() - waitingForHolder;
    await typeNewPin(page, newPin);
    await page.getByRole('heading', { name: 'Card ready' }).waitFor({ timeout: 120_000 });
    const screensMs = Date.now() - tapped - inspectMs;
    clearInterval(watch);
    for (const [lang, name] of LANGS) {
      await page.getByRole('button', { name }).click();
      assert.deepEqual(await inspect(page, SHOTS, `live-issued-${lang}`), [], lang);
    }
    await page.getByRole('button', { name: 'English' }).click();
    const shown = await page.evaluate(() => document.body.innerText);
    assert.match(shown, /alice@corp\.example/);
    assert.match(shown, /SmartcardUser/);
    assert.ok(seenSteps.length >= 3, `progress steps seen: ${seenSteps.join(',')}`);
    console.log(
      `# kiosk: Enroll tapped → card ready ${screensMs} ms (holder PIN typed by the test in between)`,
    );

    // independent tools
    await confirmOnCard(newPin, /alice@corp\.example/);
    const verified = await station(
      ['audit', 'verify', '--db', path.join(env.config.dataDir, 'audit.sqlite')],
      {
        env: env.env,
      },
    );
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    // the Start screen's health: the log verified by the station's audit use case
    const health = await kiosk.health();
    assert.equal(health.ca.state, 'ok');
    assert.equal(health.log.state, 'ok');
    assert.ok((health.log.records ?? 0) > 0);
    // this station forwards to no central log, and the Start screen says so
    assert.deepEqual(health.central, { state: 'not-configured' });
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('[data-screen="start"]').waitFor();
    await page.locator('.health-row.not-configured').getByText('Not configured').waitFor({ timeout: 30_000 });
    await k.close();

    // the CLI's time for the same enrollment on a fresh blank card, same run
    await env.insertBlankCard();
    const cliPin = text(randomHolderPin());
    const started = Date.now();
    const cli = await station(
      [
        'enroll',
        '--config',
        env.configFile,
        '--user',
        'CORP\\alice',
        '--upn',
        'alice@corp.example',
        '--email',
        'alice@corp.example',
      ],
      { env: env.env, stdin: `${text(env.agentPin)}\n${cliPin}\n${cliPin}\n` },
    );
    const cliMs = Date.now() - started;
    assert.equal(cli.code, 0, cli.stdout + cli.stderr);
    console.log(`# cli: station enroll (process start to exit, PINs on stdin) ${cliMs} ms`);
  });

  it('a denial (CORP\\bob has no e-mail for Smartcard User) shows the localized HRESULT meaning; nothing is written to the card', async () => {
    await env.insertBlankCard();
    const k = await open();
    const page = k.page;
    await page.getByText('Blank card').waitFor({ timeout: 30_000 });
    // a wrong operator PIN first: the card's tries left are shown, then the right PIN works
    await page.getByRole('button', { name: 'Operator: enroll a card' }).click();
    const wrong = text(env.agentPin) === '13572468' ? '13572469' : '13572468';
    await page.keyboard.type(wrong);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.error-panel[data-code="WRONG_PIN"]').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('.retries').innerText(), /attempts? left/);
    assert.deepEqual(await inspect(page, SHOTS, 'live-wrong-pin-en'), []);
    await page.keyboard.type(text(env.agentPin));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-screen="holder"]').waitFor({ timeout: 30_000 });
    await holder(page, 'CORP\\bob', 'bob@corp.example');
    await page.getByRole('button', { name: 'Enroll' }).click();
    await page.getByRole('heading', { name: 'Request denied' }).waitFor({ timeout: 120_000 });
    const code = await page.locator('.error-panel').getAttribute('data-code');
    assert.ok(code !== null && code.startsWith('CA_'), String(code));
    for (const [lang, name] of LANGS) {
      await page.getByRole('button', { name }).click();
      assert.deepEqual(await inspect(page, SHOTS, `live-denied-${lang}`), [], lang);
    }
    await page.getByRole('heading', { name: '要求被拒絕' }).waitFor();
    const reader = String(await openscReaderIndex(env.targetReader));
    const listing = await onCard('pkcs15-tool', ['--reader', reader, '--list-certificates']);
    assert.doesNotMatch(listing.stdout, /bob/i);
    assert.doesNotMatch(listing.stderr, /in use/i);
    succeeded(await onCard('pkcs15-tool', ['--reader', reader, '--verify-pin', '--pin', '12345678']));
    await k.close();
  });

  it('a re-issue the CA denies: the screen says the card was cleared, and it was (yubico-piv-tool finds no certificate)', async () => {
    await env.insertBlankCard();
    const oldCert = await issueAlice(env, text(randomHolderPin()));
    const k = await open();
    const page = k.page;
    await page.getByText('Issued card').first().waitFor({ timeout: 30_000 });
    await signIn(page);
    await page.getByLabel('Account (DOMAIN\\user)').fill('CORP\\alice');
    await page.getByLabel('User principal name (UPN)').fill('alice@corp.example');
    await page.getByLabel('E-mail').fill('alice@corp.example');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText(/is already issued/).waitFor({ timeout: 30_000 });
    await page.getByLabel(/Re-issue this card/).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('[data-screen="confirm"]').waitFor();
    // the CA now wants a bigger key than the card's RSA-2048: it denies the re-issue's request
    env.ca.setTemplatePolicy('SmartcardUser', { minKeySize: 4096 });
    try {
      await page.getByRole('button', { name: 'Enroll' }).click();
      await page.getByRole('heading', { name: 'Request denied' }).waitFor({ timeout: 120_000 });
    } finally {
      env.ca.setTemplatePolicy('SmartcardUser', { minKeySize: 2048 });
    }
    const said = page.locator('[data-card-cleared]');
    assert.equal(await said.getAttribute('data-card-cleared'), 'yes');
    assert.match(await said.innerText(), /old certificate was removed .* the card is blank now/);
    assert.doesNotMatch(await page.locator('main').innerText(), /Nothing was written to the card/);
    for (const [lang, name] of LANGS) {
      await page.getByRole('button', { name }).click();
      assert.deepEqual(await inspect(page, SHOTS, `live-reissue-denied-${lang}`), [], lang);
    }
    await page.getByRole('button', { name: 'English' }).click();
    await k.close();
    assert.equal(await certificateOnCard(env), null, 'no dead certificate left in 9a');
    const line = (await auditCards(env)).find((c) => c.card === `serial:${env.target.status().serial}`);
    assert.equal(line?.state, 'cleared', 'audit cards: the card must be enrolled again');
    const oldSerial = new X509Certificate(oldCert).serialNumber.toLowerCase();
    assert.ok(
      (await logRecords(env)).some(
        (r) => r.action === 'CERT_TO_BE_REVOKED' && String(r.certSerial).toLowerCase() === oldSerial,
      ),
      'the old serial is recorded to be revoked',
    );
    await assertLogVerifies(env);
  });

  it('the card pulled during key generation: the card-removed state in the chosen language, logged; the next attempt works', async () => {
    const card = await env.insertBlankCard();
    let pulls = 0;
    // the card leaves the reader the moment main reports key generation: the next APDU the card
    // sees (the GENERATE of the keygen step) is never answered and the card is out
    const k = await open((e) => {
      if (e.type === 'progress' && e.step === 'keygen' && pulls++ === 0)
        card.setFaults({ removeAfterApdus: 0 });
    });
    const page = k.page;
    await page.getByText('Blank card').waitFor({ timeout: 30_000 });
    await signIn(page);
    await holder(page, 'CORP\\alice', 'alice@corp.example', 'alice@corp.example');
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.locator('html[lang="zh-Hans"]').waitFor();
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.locator('[data-screen="error"]').waitFor({ timeout: 120_000 });
    assert.equal(pulls, 1, 'the card was pulled at keygen');
    assert.equal(card.present, false);
    assert.equal(card.status().slots['9a'], undefined, 'no key was generated: the pull came during keygen');
    assert.equal(await page.locator('.error-panel').getAttribute('data-code'), 'CARD_REMOVED');
    assert.match(await page.locator('.error-panel h2').innerText(), /卡片/);
    assert.deepEqual(await inspect(page, SHOTS, 'live-card-removed-zh-Hans'), []);
    const listed = await station(
      [
        'audit',
        'list',
        '--db',
        path.join(env.config.dataDir, 'audit.sqlite'),
        '--user',
        'CORP\\alice',
        // alice's successful runs in the earlier tests would push it off the first page
        '--outcome',
        'failure',
        '--json',
      ],
      { env: env.env },
    );
    assert.equal(listed.code, 0, listed.stderr);
    const keygenFailures = listed.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map(
        (l) =>
          (JSON.parse(l) as { record?: { action?: string; outcome?: string; errorCode?: string } }).record,
      )
      .filter((r) => r?.action === 'KEYGEN' && r.outcome === 'failure');
    assert.deepEqual(
      keygenFailures.map((r) => r?.errorCode),
      ['CARD_REMOVED'],
      'the log records the keygen step failing because the card was pulled',
    );
    // the way back, then the same card again: the next attempt works
    await page.getByRole('button', { name: '开始界面' }).click();
    await page.locator('[data-screen="start"]').waitFor();
    await card.insert();
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor();
    await page.getByRole('button', { name: 'Operator: enroll a card' }).click();
    await page.locator('[data-screen="holder"]').waitFor();
    await holder(page, 'CORP\\alice', 'alice@corp.example', 'alice@corp.example');
    await page.getByRole('button', { name: 'Enroll' }).click();
    const newPin = text(randomHolderPin());
    await typeNewPin(page, newPin);
    await page.getByRole('heading', { name: 'Card ready' }).waitFor({ timeout: 120_000 });
    assert.equal(pulls, 2, 'the second attempt went through key generation too');
    await confirmOnCard(newPin, /alice@corp\.example/);
    await k.close();
  });

  it('a pending request: the screen shows the ReqID; after approval the operator resumes it from the Pending list and the card is finished', async () => {
    await env.insertBlankCard();
    env.ca.service.approveAll = true;
    const k = await open();
    const page = k.page;
    await page.getByText('Blank card').waitFor({ timeout: 30_000 });
    await signIn(page);
    await holder(page, 'CORP\\alice', 'alice@corp.example', 'alice@corp.example');
    await page.getByRole('button', { name: 'Enroll' }).click();
    await page.getByRole('heading', { name: 'Waiting for approval' }).waitFor({ timeout: 120_000 });
    const reqId = Number(await page.locator('.reqid').getAttribute('data-reqid'));
    assert.ok(reqId > 0);
    assert.match(await page.evaluate(() => document.body.innerText), new RegExp(String(reqId)));
    for (const [lang, name] of LANGS) {
      await page.getByRole('button', { name }).click();
      assert.deepEqual(await inspect(page, SHOTS, `live-pending-${lang}`), [], lang);
    }
    await page.getByRole('button', { name: 'English' }).click();
    env.ca.service.approveAll = false;
    // the CA officer approves with the demo CA's admin command, beside the running CA
    const approved = await runTool(process.execPath, [
      '--disable-warning=ExperimentalWarning',
      CERTSRV_CLI,
      'approve',
      '--state',
      env.ca.stateDir,
      '--by',
      'CORP\\officer',
      String(reqId),
    ]);
    assert.equal(approved.status, 0, approved.stderr);
    assert.match(approved.stdout, new RegExp(`^${reqId}\\tissued\\t`, 'm'));
    await page.getByRole('button', { name: 'Pending requests' }).click();
    await page.getByText(`Request ${reqId}`).waitFor({ timeout: 30_000 });
    assert.deepEqual(await inspect(page, SHOTS, 'live-pending-list-en'), []);
    await page.getByRole('button', { name: 'Resume' }).first().click();
    const newPin = text(randomHolderPin());
    await typeNewPin(page, newPin);
    await page.getByRole('heading', { name: 'Card ready' }).waitFor({ timeout: 120_000 });
    await confirmOnCard(newPin, /alice@corp\.example/);
    await k.close();
  });

  it('a hostile page script with the station connected: BAD_INPUT for malformed, oversized and extra fields; nothing reaches the card or the CA', async () => {
    await env.insertBlankCard();
    const k = await open();
    const page = k.page;
    await page.getByText('Blank card').waitFor({ timeout: 30_000 });
    // reader events reach the Start screen without a reload: the blank card pulled and put back
    await env.target.remove();
    await page.getByText('Blank card').waitFor({ state: 'detached', timeout: 30_000 });
    await env.target.insert();
    await page.getByText('Blank card').waitFor({ timeout: 30_000 });
    await signIn(page);
    const requestsBefore = env.ca.list().length;
    const apdusBefore = env.target.apduCount;
    const answers = await page.evaluate(async () => {
      const s = window.station as unknown as Record<
        string,
        (a?: unknown) => Promise<{ ok: boolean; error?: { code: string } }>
      >;
      const alice = {
        requesterName: 'CORP\\alice',
        upn: 'alice@corp.example',
        email: 'alice@corp.example',
        reissue: false,
      };
      const calls: Array<[string, unknown]> = [
        ['enroll', { ...alice, template: 'DomainController' }],
        ['enroll', { ...alice, requesterName: 'CORP\\' + 'a'.repeat(100_000) }],
        ['enroll', { ...alice, upn: 'alice' }],
        ['enroll', { ...alice, reissue: 'yes' }],
        ['enroll', { ...alice, targetReader: 'x'.repeat(10_000) }],
        ['enroll', { ...alice, sid: 'S-1-5-evil' }],
        ['enroll', 'CORP\\alice'],
        ['enroll', null],
        ['resume', { enrollmentId: '../../journal' }],
        ['resume', { enrollmentId: 'e', extra: true }],
        ['answerNewPin', { enrollmentId: 'nope', pin: '13579246' }],
        ['signIn', { pin: '1'.repeat(50_000) }],
      ];
      const out: Array<[string, string | undefined]> = [];
      for (const [name, arg] of calls) out.push([name, (await s[name]?.(arg))?.error?.code]);
      return out;
    });
    for (const [name, code] of answers) assert.equal(code, 'BAD_INPUT', name);
    assert.equal(env.ca.list().length, requestsBefore, 'no request reached the CA');
    assert.equal(env.target.apduCount, apdusBefore, 'no APDU reached the blank card');
    await k.close();
  });
});
