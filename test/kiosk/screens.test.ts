// The production bundle under the production CSP in Debian's Chromium, window.station bridged to
// the real main-process handlers. No station is wired here (station/ has not landed), so the
// handlers answer STATION_UNAVAILABLE and the screens must say so — no fake engine. What is
// tested: the CSP holds, the bridge refuses hostile calls, every reachable screen in each
// language fits 1280x800 and 1920x1080 with zero axe-core violations (screenshots under
// out/kiosk/screens), the PIN pad is masked and works by touch and keyboard, and an idle reset
// from main drops what was typed.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axe, overflow } from './inspect.ts';
import { describe as describeCode, LANGUAGES, type Language } from '../../core/errors/catalog.ts';
import { PRODUCTION_CSP } from '../../electron/csp.ts';
import {
  buildKiosk,
  launchChromium,
  openKiosk,
  serveKioskBundle,
  type BundleServer,
} from '../../scripts/kiosk-browser.ts';

const SHOTS = path.join(import.meta.dirname, '..', '..', 'out', 'kiosk', 'screens');
const LOCALE: Record<Language, string> = { en: 'en-US', ko: 'ko-KR', 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW' };
const NATIVE: Record<Language, string> = {
  en: 'English',
  ko: '한국어',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
};

let server: BundleServer;
let browser: Browser;
before(async () => {
  await buildKiosk();
  server = await serveKioskBundle();
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

describe('kiosk screens in Chromium under the production CSP', () => {
  it('the bundle is served with the production CSP and the CSP holds in the page', async () => {
    const k = await openKiosk(browser, server);
    const errors: string[] = [];
    k.page.on('pageerror', (e) => errors.push(e.message));
    const response = await k.page.goto(`${server.origin}/index.html`);
    assert.equal(response?.headers()['content-security-policy'], PRODUCTION_CSP);
    assert.equal(response?.headers()['x-content-type-options'], 'nosniff');
    await k.page.locator('[data-screen="start"]').waitFor();
    const result = await k.page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.body.append(s);
      let remote = 'loaded';
      try {
        await fetch('https://example.com/');
      } catch {
        remote = 'blocked';
      }
      await new Promise((r) => setTimeout(r, 100));
      return { inline: (window as unknown as { __inline?: boolean }).__inline === true, remote, violations };
    });
    assert.equal(result.inline, false, 'inline script ran');
    assert.equal(result.remote, 'blocked');
    assert.ok(
      result.violations.includes('script-src-elem') && result.violations.includes('connect-src'),
      result.violations.join(),
    );
    assert.deepEqual(errors, []);
    // window.open and navigation away from the bundle: a popup would need a new page in the context
    await k.close();
  });

  it('a hostile page script gets BAD_INPUT for malformed, oversized and extra fields, and reaches only window.station', async () => {
    const k = await openKiosk(browser, server);
    await k.page.locator('[data-screen="start"]').waitFor();
    const answers = await k.page.evaluate(async () => {
      const s = window.station as unknown as Record<
        string,
        (a?: unknown) => Promise<{ ok: boolean; error?: { code: string; message: string } }>
      >;
      const calls: Array<[string, unknown]> = [
        ['signIn', { pin: '1'.repeat(1_000_000) }],
        ['signIn', { pin: '123456', extra: 1 }],
        ['signIn', { pin: 123456 }],
        ['signIn', 'x'],
        [
          'enroll',
          {
            requesterName: 'CORP\\alice',
            upn: 'alice@corp.example',
            reissue: false,
            template: 'DomainController',
          },
        ],
        ['enroll', { requesterName: 'CORP\\' + 'a'.repeat(5000), upn: 'alice@corp.example', reissue: false }],
        ['enroll', { requesterName: 'alice', upn: 'alice@corp.example', reissue: false }],
        ['enroll', { requesterName: 'CORP\\alice', upn: 'alice@corp.example', reissue: 1 }],
        ['enroll', [1, 2, 3]],
        ['resume', { enrollmentId: '../../etc' }],
        ['answerNewPin', { enrollmentId: 'x', pin: '1', skip: true }],
        ['readers', { please: true }],
        ['setLanguage', { language: 'de' }],
        ['explain', { code: 'toString' }],
        ['checkHolder', { requesterName: 'CORP\\alice', upn: 'not a upn', reissue: false }],
      ];
      const out: Array<[string, string | undefined, string | undefined]> = [];
      for (const [name, arg] of calls) {
        const r = await s[name]?.(arg);
        out.push([name, r?.error?.code, r?.error?.message]);
      }
      const w = window as unknown as Record<string, unknown>;
      return {
        out,
        binding: typeof w.__stationInvoke,
        keys: Object.keys(window.station ?? {}).sort(),
        frozen: Object.isFrozen(window.station),
      };
    });
    for (const [name, code, message] of answers.out) {
      assert.equal(code, 'BAD_INPUT', name);
      assert.doesNotMatch(message ?? '', /1111111111|aaaaaaaaaa|DomainController/, 'never echoes a value');
    }
    assert.equal(answers.binding, 'undefined', 'the raw binding is not reachable from the page');
    assert.ok(answers.frozen);
    assert.ok(!answers.keys.includes('invoke'));
    // the dispatcher saw them all, and answered each before any station call could happen
    assert.equal(k.calls.filter(([c]) => c !== 'station:activity').length >= answers.out.length, true);
    await k.close();
  });

  it('a second page (another webContents) is refused as a sender', async () => {
    const k = await openKiosk(browser, server);
    const other = await k.context.newPage();
    await other.goto(`${server.origin}/index.html`);
    const r = await other.evaluate(() => window.station?.readers());
    assert.equal(r?.ok, false);
    assert.equal(r?.ok === false && r.error.code, 'BAD_INPUT');
    await k.close();
  });

  it('the PIN pad is masked and works by touch and by keyboard; an idle reset drops what was typed', async () => {
    let fire: (() => void) | undefined;
    const timers = { setTimeout: (fn: () => void) => ((fire = fn), 1), clearTimeout: () => undefined };
    const k = await openKiosk(browser, server, { deps: { station: undefined, timers, idleMs: 1 } });
    const page = k.page;
    await page.getByRole('button', { name: 'Operator: enroll a card' }).click();
    await page
      .getByRole('button', { name: 'Digit 2' })
      .tap()
      .catch(() => page.getByRole('button', { name: 'Digit 2' }).click());
    await page.getByRole('button', { name: 'Digit 4' }).click();
    await page.keyboard.type('68');
    await page.keyboard.press('Backspace');
    assert.equal(await page.locator('[data-testid="agent-pin-dots"] .dot.full').count(), 3);
    assert.match(await visibleText(page), /3 digits entered/);
    assert.doesNotMatch(await page.content(), /246/, 'no digit of the PIN in the DOM');
    fire?.();
    await page.locator('[data-screen="start"]').waitFor();
    assert.match(await visibleText(page), /everything typed was cleared/);
    await page.getByRole('button', { name: 'Operator: enroll a card' }).click();
    assert.equal(await page.locator('[data-testid="agent-pin-dots"] .dot.full').count(), 0);
    await k.close();
  });

  it('the holder PIN pad takes keys from the moment main puts it on screen', async () => {
    // main pushes the PIN pad (new-pin-needed) and the holder types at once. The keys here come
    // the instant the pad is in the DOM, before React's passive effects of that render run (they
    // run on a later task when the render came from a pushed event rather than a touch, and
    // Chromium runs input first): a pad that starts listening in a passive effect loses them, and
    // the holder is stuck while main waits for the PIN.
    const k = await openKiosk(browser, server);
    const page = k.page;
    await page.locator('[data-screen="start"]').waitFor();
    const counted = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new MutationObserver((_, observer) => {
            if (document.querySelector('[data-screen="new-pin"]') === null) return;
            observer.disconnect();
            for (const key of '13579246')
              document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
            setTimeout(
              () => resolve(document.querySelectorAll('[data-testid="new-pin-dots"] .dot.full').length),
              300,
            );
          }).observe(document, { subtree: true, childList: true, attributes: true });
          const deliver = (window as unknown as { __stationDeliver: (c: string, p: unknown) => void })
            .__stationDeliver;
          deliver('station:event', {
            type: 'new-pin-needed',
            enrollmentId: '6f1c1b5e-3c55-4a43-9d55-1e0c2a7b9f10',
            policy: { minLength: 6, maxLength: 8, digitsOnly: true, refused: ['12345678'] },
          });
        }),
    );
    assert.equal(counted, 8, 'every key typed as the pad appeared');
    await k.close();
  });

  it('without window.station the page says it is not inside the kiosk', async () => {
    const k = await openKiosk(browser, server, { bridge: false });
    await k.page.locator('[data-screen="no-bridge"]').waitFor();
    assert.match(await visibleText(k.page), /not running inside the kiosk/);
    await k.close();
  });

  for (const [width, height] of (process.env.KIOSK_SIZES === 'one'
    ? [[1280, 800]]
    : [
        [1280, 800],
        [1920, 1080],
      ]) as ReadonlyArray<readonly [number, number]>) {
    for (const lang of process.env.KIOSK_LANGS
      ? (process.env.KIOSK_LANGS.split(',') as Language[])
      : LANGUAGES) {
      it(`every reachable screen in ${lang} at ${width}x${height}: localized, fits, zero axe violations`, async () => {
        const k = await openKiosk(browser, server, { width, height, locale: LOCALE[lang] });
        const page = k.page;
        const unavailable = describeCode('STATION_UNAVAILABLE', lang);
        const check = async (screen: string): Promise<void> => {
          await page.locator(`[data-screen="${screen}"]`).waitFor();
          assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
          await page.screenshot({ path: path.join(SHOTS, `${screen}-${lang}-${width}x${height}.png`) });
          assert.deepEqual(await overflow(page), [], `${screen} overflow`);
          assert.deepEqual(await axe(page), [], `${screen} axe`);
        };
        // Start, not connected: the station's own catalog text in this language
        await page.getByText(unavailable.message).waitFor();
        assert.match(
          await visibleText(page),
          new RegExp(unavailable.resolution.slice(0, 12).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
        );
        await check('start');
        // Operator sign-in with four digits typed
        await page.locator('main button.primary').first().click();
        for (const d of ['1', '3', '5', '7']) await page.keyboard.press(d);
        await check('sign-in');
        // signing in cannot work without a station: the error state, localized, with a way back
        await page.keyboard.press('Enter');
        await check('error');
        assert.match(await visibleText(page), new RegExp('STATION_UNAVAILABLE'));
        // switching language on the error screen relabels the error from the station's catalog
        const next = LANGUAGES[(LANGUAGES.indexOf(lang) + 1) % LANGUAGES.length] as Language;
        await page.getByRole('button', { name: NATIVE[next] }).click();
        await page.getByText(describeCode('STATION_UNAVAILABLE', next).message).waitFor();
        await page.getByRole('button', { name: NATIVE[lang] }).click();
        await page.getByText(unavailable.message).waitFor();
        await page.locator('main button.primary').click();
        await page.locator('[data-screen="start"]').waitFor();
        await k.close();
        const bare = await openKiosk(browser, server, { width, height, locale: LOCALE[lang], bridge: false });
        await bare.page.locator('[data-screen="no-bridge"]').waitFor();
        await bare.page.screenshot({ path: path.join(SHOTS, `no-bridge-${lang}-${width}x${height}.png`) });
        assert.deepEqual(await overflow(bare.page), []);
        assert.deepEqual(await axe(bare.page), []);
        await bare.close();
      });
    }
  }
});
