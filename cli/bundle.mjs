// @ts-check
// The CLI as one esbuild bundle, rebuilt whenever a source it holds changes.
//
// Why: `station audit list` on a 1,000,000-record log cost ~89 ms of CPU through the strip cache
// where `node -e 0` costs ~21 (2-CPU machine, idle). Measured by parts: Node's ESM loader for the
// ~50 modules the command loads (resolve, package scope lookup, the hook reading and hashing each
// source and its stripped copy, compiling, linking) ~17 ms, the `--import` of the hook itself
// ~8 ms, bash and the Node 22 check ~5 ms; the catalogs of the four languages cost ~13 ms loaded as
// 25 modules but ~5 ms inside a bundle, so splitting them by language was not worth it. The
// bundle (code splitting: a command's code loads only when it runs) measured ~65 ms of CPU.
//
// Never stale: the manifest names every file the bundle was made from with its size, mtime,
// ctime and inode (and the SHA-256 of its content); `freshBundle` checks them all at each start
// (~200 stat calls, ~1 ms). Any change to a file changes its ctime, which no user can set back,
// so a file that matches was not written since the build; a file whose mtime lay within 2 s of
// the build (a later write in the same clock tick could keep its times) is checked by content.
// When a file differs the bundle is built again (~100 ms, once); when it cannot be (no esbuild,
// a read-only checkout) the CLI runs from the TypeScript sources as before (cli/run.mjs).
//
// The bundle lives in the checkout (dist/cli/, git-ignored) so that packages resolve from
// node_modules as they do for the sources. `import.meta.url`, `.filename` and `.dirname` are
// replaced by the source file's own values while bundling, so every path a module builds from
// its own location (package.json, the pcsclite addon, the Windows helper) stays what it is when
// the module runs unbundled; `import.meta.main` is left alone (false in the bundle).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import path from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

// node:crypto only when a hash is needed: most starts check file times alone
const crypto = () => /** @type {typeof import('node:crypto')} */ (process.getBuiltinModule('node:crypto'));
const sha256 = (/** @type {Buffer} */ data) => crypto().createHash('sha256').update(data).digest('hex');

const FORMAT = 'station-cli-bundle/v1';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'dist', 'cli');
const MANIFEST = path.join(OUT, 'manifest.json');
/** what shapes the output besides the sources: the build recipe and TypeScript's settings */
const RECIPE = ['cli/bundle.mjs', 'tsconfig.json', 'package.json'];
const RACY_NS = 2_000_000_000n;

/**
 * @typedef {[rel: string, size: string, mtimeNs: string, ctimeNs: string, ino: string, sha256: string | null]} FileStamp
 * @typedef {{ format: string, root: string, entry: string, files: FileStamp[] }} Manifest
 */

/**
 * @param {string} rel
 * @param {bigint} builtNs
 * @param {Buffer} [content]
 * @returns {FileStamp}
 */
function stamp(rel, builtNs, content) {
  const st = statSync(path.join(ROOT, rel), { bigint: true });
  const racy = st.mtimeNs >= builtNs - RACY_NS;
  const text = racy ? (content ?? readFileSync(path.join(ROOT, rel))) : null;
  return [
    rel,
    String(st.size),
    String(st.mtimeNs),
    String(st.ctimeNs),
    String(st.ino),
    text === null ? null : sha256(text),
  ];
}

/**
 * Whether `file` is still what `s` recorded.
 * @param {string} root
 * @param {FileStamp} s
 */
export function unchanged(root, s) {
  const [rel, size, mtimeNs, ctimeNs, ino, sha] = s;
  // concatenated, not path.join: ~200 joins were ~1 ms of a start (rel is a clean relative path)
  const file = root.endsWith('/') ? root + rel : `${root}/${rel}`;
  let st;
  try {
    st = statSync(file, { bigint: true });
  } catch {
    return false;
  }
  if (
    String(st.size) !== size ||
    String(st.mtimeNs) !== mtimeNs ||
    String(st.ctimeNs) !== ctimeNs ||
    String(st.ino) !== ino
  )
    return false;
  return sha === null || sha256(readFileSync(file)) === sha;
}

