// @ts-check
// What bin/station runs: the CLI from its bundle (cli/bundle.mjs) when the bundle is that of the
// sources as they are now, else built afresh, else (no esbuild, a checkout the user cannot write)
// from the TypeScript sources through the strip cache, as before. STATION_CLI_BUNDLE=0 skips the
// bundle. Whichever runs, it is the same code: the bundle is never used once a source differs.
import { enableCompileCache } from 'node:module';
import process from 'node:process';
import { cacheDir } from './cache-dir.mjs';
import { buildBundle, freshBundle } from './bundle.mjs';

/** @returns {Promise<string | null>} */
async function bundle() {
  if (process.env.STATION_CLI_BUNDLE === '0') return null;
  const fresh = freshBundle();
  if (fresh !== null) return fresh;
  try {
    return await buildBundle();
  } catch {
    return null;
  }
}

const entry = await bundle();
if (entry !== null) {
  // V8's code cache for the bundle's chunks (checked against each chunk's source), as for the
  // stripped modules
  const v8 = cacheDir('v8');
  if (v8 !== null) enableCompileCache(v8);
  /** @type {{ run(): void }} */ (await import(entry)).run();
} else {
  await import('./strip-cache.mjs');
  /** @type {{ run(): void }} */ (await import('./station.ts')).run();
}
