// What the kiosk session allows, as plain functions main.ts installs on the Electron session and
// webContents: no permission is ever granted (checklist 5), nothing loads from anywhere but
// app://kiosk (1, "no remote content"), navigation and new windows are refused (13, 14), no
// <webview> attaches (11, 12), IPC is answered only for our own top frame (17), and the keys that
// reload, open devtools or leave the kiosk do nothing unless in development.
import { APP_HOST, APP_SCHEME, START_PATH } from './app-files.ts';

/** Where the screens are served from: app://kiosk in Electron, http://127.0.0.1:port in browser mode. */
export interface AppOrigin {
  /** with the colon, as URL.protocol spells it */
  readonly protocol: string;
  /** host[:port], as URL.host spells it */
  readonly host: string;
}

export const KIOSK_ORIGIN: AppOrigin = { protocol: `${APP_SCHEME}:`, host: APP_HOST };

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * True when `url` is one of our bundle's pages. Compared by protocol and host from a URL parser
 * (a `startsWith` test is fooled by app://kiosk.evil; WHATWG gives custom schemes origin 'null').
 */
export function isAppUrl(url: string, app: AppOrigin = KIOSK_ORIGIN): boolean {
  const u = parse(url);
  return (
    u !== undefined &&
    u.protocol === app.protocol &&
    u.host === app.host &&
    u.username === '' &&
    u.password === ''
  );
}

/** `will-navigate` / `will-redirect` / `will-frame-navigate`: only the start page itself. */
export function mayNavigate(url: string, app: AppOrigin = KIOSK_ORIGIN): boolean {
  const u = parse(url);
  return u !== undefined && isAppUrl(url, app) && (u.pathname === '/' || u.pathname === START_PATH);
}

/** setWindowOpenHandler */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' };
}

/** setPermissionRequestHandler: camera, notifications, HID, serial … never. */
export function permissionRequestHandler(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

/** setPermissionCheckHandler */
export function permissionCheckHandler(): boolean {
  return false;
}

/** setDevicePermissionHandler (WebHID/WebUSB/serial) */
export function devicePermissionHandler(): boolean {
  return false;
}

/**
 * webRequest.onBeforeRequest: the page may fetch only its own bundle (and devtools' own pages in
 * development); anything else — http(s), ws, file, data frames — is cancelled.
 */
export function requestFilter(url: string, development: boolean): { cancel: boolean } {
  if (isAppUrl(url)) return { cancel: false };
  if (development && (url.startsWith('devtools://') || url.startsWith('chrome-extension://')))
    return { cancel: false };
  return { cancel: true };
}

export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

/**
 * before-input-event: true when the key must be swallowed. Reload (F5, Ctrl+R), devtools (F12,
 * Ctrl+Shift+I/J/C), fullscreen (F11), close/quit (Ctrl+W, Ctrl+Q, Alt+F4), print, zoom, find,
 * view-source, save and history navigation are kiosk escapes; ordinary typing passes.
 */
export function isBlockedKey(input: KeyInput, development: boolean): boolean {
  if (development) return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (/^F([1-9]|1[0-2])$/.test(key)) return true;
  if (input.alt && (key === 'F4' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home'))
    return true;
  if (input.control || input.meta) {
    if (
      ['r', 'w', 'q', 'p', 's', 'o', 'n', 't', 'u', 'f', 'g', 'h', 'j', 'l', '+', '-', '=', '0'].includes(key)
    )
      return true;
    if (input.shift && ['i', 'j', 'c', 'delete'].includes(key.toLowerCase())) return true;
  }
  if (key === 'BrowserBack' || key === 'BrowserForward' || key === 'BrowserRefresh') return true;
  return false;
}

export interface SenderFacts {
  /** the webContents id the message came from */
  readonly senderId: number;
  /** event.senderFrame?.url — undefined once the frame is gone */
  readonly frameUrl: string | undefined;
  /** true when the sending frame is the top frame of its webContents */
  readonly isMainFrame: boolean;
}

/** Checklist 17: the kiosk window's own top frame showing our bundle, nothing else. */
export function isTrustedSender(
  sender: SenderFacts,
  kioskWebContentsId: number | undefined,
  app: AppOrigin = KIOSK_ORIGIN,
): boolean {
  return (
    kioskWebContentsId !== undefined &&
    sender.senderId === kioskWebContentsId &&
    sender.isMainFrame &&
    sender.frameUrl !== undefined &&
    isAppUrl(sender.frameUrl, app)
  );
}