/**
 * The bundle's entry (a file: URL) when the manifest holds for every file it names, else null.
 * @returns {string | null}
 */
export function freshBundle() {
  /** @type {Manifest} */
  let m;
  try {
    m = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return null;
  }
  if (m.format !== FORMAT || m.root !== ROOT || !Array.isArray(m.files)) return null;
  for (const s of m.files) if (!unchanged(ROOT, s)) return null;
  return pathToFileURL(path.join(ROOT, m.entry)).href;
}

/** @param {string} file */
const loaderOf = (file) =>
  /** @type {const} */ ({ '.ts': 'ts', '.mts': 'ts', '.json': 'json' })[path.extname(file)] ?? 'js';

/**
 * Builds the bundle and its manifest; returns the entry's file: URL. Throws when it cannot (then
 * the CLI runs from the sources). Safe when two starts build at once: each writes its own folder
 * and renames it into place, and the manifest is replaced by a rename.
 * @returns {Promise<string>}
 */
export async function buildBundle() {
  const { build } = await import('esbuild');
  // file times are wall-clock times
  const builtNs = BigInt(Date.now()) * 1_000_000n;
  /** @type {Map<string, FileStamp>} */
  const read = new Map();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['cli/station.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    write: false,
    outdir: OUT,
    logLevel: 'silent',
    plugins: [
      {
        name: 'own-location',
        setup(b) {
          b.onLoad({ filter: /.*/ }, (args) => {
            const rel = path.relative(ROOT, args.path);
            const content = readFileSync(args.path);
            read.set(rel, stamp(rel, builtNs, content));
            const url = pathToFileURL(args.path).href;
            /** @type {Record<string, string>} */
            const own = { url, filename: args.path, dirname: path.dirname(args.path) };
            return {
              contents: content
                .toString('utf8')
                .replace(/\bimport\.meta\.(url|filename|dirname)\b/g, (_, k) => JSON.stringify(own[k])),
              loader: loaderOf(args.path),
            };
          });
        },
      },
    ],
  });
  const files = [...read.values(), ...RECIPE.map((rel) => stamp(rel, builtNs))];
  // a file written while esbuild read the others: the bundle may mix two versions, so none is kept
  for (const [rel, size, mtimeNs, ctimeNs, ino] of read.values())
    if (!unchanged(ROOT, [rel, size, mtimeNs, ctimeNs, ino, null]))
      throw new Error(`${rel} changed during the build`);
  const id = sha256(Buffer.from(files.map((f) => f.join(' ')).join('\n'))).slice(0, 16);
  const dir = path.join(OUT, id);
  const tmp = path.join(OUT, `.${id}.${crypto().randomBytes(6).toString('hex')}.tmp`);
  for (const f of result.outputFiles) {
    const target = path.join(tmp, path.relative(OUT, f.path));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, f.contents);
  }
  try {
    renameSync(tmp, dir);
  } catch {
    // another start built the same sources first
    rmSync(tmp, { recursive: true, force: true });
  }
  /** @type {Manifest} */
  const manifest = {
    format: FORMAT,
    root: ROOT,
    entry: path.relative(ROOT, path.join(dir, 'station.js')),
    files,
  };
  const mtmp = `${MANIFEST}.${crypto().randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(mtmp, JSON.stringify(manifest));
  renameSync(mtmp, MANIFEST);
  // earlier builds: kept a day, since a command already running may still load its chunks
  for (const name of readdirSync(OUT)) {
    const p = path.join(OUT, name);
    if (name === id || name === 'manifest.json') continue;
    try {
      if (Date.now() - statSync(p).mtimeMs > 86_400_000) rmSync(p, { recursive: true, force: true });
    } catch {
      // removed by another start
    }
  }
  return pathToFileURL(path.join(ROOT, manifest.entry)).href;
}
