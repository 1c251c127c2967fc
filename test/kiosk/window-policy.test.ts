// The Electron security checklist (electronjs.org/docs/latest/tutorial/security), item by item,
// against the plain functions main.ts installs. Items that do not apply are listed with their
// reason in docs/kiosk.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { resolveBundlePath, serveBundle, START_URL } from '../../electron/app-files.ts';
import { CSP_DIRECTIVES, PRODUCTION_CSP, SECURITY_HEADERS } from '../../electron/csp.ts';
import {
  devicePermissionHandler,
  isAppUrl,
  isBlockedKey,
  isTrustedSender,
  mayNavigate,
  permissionCheckHandler,
  permissionRequestHandler,
  requestFilter,
  windowOpenHandler,
} from '../../electron/session-policy.ts';
import { kioskWindowOptions, readSwitches } from '../../electron/window-options.ts';
import { IdleTimer } from '../../electron/idle.ts';
import { whileWritingCard } from '../../electron/power.ts';

const production = kioskWindowOptions({ preload: '/app/electron/dist/preload.cjs', development: false });
const development = kioskWindowOptions({ preload: '/app/electron/dist/preload.cjs', development: true });
const web = production.webPreferences ?? {};

describe('window options (checklist 2, 3, 4, 6, 8, 9, 10, 11; kiosk lock-down)', () => {
  it('2: no Node integration anywhere', () => {
    assert.equal(web.nodeIntegration, false);
    assert.equal(web.nodeIntegrationInWorker, false);
    assert.equal(web.nodeIntegrationInSubFrames, false);
  });
  it('3 and 4: context isolation and the process sandbox', () => {
    assert.equal(web.contextIsolation, true);
    assert.equal(web.sandbox, true);
  });
  it('6, 8, 9, 10: web security on, no insecure content, no experimental or Blink features', () => {
    assert.equal(web.webSecurity, true);
    assert.equal(web.allowRunningInsecureContent, false);
    assert.equal(web.experimentalFeatures, false);
    assert.equal(web.enableBlinkFeatures, undefined);
  });
  it('11: no <webview> tag at all', () => assert.equal(web.webviewTag, false));
  it('kiosk, fullscreen, frameless, not closable; devtools off without the development switch', () => {
    assert.equal(production.kiosk, true);
    assert.equal(production.fullscreen, true);
    assert.equal(production.frame, false);
    assert.equal(production.closable, false);
    assert.equal(web.devTools, false);
    assert.equal(web.navigateOnDragDrop, false);
    assert.equal(development.webPreferences?.devTools, true);
    assert.equal(development.kiosk, false);
    // the development window keeps every web security setting
    assert.equal(development.webPreferences?.sandbox, true);
    assert.equal(development.webPreferences?.contextIsolation, true);
  });
  it('the development switch is only --kiosk-dev', () => {
    assert.equal(readSwitches(['electron', '.']).development, false);
    assert.equal(readSwitches(['electron', '.', '--remote-debugging-port=9222']).development, false);
    assert.equal(readSwitches(['electron', '.', '--kiosk-dev']).development, true);
  });
});

