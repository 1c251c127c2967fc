// The diagnostics screen on the real station: the production bundle in Debian's Chromium under
// the production CSP, window.station bridged to the real handlers, the Station composed as the
// headless station composes it, against the demo environment (pcscd + vpcd, software cards, the
// demo CA). Reached from Start without signing in. Every check in the four languages, and each
// failing check produced for real — the CA down, a trust bundle of another CA, a CA answering with
// a skewed Date, the smart-card service stopped, a service with no reader — shows the station's
// resolution in each language (the same words `station diagnose --lang` prints), with zero axe-core
// violations and nothing overflowing; screenshots under out/kiosk/screens/diagnostics-*.png.
// Run inside scripts/private-ns.sh (it starts, stops and restarts pcscd).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { cliStation } from '../../cli/compose.ts';
import { parseConfig, type StationConfig } from '../../core/config/config.ts';
import { explainCode } from '../../core/errors/explain.ts';
import { LANGUAGES, t, type Language, type MessageKey } from '../../core/i18n/index.ts';
import { startDemoEnvironment, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { kioskStation } from '../../electron/station-adapter.ts';
import { startCertsrv } from '../../sim/certsrv/index.ts';
import {
  buildKiosk,
  launchChromium,
  openKiosk,
  serveKioskBundle,
  type BundleServer,
} from '../../scripts/kiosk-browser.ts';
import { ensurePcscd, stopPcscd, vpcdPair } from '../support/pcscd.ts';
import { requirePrivateNamespace } from '../support/private-ns.ts';
import { tempDir, type TempDir } from '../support/tools.ts';
import { inspect } from './inspect.ts';

requirePrivateNamespace();

const SHOTS = path.join(import.meta.dirname, '..', '..', 'out', 'kiosk', 'screens');
const NATIVE: Record<Language, string> = {
  en: 'English',
  ko: '한국어',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
};
const SCREEN_WORDS = Object.fromEntries(
  LANGUAGES.map((l) => [
    l,
    JSON.parse(
      readFileSync(
        path.join(import.meta.dirname, '..', '..', 'renderer', 'src', 'locales', `${l}.json`),
        'utf8',
      ),
    ) as { diag: { heading: string; passed: string; failed: string }; start: { diagnostics: string } },
  ]),
) as Record<
  Language,
  { diag: { heading: string; passed: string; failed: string }; start: { diagnostics: string } }
>;

let env: DemoEnvironment;
let server: BundleServer;
let browser: Browser;
let dir: TempDir;
let raw: Record<string, unknown> & { ca: Record<string, unknown> };

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair() });
  dir = tempDir('station-diagnostics-');
  raw = JSON.parse(readFileSync(env.configFile, 'utf8')) as typeof raw;
  await buildKiosk();
  server = await serveKioskBundle();
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await env?.stop();
  dir?.remove();
  // the next test file finds the shared daemon with its readers, as ensurePcscd leaves it
  await ensurePcscd();
});

function configWith(ca: Record<string, unknown>): StationConfig {
  return parseConfig({ ...raw, ca: { ...raw.ca, ...ca } }, env.root);
}

