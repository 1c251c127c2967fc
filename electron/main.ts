// The kiosk shell: one locked-down window, the app:// protocol serving the renderer bundle, and
// the IPC dispatcher in front of the handlers. The only file that imports 'electron' at run time;
// everything it installs is a plain function tested in Node (test/kiosk/*.test.ts).
// Not runnable where the Electron binary cannot be had (these build hosts): see docs/kiosk.md.
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  session,
  type IpcMainInvokeEvent,
  type Session,
} from 'electron';
import path from 'node:path';
import { loadConfig } from '../core/config/config.ts';
import { kioskComposition } from './compose.ts';
import { allowIntegratedAuth } from './integrated-auth.ts';
import { kioskStation } from './station-adapter.ts';
import type { KioskStation } from './station-port.ts';
import { fileURLToPath } from 'node:url';
import { APP_HOST, APP_SCHEME, serveBundle, START_URL } from './app-files.ts';
import { createDispatcher, createKioskMain } from './handlers.ts';
import { DEFAULT_IDLE_MS } from './idle.ts';
import { CALLS, channelOf, EVENT_CHANNEL, type StationEvent } from './ipc-contract.ts';
import {
  devicePermissionHandler,
  isBlockedKey,
  KIOSK_ORIGIN,
  mayNavigate,
  permissionCheckHandler,
  permissionRequestHandler,
  requestFilter,
  windowOpenHandler,
} from './session-policy.ts';
import { kioskWindowOptions, readSwitches } from './window-options.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// electron/main.ts runs from its sources (in the repository and in app.asar alike)
const ROOT = path.resolve(here, '..');
const BUNDLE = path.join(ROOT, 'renderer', 'dist');
const switches = readSwitches(process.argv);

// checklist 18: a privileged standard scheme instead of file:// (registered before ready)
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);

if (!app.requestSingleInstanceLock()) app.quit();

let kiosk: BrowserWindow | undefined;

/** STATION_CONFIG names the station configuration; without a usable one the screens say "not connected". */
let caUrl: string | undefined;

/** The certsrv client's session (created on first use, after the app is ready). */
const CA_PARTITION = 'station-ca';
const caSession = (): Session => session.fromPartition(CA_PARTITION);

function composeStation(): KioskStation | undefined {
  const file = process.env.STATION_CONFIG;
  if (file === undefined || file === '') return undefined;
  try {
    const config = loadConfig(file);
    caUrl = config.ca.url;
    // the CA is reached from main through a session of its own: the page's session cancels every
    // request that is not app:// (requestFilter), and Electron's webRequest filters apply to
    // net requests of that session too; in memory (no "persist:"), so no cookie reaches the disk
    return kioskStation(kioskComposition(config, (input, init) => caSession().fetch(input, init)));
  } catch {
    return undefined;
  }
}

const main = createKioskMain({
  station: composeStation(),
  push: (event: StationEvent) => kiosk?.webContents.send(EVENT_CHANNEL, event),
  power: powerSaveBlocker,
  idleMs: DEFAULT_IDLE_MS,
});
const dispatch = createDispatcher(main, () => ({
  webContentsId: kiosk?.webContents.id,
  origin: KIOSK_ORIGIN,
}));

function createWindow(): void {
  kiosk = new BrowserWindow(
    kioskWindowOptions({
      preload: path.join(ROOT, 'electron', 'dist', 'preload.cjs'),
      development: switches.development,
    }),
  );
  const contents = kiosk.webContents;
  contents.setWindowOpenHandler(windowOpenHandler);
  contents.on('will-navigate', (e, url) => mayNavigate(url) || e.preventDefault());
  contents.on('will-redirect', (e, url) => mayNavigate(url) || e.preventDefault());
  contents.on('will-frame-navigate', (e) => mayNavigate(e.url) || e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.on(
    'before-input-event',
    (e, input) => isBlockedKey(input, switches.development) && e.preventDefault(),
  );
  // a reload or a crashed renderer starts a new turn: nothing typed before survives it
  contents.on(
    'did-start-navigation',
    (details) => details.isMainFrame && !details.isSameDocument && void main.reset(),
  );
  contents.on('render-process-gone', () => {
    void main.reset();
    void contents.loadURL(START_URL);
  });
  kiosk.once('ready-to-show', () => kiosk?.show());
  if (!switches.development) kiosk.on('close', (e) => e.preventDefault());
  void contents.loadURL(START_URL);
}

void app.whenReady().then(() => {
  Menu.setApplicationMenu(null); // no reload / devtools accelerators
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(permissionRequestHandler);
  ses.setPermissionCheckHandler(permissionCheckHandler);
  ses.setDevicePermissionHandler(devicePermissionHandler);
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback(requestFilter(details.url, switches.development)),
  );
  ses.on('will-download', (e) => e.preventDefault());
  // the CA's session: nothing of the page's, no permission, no download; the employee's
  // self-enrollment signs in with their Windows logon there, for the CA host only
  const ca = caSession();
  ca.setPermissionRequestHandler(permissionRequestHandler);
  ca.setPermissionCheckHandler(permissionCheckHandler);
  ca.on('will-download', (e) => e.preventDefault());
  if (caUrl !== undefined) {
    try {
      allowIntegratedAuth(ca, caUrl);
    } catch {
      // a CA URL integrated sign-in cannot use: the employee types their password instead
    }
  }
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    const r = await serveBundle(BUNDLE, request.method, url.pathname);
    return new Response(r.body, { status: r.status, headers: r.headers });
  });
  for (const call of CALLS) {
    ipcMain.handle(channelOf(call), (event: IpcMainInvokeEvent, argument: unknown) =>
      dispatch(
        channelOf(call),
        {
          senderId: event.sender.id,
          frameUrl: event.senderFrame?.url,
          isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
        },
        argument,
      ),
    );
  }
  main.watch();
  createWindow();
});

app.on('second-instance', () => kiosk?.focus());
app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(windowOpenHandler);
  contents.on('will-attach-webview', (e) => e.preventDefault());
});
app.on('window-all-closed', () => app.quit());
