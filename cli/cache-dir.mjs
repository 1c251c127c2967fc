// @ts-check
// The user's own cache folders for the CLI's start (the stripped TypeScript, V8's compile cache).
// They hold code the station runs, so each is the user's own, 0700, checked before use (not a
// symlink, owned by the user, not writable by others); null when it cannot be used, and the
// caller then goes without the cache.
import { lstatSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

/**
 * @param {string} name
 * @returns {string | null}
 */
export function cacheDir(name) {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const dir = path.join(base, 'enrollment-station', name);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    const uid = process.getuid ? process.getuid() : st.uid;
    if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o022) !== 0) return null;
    return dir;
  } catch {
    return null;
  }
}