/** Opens the kiosk on `config`, goes from Start to Diagnostics (no sign-in) and waits for the checks. */
async function openDiagnostics(
  config: StationConfig,
  size: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<{ page: Page; close(): Promise<void> }> {
  const station = kioskStation(cliStation(config));
  const k = await openKiosk(browser, server, { deps: { station }, ...size });
  await k.page.locator('[data-screen="start"]').waitFor();
  await k.page.getByRole('button', { name: 'Diagnostics' }).click();
  await k.page.locator('[data-screen="diagnostics"] [data-summary]').waitFor({ timeout: 60_000 });
  return {
    page: k.page,
    close: async () => {
      await k.close();
      await station.close();
    },
  };
}

/** Switches the language and waits until the checks were run again and answered in it. */
async function inLanguage(page: Page, lang: Language): Promise<void> {
  await page.getByRole('button', { name: NATIVE[lang] }).click();
  await page.getByRole('heading', { level: 1, name: SCREEN_WORDS[lang].diag.heading }).waitFor();
  // the checks as main answered them in this language (the frame's words change at once)
  await page.locator(`ul.diagnostics[data-language="${lang}"]`).waitFor({ timeout: 60_000 });
  assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
}

interface Row {
  readonly id: string;
  readonly ok: boolean;
  readonly text: string;
  readonly resolution: string | null;
  readonly code: string | null;
}

async function rows(page: Page): Promise<Row[]> {
  return page.locator('.diagnostics > li').evaluateAll((items) =>
    items.map((li) => ({
      id: li.getAttribute('data-check') ?? '',
      ok: li.getAttribute('data-ok') === 'true',
      text: (li as HTMLElement).innerText,
      resolution: li.querySelector('.resolution')?.textContent ?? null,
      code: li.querySelector('.code')?.textContent ?? null,
    })),
  );
}

function failed(all: readonly Row[], id: string): Row {
  const mine = all.filter((r) => r.id === id && !r.ok);
  assert.equal(mine.length, 1, `${id} failed once: ${JSON.stringify(all, null, 1)}`);
  return mine[0] as Row;
}

/** The resolution shown after the catalog's "What to do:" label. */
const shownResolution = (r: Row): string => (r.resolution ?? '').replace(/^[^:：]+[:：]\s*/, '');

/**
 * The failing check `id` in each language: its resolution is exactly the station's words for that
 * language (`expected`), the screen passes axe and fits; a screenshot per language.
 */
async function failingInEveryLanguage(
  page: Page,
  name: string,
  id: string,
  expected: (lang: Language, row: Row) => string,
): Promise<void> {
  for (const lang of LANGUAGES) {
    await inLanguage(page, lang);
    const row = failed(await rows(page), id);
    assert.equal(shownResolution(row), expected(lang, row), `${name} ${lang}`);
    assert.ok(row.text.startsWith(SCREEN_WORDS[lang].diag.failed), `${name} ${lang}: ${row.text}`);
    assert.deepEqual(await inspect(page, SHOTS, `diagnostics-${name}-${lang}`), [], `${name} ${lang}`);
  }
  await inLanguage(page, 'en');
}

const words = (key: MessageKey) => (lang: Language) => t(key, lang);
const errorResolution = (lang: Language, row: Row): string => {
  const code = /([A-Z][A-Z0-9_]+)/.exec(row.code ?? '')?.[1] ?? '';
  assert.ok(code !== '', `no code on ${row.text}`);
  return explainCode(code, {}, lang, 'screen').resolution;
};

describe('the diagnostics screen on the real station', () => {
  it('from Start without sign-in: every check passes, in the four languages, at 1280x800 and 1920x1080', async () => {
    for (const size of [
      { width: 1280, height: 800 },
      { width: 1920, height: 1080 },
    ]) {
      const d = await openDiagnostics(env.config, size);
      try {
        for (const lang of LANGUAGES) {
          await inLanguage(d.page, lang);
          const all = await rows(d.page);
          assert.deepEqual(
            all.filter((r) => !r.ok),
            [],
          );
          assert.deepEqual(
            [...new Set(all.map((r) => r.id))],
            [
              'dns',
              'server-certificate',
              'ca-reachable',
              'credentials',
              'clock',
              'template',
              'readers',
              'agent-certificate',
            ],
          );
          assert.ok(
            all.every((r) => r.resolution === null && r.text.startsWith(SCREEN_WORDS[lang].diag.passed)),
          );
          assert.deepEqual(
            await inspect(d.page, SHOTS, `diagnostics-passed-${lang}-${size.width}x${size.height}`),
            [],
            lang,
          );
        }
      } finally {
        await d.close();
      }
    }
  });

  it('the CA down: "CA reachable over TLS" failed with the network error and what to do', async () => {
    const gone = await startCertsrv({
      stateDir: path.join(dir.path, 'gone-ca'),
      port: 0,
      clientCertPort: false,
    });
    const config = configWith({ url: gone.url, caBundleFile: gone.caBundleFile });
    await gone.stop();
    const d = await openDiagnostics(config);
    try {
      const row = failed(await rows(d.page), 'ca-reachable');
      assert.match(row.code ?? '', /CA_NETWORK/);
      await failingInEveryLanguage(d.page, 'ca-down', 'ca-reachable', errorResolution);
    } finally {
      await d.close();
    }
  });

  it("a trust bundle of another CA: the server certificate's issuer is not in it", async () => {
    const other = await startCertsrv({
      stateDir: path.join(dir.path, 'other-ca'),
      port: 0,
      clientCertPort: false,
    });
    await other.stop();
    const d = await openDiagnostics(configWith({ caBundleFile: other.caBundleFile }));
    try {
      failed(await rows(d.page), 'ca-reachable');
      await failingInEveryLanguage(
        d.page,
        'wrong-trust',
        'server-certificate',
        words('diagnose.serverCert.resolution.untrustedIssuer'),
      );
    } finally {
      await d.close();
    }
  });

  it('the CA answering with a Date 15 minutes ahead: the clock check fails', async () => {
    env.ca.setClockOffset(900);
    const d = await openDiagnostics(env.config);
    try {
      assert.match(failed(await rows(d.page), 'clock').text, /off by (89\d|90\d) s/);
      await failingInEveryLanguage(d.page, 'clock-skew', 'clock', words('diagnose.clock.resolution'));
    } finally {
      env.ca.setClockOffset(0);
      await d.close();
    }
  });

  it('the smart-card service stopped, then running with no reader', async () => {
    await stopPcscd();
    let d = await openDiagnostics(env.config);
    try {
      assert.match(failed(await rows(d.page), 'pcsc').code ?? '', /PCSC_UNAVAILABLE/);
      await failingInEveryLanguage(d.page, 'no-service', 'pcsc', errorResolution);
    } finally {
      await d.close();
    }
    // a daemon with an empty reader configuration: the service runs, no reader is connected
    const empty = path.join(dir.path, 'no-readers');
    mkdirSync(empty);
    const daemon = spawn('pcscd', ['--foreground', '--config', empty], { detached: true, stdio: 'ignore' });
    daemon.unref();
    try {
      for (let i = 0; i < 100 && !existsSync('/run/pcscd/pcscd.comm'); i++) await delay(100);
      d = await openDiagnostics(env.config);
      try {
        failed(await rows(d.page), 'readers');
        await failingInEveryLanguage(d.page, 'no-reader', 'readers', words('diagnose.readers.resolution'));
      } finally {
        await d.close();
      }
    } finally {
      await stopPcscd();
    }
  });
});
