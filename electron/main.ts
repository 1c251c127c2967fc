// The kiosk shell: one locked-down window, the preload bridge, and IPC handlers that validate
// input and check the sender before calling core. The only folder that imports 'electron' at run
// time. Not runnable on machines without the Electron binary (the build hosts here); the handlers'
// logic lives in core and cli and is tested in Node.
import { app, BrowserWindow, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNELS } from './ipc-contract.ts';
import { parseEnrollRequest } from './validate.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_URL = new URL(`file://${path.join(here, '..', 'renderer', 'index.html')}`);

let kiosk: BrowserWindow | undefined;

function fromOurWindow(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  return event.sender === kiosk?.webContents && url !== undefined && new URL(url).protocol === 'file:';
}

function createWindow(): void {
  kiosk = new BrowserWindow({
    kiosk: app.commandLine.hasSwitch('kiosk'),
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  kiosk.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  kiosk.webContents.on('will-navigate', (e, url) => {
    if (new URL(url).href !== RENDERER_URL.href) e.preventDefault();
  });
  void kiosk.loadURL(RENDERER_URL.href);
}

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ipcMain.handle(CHANNELS.enroll, async (event, raw: unknown) => {
    if (!fromOurWindow(event)) throw new Error('refused: not the kiosk window');
    const request = parseEnrollRequest(raw);
    // wiring to cli/compose.ts (the same composition the headless station uses) is the next step
    return { status: 'not-wired', reqId: null, user: request.upn };
  });
  createWindow();
});

app.on('window-all-closed', () => app.quit());
