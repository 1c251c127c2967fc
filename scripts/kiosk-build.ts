// Builds what the kiosk ships: the renderer bundle (renderer/dist: index.html with the production
// CSP, app.js, app.css) and the sandboxed preload (electron/dist/preload.cjs). The main process
// runs from its TypeScript sources (electron/main.ts; Electron's Node strips the types), as the
// packaged app does (electron-builder.config.cjs). esbuild, no
// source maps in production (nothing points a reader at sources), React in production mode.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRODUCTION_CSP } from '../electron/csp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RENDERER_DIST = path.join(root, 'renderer', 'dist');
export const PRELOAD_DIST = path.join(root, 'electron', 'dist', 'preload.cjs');

export async function buildKiosk(): Promise<void> {
  mkdirSync(RENDERER_DIST, { recursive: true });
  const html = readFileSync(path.join(root, 'renderer', 'index.html'), 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (meta?.[1] !== PRODUCTION_CSP) throw new Error('renderer/index.html does not carry PRODUCTION_CSP');
  writeFileSync(path.join(RENDERER_DIST, 'index.html'), html);
  copyFileSync(path.join(root, 'renderer', 'icon.svg'), path.join(RENDERER_DIST, 'icon.svg'));
  await build({
    entryPoints: { app: path.join(root, 'renderer', 'src', 'main.tsx') },
    outdir: RENDERER_DIST,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome130',
    minify: true,
    legalComments: 'external',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  await build({
    entryPoints: { app: path.join(root, 'renderer', 'src', 'app.css') },
    outdir: RENDERER_DIST,
    bundle: true,
    minify: true,
    logLevel: 'warning',
  });
  await build({
    entryPoints: [path.join(root, 'electron', 'preload.ts')],
    outfile: PRELOAD_DIST,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    external: ['electron'],
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildKiosk();