describe('session policies (checklist 1, 5, 13, 14, 17, 18)', () => {
  it('5: every permission request and check is denied', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'hid',
      'serial',
      'fullscreen',
    ]) {
      let granted: boolean | undefined;
      permissionRequestHandler(undefined, p, (g) => (granted = g));
      assert.equal(granted, false, p);
    }
    assert.equal(permissionCheckHandler(), false);
    assert.equal(devicePermissionHandler(), false);
  });
  it('13: navigation only to the start page, URLs parsed, look-alikes refused', () => {
    assert.equal(mayNavigate(START_URL), true);
    assert.equal(mayNavigate('app://kiosk/'), true);
    for (const url of [
      'https://example.com/',
      'app://kiosk.evil/index.html',
      'app://evil/index.html',
      'app://kiosk@evil/index.html',
      'app://user:pw@kiosk/index.html',
      'file:///etc/passwd',
      'app://kiosk/other.html',
      'javascript:alert(1)',
      'not a url',
    ])
      assert.equal(mayNavigate(url), false, url);
  });
  it('14: window.open is always denied', () => assert.deepEqual(windowOpenHandler(), { action: 'deny' }));
  it('1 / no remote content: only app://kiosk loads; devtools pages only in development', () => {
    assert.equal(requestFilter('app://kiosk/app.js', false).cancel, false);
    for (const url of [
      'https://cdn.example/react.js',
      'http://127.0.0.1/',
      'ws://x/',
      'file:///x',
      'data:text/html,x',
      'devtools://devtools/x',
    ])
      assert.equal(requestFilter(url, false).cancel, true, url);
    assert.equal(requestFilter('devtools://devtools/bundled/x', true).cancel, false);
  });
  it('17: IPC answered only for the kiosk window top frame showing the bundle', () => {
    const ok = { senderId: 7, frameUrl: 'app://kiosk/index.html', isMainFrame: true };
    assert.equal(isTrustedSender(ok, 7), true);
    assert.equal(isTrustedSender({ ...ok, senderId: 8 }, 7), false);
    assert.equal(isTrustedSender(ok, undefined), false);
    assert.equal(isTrustedSender({ ...ok, isMainFrame: false }, 7), false);
    assert.equal(isTrustedSender({ ...ok, frameUrl: undefined }, 7), false);
    assert.equal(isTrustedSender({ ...ok, frameUrl: 'https://evil.example/' }, 7), false);
    assert.equal(isTrustedSender({ ...ok, frameUrl: 'app://kiosk.evil/index.html' }, 7), false);
    assert.equal(isAppUrl('http://127.0.0.1:5000/x', { protocol: 'http:', host: '127.0.0.1:5000' }), true);
    assert.equal(isAppUrl('http://127.0.0.1:5001/x', { protocol: 'http:', host: '127.0.0.1:5000' }), false);
  });
  it('18: the bundle is served by app://, paths cannot leave it', async () => {
    const root = new URL('../../renderer', import.meta.url).pathname;
    assert.equal(resolveBundlePath(root, '/../package.json'), undefined);
    assert.equal(resolveBundlePath(root, '/%2e%2e/package.json'), undefined);
    assert.equal(resolveBundlePath(root, '/..%5cpackage.json'), undefined);
    assert.equal(resolveBundlePath(root, '/x%00.html'), undefined);
    assert.equal(resolveBundlePath(root, '/index.ts'), undefined, 'only bundle content types');
    assert.equal(resolveBundlePath(root, '/'), `${root}/index.html`);
    const r = await serveBundle(root, 'POST', '/index.html');
    assert.equal(r.status, 405);
    assert.equal(r.headers['Content-Security-Policy'], PRODUCTION_CSP);
  });
  it('kiosk escapes are swallowed, typing is not', () => {
    const key = (
      k: string,
      m: Partial<{ control: boolean; shift: boolean; alt: boolean; meta: boolean }> = {},
    ) => ({
      type: 'keyDown',
      key: k,
      control: false,
      shift: false,
      alt: false,
      meta: false,
      ...m,
    });
    for (const k of [
      key('F5'),
      key('F11'),
      key('F12'),
      key('r', { control: true }),
      key('I', { control: true, shift: true }),
      key('w', { control: true }),
      key('F4', { alt: true }),
      key('ArrowLeft', { alt: true }),
      key('=', { control: true }),
    ])
      assert.equal(isBlockedKey(k, false), true, JSON.stringify(k));
    for (const k of [
      key('1'),
      key('a'),
      key('Backspace'),
      key('Enter'),
      key('Tab'),
      key('A', { shift: true }),
      key('\\'),
    ])
      assert.equal(isBlockedKey(k, false), false, JSON.stringify(k));
    assert.equal(isBlockedKey(key('F12'), true), false);
  });
});

describe('CSP (checklist 7)', () => {
  it('no inline script, no eval, no remote origin, no network from the page', () => {
    assert.deepEqual(CSP_DIRECTIVES['script-src'], ["'self'"]);
    assert.deepEqual(CSP_DIRECTIVES['default-src'], ["'none'"]);
    assert.deepEqual(CSP_DIRECTIVES['connect-src'], ["'none'"]);
    assert.deepEqual(CSP_DIRECTIVES['object-src'], ["'none'"]);
    assert.deepEqual(CSP_DIRECTIVES['base-uri'], ["'none'"]);
    assert.doesNotMatch(PRODUCTION_CSP, /unsafe-|https?:|\*|data:|blob:/);
    assert.equal(SECURITY_HEADERS['Content-Security-Policy'], PRODUCTION_CSP);
  });
  it('the source page carries the same policy in its <meta>', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    assert.equal(meta?.[1], PRODUCTION_CSP);
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline <script>');
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /<style/i, 'no inline style');
  });
});

describe('idle timeout and power', () => {
  it('the idle allowance restarts on every touch and fires once after it runs out', () => {
    let now = 0;
    const queue: Array<{ at: number; fn: () => void; id: number }> = [];
    let next = 0;
    const timers = {
      setTimeout: (fn: () => void, ms: number) => {
        queue.push({ at: now + ms, fn, id: ++next });
        return next;
      },
      clearTimeout: (id: unknown) => {
        const i = queue.findIndex((t) => t.id === id);
        if (i >= 0) queue.splice(i, 1);
      },
    };
    const advance = (ms: number) => {
      now += ms;
      for (const t of [...queue].filter((t) => t.at <= now)) {
        queue.splice(queue.indexOf(t), 1);
        t.fn();
      }
    };
    let fired = 0;
    const idle = new IdleTimer(1000, () => fired++, timers);
    idle.touch();
    advance(900);
    idle.touch();
    advance(900);
    assert.equal(fired, 0);
    advance(200);
    assert.equal(fired, 1);
    advance(5000);
    assert.equal(fired, 1);
  });
  it('the power-save blocker is held exactly while the card is written, also on failure', async () => {
    const started: number[] = [];
    const stopped: number[] = [];
    const blocker = {
      start: (type: string) => {
        assert.equal(type, 'prevent-display-sleep');
        started.push(started.length + 1);
        return started.length;
      },
      stop: (id: number) => (stopped.push(id), true),
    };
    assert.equal(
      await whileWritingCard(blocker, async () => (assert.equal(stopped.length, 0), 'done')),
      'done',
    );
    await assert.rejects(whileWritingCard(blocker, async () => Promise.reject(new Error('card pulled'))));
    assert.deepEqual(stopped, [1, 2]);
  });
});
