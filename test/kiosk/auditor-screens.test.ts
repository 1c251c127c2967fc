// The auditor screens end to end: real pcscd + vpcd, the demo CA, enrollments made by the CLI
// (one issued, one not issued, one left on the transport PIN: that card becomes the auditor's card),
// then 100,000 generated, signed records appended to the same log (dev/audit-bulk.ts). The real
// Station and IPC handlers answer window.station; the production bundle runs under the production
// CSP in Debian's Chromium. The auditor signs in with the listed card (PIN + challenge signature),
// filters the log, opens one enrollment's events, verifies, reads the card states and the charts,
// exports CSV/JSON/PDF to the medium folder; `station audit export`, pdftoppm/pdftotext and the
// sqlite3 CLI check the results. An operator cannot reach any of it. Run inside
// scripts/private-ns.sh (it starts pcscd).
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cliStation } from '../../cli/compose.ts';
import { parseConfig, stationPaths, type StationConfig } from '../../core/config/config.ts';
import { appendGeneratedEnrollments, type BulkCounts } from '../../dev/audit-bulk.ts';
import {
  FACTORY_MANAGEMENT_KEY,
  randomHolderPin,
  startDemoEnvironment,
  TRANSPORT_PIN,
  type DemoEnvironment,
} from '../../dev/demo-environment.ts';
import { kioskStation } from '../../electron/station-adapter.ts';
import type { KioskStation } from '../../electron/station-port.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { axe } from './inspect.ts';
import { enrollAlice, run, station, text } from '../e2e/helpers.ts';
import {
  buildKiosk,
  launchChromium,
  openKiosk,
  serveKioskBundle,
  type BundleServer,
  type KioskPage,
} from '../../scripts/kiosk-browser.ts';

const SHOTS = path.join(import.meta.dirname, '..', '..', 'out', 'kiosk', 'auditor');
const GENERATED = 100_000;
const LANGS = [
  ['en', 'English'],
  ['ko', '한국어'],
  ['zh-Hans', '简体中文'],
  ['zh-Hant', '繁體中文'],
] as const;

let env: DemoEnvironment;
let server: BundleServer;
let browser: Browser;
let kiosk: KioskStation;
let config: StationConfig;
let configFile: string;
let media: string;
let counts: BulkCounts;
let db: string;
let auditorCertPem: string;

const cli = (args: readonly string[], stdin = ''): ReturnType<typeof station> =>
  station(args, { env: env.env, stdin, timeoutMs: 180_000 });

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair() });
  const agentPin = text(env.agentPin);
  const holderPin = text(randomHolderPin());
  // the demo's enrollments: alice issued (PIN chosen); bob not issued (no e-mail in the directory)
  const a = await cli(enrollAlice(env.configFile), `${agentPin}\n${holderPin}\n${holderPin}\n`);
  assert.equal(a.code, 0, a.stdout + a.stderr);
  await env.insertBlankCard();
  const b = await cli(
    ['enroll', '--config', env.configFile, '--user', 'CORP\\bob', '--upn', 'bob@corp.example'],
    `${agentPin}\n`,
  );
  assert.notEqual(b.code, 0, 'bob has no e-mail: not issued');
  // the same blank card for alice again, the PIN left unchanged: this card is the auditor's
  const c = await cli([...enrollAlice(env.configFile), '--no-pin-change'], `${agentPin}\n`);
  assert.equal(c.code, 0, c.stdout + c.stderr);
  const pem = (
    await run('yubico-piv-tool', ['-r', env.targetReader, '-a', 'read-certificate', '-s', '9a'], {
      encoding: 'utf8',
    })
  ).stdout;
  auditorCertPem = pem;
  const thumbprint = createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');

  // the auditor's medium: the checkpoint public key they took away at installation
  media = path.join(env.root, 'auditor-medium');
  mkdirSync(media);
  const key = await cli([
    'audit',
    'key',
    '--config',
    env.configFile,
    '--output',
    path.join(media, 'station-key.pem'),
  ]);
  assert.equal(key.code, 0, key.stdout + key.stderr);
  const raw = JSON.parse(readFileSync(env.configFile, 'utf8')) as Record<string, unknown>;
  raw.auditor = { certificateThumbprints: thumbprint, mediaFolder: './auditor-medium' };
  configFile = path.join(env.root, 'station-auditor.json');
  writeFileSync(configFile, JSON.stringify(raw, null, 2));
  config = parseConfig(raw, env.root);
  db = stationPaths(config).auditDb;
  counts = appendGeneratedEnrollments({
    db,
    keyFile: stationPaths(config).auditKey,
    stationId: config.stationId,
    checkpointEvery: config.audit.checkpointEvery,
    records: GENERATED,
    start: new Date('2026-11-01T08:00:00.000Z'),
    spacingMs: 75_000,
  });
  await buildKiosk();
  server = await serveKioskBundle();
  browser = await launchChromium();
  kiosk = kioskStation(cliStation(config));
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await kiosk?.close();
  await browser?.close();
  await server?.close();
  await env?.stop();
});

