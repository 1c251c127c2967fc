// @ts-check
// A cache of the TypeScript the CLI runs, stripped of its types. Node strips types on every start
// (it loads its TypeScript parser, ~35 ms, and strips each module again): most of what a short
// command such as `station audit list` costs. With this registered first
//   node --import ./cli/strip-cache.mjs cli/station.ts …
// each module is stripped once (module.stripTypeScriptTypes, the same transform Node applies, so
// line numbers stay as in the source) and later runs read the result; V8's compile cache is
// switched on beside it.
//
// It is plain JavaScript because it must run before any TypeScript can. The cache folder holds code
// the station runs, so it is the user's own, 0700, checked before use (not a symlink, owned by the
// user, not writable by others); entries are named by the SHA-256 of the Node version and the
// source, and written as a new file (O_EXCL) then renamed, so a reader never sees half of one.
// When the folder cannot be used the hook steps aside and Node strips as usual.
import { enableCompileCache, registerHooks, stripTypeScriptTypes } from 'node:module';
import { closeSync, constants, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import process from 'node:process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from './cache-dir.mjs';

const FORMAT = 'station-strip-cache/v1';

/**
 * @param {string} file
 * @param {string} text
 */
function writeOnce(file, text) {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(
      tmp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
  }
}

const dir = cacheDir('ts');
// V8's own code cache (it checks each entry against the source it was made from) saves compiling
// the stripped modules again: another ~18 ms of a short command
const v8 = cacheDir('v8');
if (v8 !== null) enableCompileCache(v8);
if (dir !== null) {
  registerHooks({
    load(url, context, nextLoad) {
      if (!url.startsWith('file:') || !url.endsWith('.ts') || url.includes('/node_modules/'))
        return nextLoad(url, context);
      const source = readFileSync(fileURLToPath(url), 'utf8');
      const key = createHash('sha256').update(`${FORMAT}\n${process.version}\n${source}`).digest('hex');
      const entry = path.join(dir, `${key}.js`);
      let js;
      try {
        js = readFileSync(entry, { encoding: 'utf8', flag: constants.O_RDONLY | constants.O_NOFOLLOW });
      } catch {
        js = stripTypeScriptTypes(source, { mode: 'strip', sourceUrl: url });
        writeOnce(entry, js);
      }
      return { format: 'module', source: js, shortCircuit: true };
    },
  });
}
