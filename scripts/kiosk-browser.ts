// Browser mode (the kiosk without the Electron binary), also the tests' harness: the production bundle (scripts/kiosk-build.ts) served with the production
// headers by the same resolver app:// uses, Debian's Chromium under playwright-core, and
// window.station bridged to the real main-process handlers (electron/handlers.ts) in this Node
// process. Used by the kiosk tests and by `./run kiosk -- --browser`.
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serveBundle } from '../electron/app-files.ts';
import { createDispatcher, createKioskMain, type HandlerDeps, type KioskMain } from '../electron/handlers.ts';
import { EVENT_CHANNEL, type StationEvent } from '../electron/ipc-contract.ts';
import type { AppOrigin } from '../electron/session-policy.ts';
import { buildKiosk, RENDERER_DIST } from './kiosk-build.ts';

export const CHROMIUM = '/usr/bin/chromium';

export interface BundleServer {
  readonly origin: string;
  readonly appOrigin: AppOrigin;
  close(): Promise<void>;
}

export async function serveKioskBundle(root = RENDERER_DIST, port = 0): Promise<BundleServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void serveBundle(root, req.method ?? 'GET', url.pathname).then((r) => {
      res.writeHead(r.status, r.headers);
      res.end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  const host = `127.0.0.1:${bound}`;
  return {
    origin: `http://${host}`,
    appOrigin: { protocol: 'http:', host },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let preloadSource: string | undefined;
export async function preloadEquivalent(): Promise<string> {
  if (preloadSource !== undefined) return preloadSource;
  const out = await build({
    entryPoints: [path.join(import.meta.dirname, 'kiosk-preload-equivalent.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'warning',
  });
  preloadSource = out.outputFiles[0]?.text ?? '';
  return preloadSource;
}

/**
 * Playwright's own Ctrl+C handler closes Chromium and then ends the whole process (exit 130), so
 * nothing after it runs: the demo environment and its temp folder would stay behind. The caller
 * stops Chromium itself (`close()` also removes the profile folder Playwright made).
 */
export async function launchChromium(headless = true): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

export interface KioskPage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly main: KioskMain;
  /** every call that reached the dispatcher, in order: [channel, argument] */
  readonly calls: Array<readonly [string, unknown]>;
  /** how each call was answered, in order: [channel, 'ok' or the error code and details] (no values: they may hold secrets; details never do) */
  readonly answers: Array<readonly [string, string]>;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly width?: number;
  readonly height?: number;
  /** the browser locale the screens start in (Accept-Language / navigator.language) */
  readonly locale?: string;
  readonly deps?: Omit<HandlerDeps, 'push' | 'power' | 'idleMs'> & Partial<Pick<HandlerDeps, 'idleMs'>>;
  /** false: no window.station at all (the page opened outside the kiosk) */
  readonly bridge?: boolean;
  /**
   * Sees every event main pushes, in main, at the moment it is pushed (before the screen has it):
   * a test acts at an exact point of the enrollment, e.g. pulls the card as key generation starts.
   */
  readonly onPush?: (event: StationEvent) => void;
}

/** A page on the bundle with window.station served by real handlers; one "webContents" per page. */
export async function openKiosk(
  browser: Browser,
  server: BundleServer,
  options: OpenOptions = {},
): Promise<KioskPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: options.locale ?? 'en-US',
    serviceWorkers: 'block',
  });
  // the kiosk page, set once it exists (bindings are installed on the context before it opens)
  const kiosk: { page?: Page } = {};
  const calls: Array<readonly [string, unknown]> = [];
  const answers: Array<readonly [string, string]> = [];
  const push = (event: StationEvent): void => {
    options.onPush?.(event);
    void kiosk.page
      ?.evaluate(
        ([channel, payload]) =>
          (window as unknown as { __stationDeliver?: (c: string, p: unknown) => void }).__stationDeliver?.(
            channel,
            payload,
          ),
        [EVENT_CHANNEL, event] as const,
      )
      .catch(() => undefined);
  };
  const main = createKioskMain({
    station: options.deps?.station,
    push,
    power: { start: () => 1, stop: () => true },
    idleMs: options.deps?.idleMs ?? 120_000,
    ...(options.deps?.timers === undefined ? {} : { timers: options.deps.timers }),
  });
  const KIOSK_ID = 1;
  const dispatch = createDispatcher(main, () => ({ webContentsId: KIOSK_ID, origin: server.appOrigin }));
  if (options.bridge !== false) {
    await context.exposeBinding('__stationInvoke', async (source, channel: unknown, argument: unknown) => {
      calls.push([String(channel), argument]);
      const answer = await dispatch(
        String(channel),
        {
          senderId: source.page === kiosk.page ? KIOSK_ID : 0,
          frameUrl: source.frame.url(),
          isMainFrame: source.frame === source.page.mainFrame(),
        },
        argument,
      );
      answers.push([
        String(channel),
        answer.ok ? 'ok' : `${answer.error.code} ${JSON.stringify(answer.error.details)}`,
      ]);
      return answer;
    });
    await context.addInitScript({ content: await preloadEquivalent() });
  }
  const page = await context.newPage();
  kiosk.page = page;
  // reader and card events pushed to the screen, as main.ts does for the kiosk window
  const unwatch = main.watch();
  await page.goto(`${server.origin}/index.html`);
  return {
    page,
    context,
    main,
    calls,
    answers,
    close: async () => {
      unwatch();
      await main.reset();
      await context.close();
    },
  };
}

export { buildKiosk };
