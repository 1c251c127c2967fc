// Serves the renderer bundle (renderer/dist) to the kiosk window under app://kiosk/ (checklist
// item 18: not file://) and to Chromium in browser mode, through the same resolver: only files
// of the bundle, no directory listing, no path out of it, a fixed set of content types.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SECURITY_HEADERS } from './csp.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const START_PATH = '/index.html';
export const START_URL = `${APP_ORIGIN}${START_PATH}`;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The file a request path names inside `root`, or undefined for anything else. */
export function resolveBundlePath(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, relative);
  const base = path.resolve(root);
  if (full !== base && !full.startsWith(base + path.sep)) return undefined;
  if (TYPES[path.extname(full)] === undefined) return undefined;
  return full;
}

export interface BundleResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array<ArrayBuffer>;
}

/** One answer for a GET of `pathname` from the bundle in `root`, security headers included. */
export async function serveBundle(root: string, method: string, pathname: string): Promise<BundleResponse> {
  const notFound: BundleResponse = {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: new TextEncoder().encode('not found'),
  };
  if (method !== 'GET') return { ...notFound, status: 405 };
  const file = resolveBundlePath(root, pathname);
  if (file === undefined) return notFound;
  try {
    const body = new Uint8Array(await readFile(file));
    return {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': TYPES[path.extname(file)] as string },
      body,
    };
  } catch {
    return notFound;
  }
}