let current: KioskPage | undefined;
afterEach(async () => {
  await current?.close().catch(() => undefined);
  current = undefined;
});

async function open(): Promise<KioskPage> {
  const k = await openKiosk(browser, server, { deps: { station: kiosk }, width: 1920, height: 1080 });
  current = k;
  await k.page.locator('[data-screen="start"]').waitFor();
  return k;
}

async function signInAuditor(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Auditor: review the log' }).click();
  await page.locator('[data-audit-screen="sign-in"]').waitFor();
  await page.keyboard.type(TRANSPORT_PIN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .locator('[data-audit-screen="log"]')
    .waitFor({ timeout: 30_000 })
    .catch(async (e: unknown) => {
      throw new Error(`auditor sign-in: ${await page.locator('main').innerText()}`, { cause: e });
    });
}

/** the session records the kiosk wrote (SESSION_START/END), oldest first, read from the log file */
function sessionRecords(): Array<{
  action: string;
  outcome: string;
  errorCode: string | null;
  reason: string | null;
  operatorUpn: string | null;
}> {
  const file = new DatabaseSync(db, { readOnly: true });
  try {
    return file
      .prepare(
        "SELECT action, outcome, error_code AS errorCode, reason, operator_upn AS operatorUpn FROM audit_log WHERE action IN ('SESSION_START', 'SESSION_END') ORDER BY seq",
      )
      .all() as ReturnType<typeof sessionRecords>;
  } finally {
    file.close();
  }
}

async function shots(page: Page, name: string): Promise<void> {
  for (const [lang, label] of LANGS) {
    await page.getByRole('button', { name: label, exact: true }).click();
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${lang}.png`), fullPage: true });
    assert.deepEqual(await axe(page), [], `${name} ${lang}`);
  }
  await page.getByRole('button', { name: 'English', exact: true }).click();
}

describe('the auditor screens on the real station', () => {
  it('an operator reaches none of it: no screen, and every auditor call on the bridge is refused and recorded', async () => {
    const k = await open();
    const page = k.page;
    await page.getByRole('button', { name: 'Operator: enroll a card' }).click();
    await page.keyboard.type(text(env.agentPin));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-screen="holder"]').waitFor({ timeout: 30_000 });
    const answers = await page.evaluate(async () => {
      const s = window.station!;
      const filter = {};
      return [
        await s.auditLog({ filter }),
        await s.auditEvents({ enrollmentId: 'abc' }),
        await s.auditKeys(),
        await s.auditVerify({ keyFile: 'station-key.pem' }),
        await s.auditCards({ keyFile: 'station-key.pem' }),
        await s.auditOverview({ filter }),
        await s.auditExport({ format: 'csv', filter, keyFile: 'station-key.pem' }),
      ].map((r) => (r.ok ? 'ok' : r.error.code));
    });
    assert.deepEqual(answers, Array(7).fill('AUDITOR_REQUIRED'));
    // the auditor's card is in the other reader (the operator's card is not listed), but the
    // operator does not know its PIN: refused, recorded, and nothing opens
    const wrong = await page.evaluate(() => window.station!.signInAuditor({ pin: '87654321' }));
    assert.equal(wrong.ok === false && wrong.error.code, 'WRONG_PIN');
    const after = await page.evaluate(() => window.station!.auditLog({ filter: {} }));
    assert.equal(after.ok === false && after.error.code, 'AUDITOR_REQUIRED');
    const records = sessionRecords();
    assert.equal(records.filter((r) => r.errorCode === 'AUDITOR_REQUIRED').length, 8);
    assert.ok(records.some((r) => r.reason === 'operator signed in' && r.outcome === 'success'));
    assert.ok(records.some((r) => r.reason === 'auditor sign-in refused' && r.errorCode === 'WRONG_PIN'));
    // by navigation: the Start screen's auditor button signs the operator out first
    await page.getByRole('button', { name: 'Start screen' }).click();
    await page.getByRole('button', { name: 'Auditor: review the log' }).click();
    await page.locator('[data-audit-screen="sign-in"]').waitFor();
    assert.equal(await page.getByText(/Signed in:/).count(), 0);
    assert.ok(
      sessionRecords().some(
        (r) => r.action === 'SESSION_END' && r.reason?.startsWith('operator signed out') === true,
      ),
    );
  });

  it('the auditor signs in, filters the log, opens an enrollment, verifies clean and exports CSV, JSON and PDF', async () => {
    const k = await open();
    const page = k.page;
    await signInAuditor(page);
    const records = sessionRecords();
    assert.equal(records.at(-1)?.reason, 'auditor signed in');
    assert.equal(records.at(-1)?.operatorUpn, 'alice@corp.example');
    // the first page: 50 enrollments of 100,000+ records
    await page.locator('tr[data-enrollment]').first().waitFor();
    assert.equal(await page.locator('tr[data-enrollment]').count(), 50);
    await shots(page, 'log');
    // paging by seq
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2').waitFor();
    // filter: the demo holder alice
    await page.getByLabel('Cardholder (DOMAIN\\user)').fill('CORP\\alice');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('Page 1').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('tr[data-enrollment]').length === 2);
    const statuses = await page
      .locator('tr[data-enrollment] td[data-status]')
      .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-status')));
    assert.deepEqual(statuses, ['issued', 'issued-pin-not-changed']);
    // a generated holder, by card serial and outcome
    await page.getByLabel('Cardholder (DOMAIN\\user)').fill('');
    await page.getByLabel('Card serial').fill('20000007');
    await page.getByLabel('Outcome').selectOption('failure');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForFunction(() => document.querySelectorAll('tr[data-enrollment]').length === 1);
    assert.equal(await page.locator('td[data-status]').getAttribute('data-status'), 'denied');
    // its events
    await page.locator('tr[data-enrollment] button.link').first().click();
    await page.locator('[data-audit-panel="events"]').waitFor();
    // the panel is drawn before its events arrive (allInnerTexts does not wait): wait for the rows
    const eventRows = page.locator('[data-audit-panel="events"] tbody tr td:nth-child(3)');
    await eventRows.first().waitFor();
    const actions = await eventRows.allInnerTexts();
    assert.deepEqual(actions, [
      'ENROLLMENT_STARTED',
      'CARD_IDENTIFIED',
      'CERT_DENIED',
      'ENROLLMENT_FINISHED',
    ]);
    await shots(page, 'events');
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // verify against the pinned key from the medium, shown by fingerprint
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.locator('[data-audit-screen="verify"]').waitFor();
    const pinned = execFileSync('openssl', [
      'pkey',
      '-pubin',
      '-in',
      path.join(media, 'station-key.pem'),
      '-outform',
      'DER',
    ]);
    const fingerprint = createHash('sha256').update(pinned).digest('hex');
    assert.equal(await page.locator('code[data-fingerprint]').getAttribute('data-fingerprint'), fingerprint);
    await page.locator('section.audit-keys').getByRole('radio').check();
    await page
      .locator('section[aria-labelledby="verify-title"]')
      .getByRole('button', { name: 'Verify' })
      .click();
    await page.locator('[data-verdict]').waitFor({ timeout: 120_000 });
    assert.equal(await page.locator('[data-verdict]').getAttribute('data-verdict'), 'intact');
    await page.getByText('Every record up to the newest is exactly what the station wrote').waitFor();
    await shots(page, 'verify-intact');

    // export the holder's records, as the CLI does
    await page.getByRole('button', { name: 'Log', exact: true }).click();
    await page.getByLabel('Cardholder (DOMAIN\\user)').fill('CORP\\alice');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByText('Records matching:').waitFor();
    for (const f of ['CSV', 'JSON', 'PDF report']) {
      await page.getByRole('button', { name: `Export ${f}` }).click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('li[data-file]').length === n,
        ['CSV', 'JSON', 'PDF report'].indexOf(f) + 1,
        { timeout: 60_000 },
      );
    }
    const files = await page
      .locator('li[data-file]')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-file') ?? ''));
    assert.deepEqual(
      files.map((f) => path.extname(f)),
      ['.csv', '.json', '.pdf'],
    );
    assert.deepEqual(
      await page
        .locator('li[data-verdict]')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-verdict'))),
      ['intact', 'intact', 'intact'],
    );
    await shots(page, 'export');
    const cliCsv = await cli([
      'audit',
      'export',
      '--config',
      configFile,
      '--format',
      'csv',
      '--user',
      'CORP\\alice',
      '--public-key',
      path.join(media, 'station-key.pem'),
    ]);
    assert.equal(cliCsv.code, 0, cliCsv.stderr);
    const screenCsv = readFileSync(path.join(media, files[0]!), 'utf8');
    assert.equal(screenCsv, cliCsv.stdout, 'the screen exports what `station audit export` exports');
    assert.ok(screenCsv.split('\r\n').length > 20);
    const json = JSON.parse(readFileSync(path.join(media, files[1]!), 'utf8')) as {
      records: unknown[];
      verification: { verdict: string };
    };
    assert.equal(json.records.length, screenCsv.trim().split('\r\n').length - 1);
    assert.equal(json.verification.verdict, 'intact');
    // the PDF renders, and its text names the verdict and the key
    const pdf = path.join(media, files[2]!);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      pdf,
      path.join(SHOTS, 'report-page'),
    ]);
    const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    assert.match(pdfText, /Verdict: intact/);
    assert.match(pdfText, /Intact: every record in the range is exactly what the station wrote/);
    assert.match(pdfText.replace(/\s+/g, ''), new RegExp(fingerprint));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('[data-screen="start"]').waitFor();
    assert.equal(sessionRecords().at(-1)?.reason, 'auditor signed out: sign-out');
  });

  it('the charts show the counts of the seeded log; the card states list the PIN-not-changed cards', async () => {
    const k = await open();
    const page = k.page;
    await signInAuditor(page);
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    await page.getByLabel('From (UTC)').fill('2026-11-01');
    await page.getByLabel('Until (UTC, not included)').fill('2026-11-30');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page
      .locator('figure[data-chart="per-day"] svg .recharts-bar-rectangle')
      .first()
      .waitFor({ timeout: 30_000 });
    for (const [day, byStatus] of Object.entries(counts)) {
      for (const [status, n] of Object.entries(byStatus))
        assert.equal(
          await page.locator(`tr[data-day="${day}"] td[data-status="${status}"]`).innerText(),
          new Intl.NumberFormat('en').format(n),
          `${day} ${status}`,
        );
    }
    // the bars: one rectangle per day and status, heights in proportion to the counts
    const days = Object.keys(counts).sort();
    const bars = await page.locator('figure[data-chart="per-day"] .recharts-bar-rectangle').count();
    assert.equal(bars, days.length * 3);
    const deniedHeights = await page
      .locator('figure[data-chart="per-day"] .recharts-bar')
      .first()
      .locator('path')
      .evaluateAll((ps) => ps.map((p) => p.getBoundingClientRect().height));
    const first = counts[days[0]!]!;
    const statusesSorted = Object.keys(first).sort();
    assert.equal(statusesSorted[0], 'denied');
    const deniedCounts = days.map((d) => counts[d]!.denied ?? 0);
    const ratio = deniedHeights[0]! / deniedCounts[0]!;
    for (const [i, h] of deniedHeights.entries())
      assert.ok(Math.abs(h - deniedCounts[i]! * ratio) < 2, `bar ${i}`);
    const pie = await page.locator('figure[data-chart="outcomes"] .recharts-pie-sector').count();
    assert.equal(pie, 3);
    await shots(page, 'overview');

    await page.getByRole('button', { name: 'Cards', exact: true }).click();
    await page.locator('section.audit-keys').getByRole('radio').check();
    await page.getByRole('button', { name: 'Read the card states' }).click();
    await page.locator('tr[data-card]').first().waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: /PIN not changed/ }).click();
    const states = await page
      .locator('tr[data-card]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-state')));
    assert.ok(states.length > 0 && states.every((s) => s === 'issued-pin-not-changed'));
    assert.ok(
      (await page.locator('tr[data-card="serial:1000002"]').count()) === 1,
      'the demo card left on the transport PIN',
    );
    await shots(page, 'cards');
  });

  it('the idle timeout signs the auditor out, and that is recorded', async () => {
    const k = await openKiosk(browser, server, {
      // long enough for the sign-in itself on a loaded machine (the card's PIN and signature),
      // short enough to wait for: a 3 s window could end before the sign-in screen was up
      deps: { station: kiosk, idleMs: 10_000 },
      width: 1920,
      height: 1080,
    });
    current = k;
    await k.page.locator('[data-screen="start"]').waitFor();
    await signInAuditor(k.page);
    await k.page
      .getByText('The last session ended after a period without activity')
      .waitFor({ timeout: 40_000 });
    assert.equal(sessionRecords().at(-1)?.reason, 'auditor signed out: idle');
    const r = await k.page.evaluate(() => window.station!.auditLog({ filter: {} }));
    assert.equal(r.ok === false && r.error.code, 'AUDITOR_REQUIRED');
  });

  it('after a row is edited with the sqlite3 CLI, Verify names the broken record and the kind of break', async () => {
    const seq = 5000;
    execFileSync('sqlite3', [
      db,
      `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET target_user = 'CORP\\mallory' WHERE seq = ${seq};`,
    ]);
    const k = await open();
    const page = k.page;
    await signInAuditor(page);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.locator('section.audit-keys').getByRole('radio').check();
    await page
      .locator('section[aria-labelledby="verify-title"]')
      .getByRole('button', { name: 'Verify' })
      .click();
    await page.locator('[data-verdict]').waitFor({ timeout: 120_000 });
    assert.equal(await page.locator('[data-verdict]').getAttribute('data-verdict'), 'broken');
    assert.equal(await page.locator('[data-break-seq]').getAttribute('data-break-seq'), String(seq));
    await page.getByText(`First broken record: no. ${seq} (a field was edited).`).waitFor();
    await shots(page, 'verify-broken');
  });
  it("a copy of the auditor's certificate on another card is refused: that card cannot sign the challenge", async () => {
    // runs last: it takes the auditor's card out of the reader
    await env.insertBlankCard();
    const certFile = path.join(env.root, 'auditor-cert.pem');
    writeFileSync(certFile, auditorCertPem);
    const piv = (args: string[]): ReturnType<typeof run> =>
      run('yubico-piv-tool', ['-r', env.targetReader, `--key=${FACTORY_MANAGEMENT_KEY}`, ...args], {
        encoding: 'utf8',
      });
    await piv(['-a', 'generate', '-s', '9a', '-A', 'RSA2048', '-o', path.join(env.root, 'other-key.pem')]);
    await piv(['-a', 'import-certificate', '-s', '9a', '-i', certFile]);
    const k = await open();
    const r = await k.page.evaluate((pin) => window.station!.signInAuditor({ pin }), TRANSPORT_PIN);
    assert.equal(r.ok === false && r.error.code, 'AUDITOR_CARD_REFUSED');
    const last = sessionRecords().at(-1);
    assert.equal(last?.errorCode, 'AUDITOR_CARD_REFUSED');
    assert.equal(last?.operatorUpn, 'alice@corp.example', 'the refusal names whom the card claimed to be');
    const after = await k.page.evaluate(() => window.station!.auditLog({ filter: {} }));
    assert.equal(after.ok === false && after.error.code, 'AUDITOR_REQUIRED');
  });
});
