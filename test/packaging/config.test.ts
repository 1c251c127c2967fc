// The Windows installer's configuration (electron-builder.config.cjs), checked without building:
// the installer needs the Electron zips and the NSIS/WiX tool bundles from the internet
// (docs/packaging.md). What is checked here is what electron-builder itself would accept and do
// with it: its loader, its schema and rules, its file matchers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import type { Configuration } from 'electron-builder';
import {
  appFileFilter,
  builderValidates,
  CONFIG_FILE,
  loadBuilderConfig,
  root,
  unpackFilter,
} from './builder.ts';

const require = createRequire(import.meta.url);
const config = require(path.join(root, CONFIG_FILE)) as Configuration;
const { FOLDER_SCRIPT } = require(path.join(root, 'build/paths.cjs')) as { FOLDER_SCRIPT: string };
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const schema = JSON.parse(
  readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
) as object;
// no coerceTypes (electron-builder's own ajv coerces, e.g. the string "true" to a boolean): a
// value that only passes by coercion is refused here
const schemaAccepts = new Ajv({ allErrors: true }).compile(schema);
const errorsOf = (value: unknown): string =>
  schemaAccepts(value)
    ? ''
    : (schemaAccepts.errors ?? []).map((e) => `${e.dataPath} ${e.message ?? ''}`).join('; ');

test('electron-builder loads the configuration file the dist:win script names', async () => {
  assert.match(pkg.scripts['dist:win'] ?? '', new RegExp(`--config ${CONFIG_FILE.replace('.', '\\.')}\\b`));
  assert.deepEqual(await loadBuilderConfig(), config);
  // the configuration lives in its own file, not also in package.json
  assert.equal('build' in pkg, false);
});

test("electron-builder's own validation accepts the configuration and refuses a misspelt one", async () => {
  await builderValidates(config);
  await assert.rejects(
    builderValidates({ ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } as object }),
    /does not match the API schema[^]*configuration\.electronFuses/,
  );
  await assert.rejects(
    builderValidates({ ...config, nsis: { ...config.nsis, oneClik: false } as object }),
    /does not match the API schema[^]*configuration\.nsis/,
  );
});

test('the configuration validates against app-builder-lib/scheme.json with ajv, without coercion', () => {
  assert.equal(errorsOf(config), '');
  assert.match(errorsOf({ ...config, nsis: { ...config.nsis, perMachine: 'true' } }), /perMachine|boolean/);
  assert.match(errorsOf({ ...config, win: { ...config.win, taget: 'nsis' } }), /additional properties/);
});

test('fuses: each one as the hardened kiosk needs it', () => {
  const fuses = config.electronFuses;
  assert.ok(fuses, 'electronFuses is set');
  // ELECTRON_RUN_AS_NODE would turn the signed executable into a plain Node interpreter
  assert.equal(fuses.runAsNode, false);
  // NODE_OPTIONS (--require, --import) would load code before the app's
  assert.equal(fuses.enableNodeOptionsEnvironmentVariable, false);
  // --inspect / SIGUSR1 would open a debugger into the main process (which handles PINs)
  assert.equal(fuses.enableNodeCliInspectArguments, false);
  // the cookie store encrypted with the OS's key (DPAPI)
  assert.equal(fuses.enableCookieEncryption, true);
  // the app only from app.asar, and app.asar only if its hash matches the one in the executable
  assert.equal(fuses.onlyLoadAppFromAsar, true);
  assert.equal(fuses.enableEmbeddedAsarIntegrityValidation, true);
  // the renderer is served from app://, file:// keeps no extra privileges
  assert.equal(fuses.grantFileProtocolExtraPrivileges, false);
  // and the integrity check has something to check: an asar, with its hash recorded
  assert.equal(config.asar, true);
  assert.notEqual(config.disableAsarIntegrity, true);
  assert.notEqual(config.win?.signAndEditExecutable, false);
});

test('Windows x64 targets: an NSIS installer and an MSI, both per machine only', () => {
  assert.equal(config.appId, 'org.enrollment-station.kiosk');
  assert.equal(config.productName, 'Enrollment Station');
  assert.deepEqual(config.win?.target, [
    { target: 'nsis', arch: ['x64'] },
    { target: 'msi', arch: ['x64'] },
  ]);
  assert.equal(config.nsis?.perMachine, true);
  // electron-builder (NsisTarget.js) defines INSTALL_MODE_PER_ALL_USERS for perMachine, and
  // assistedInstaller.nsh shows the per-user/per-machine page only without it
  const nsisTarget = readFileSync(
    path.join(root, 'node_modules/app-builder-lib/out/targets/nsis/NsisTarget.js'),
    'utf8',
  );
  assert.match(nsisTarget, /options\.perMachine === true\) \{\s*defines\.INSTALL_MODE_PER_ALL_USERS = null;/);
  const assisted = readFileSync(
    path.join(root, 'node_modules/app-builder-lib/templates/nsis/assistedInstaller.nsh'),
    'utf8',
  );
  assert.match(assisted, /!ifndef INSTALL_MODE_PER_ALL_USERS\s+!insertmacro PAGE_INSTALL_MODE/);
  assert.equal(config.nsis?.allowToChangeInstallationDirectory, false);
  assert.equal(config.nsis?.runAfterFinish, false);
  assert.equal(config.msi?.perMachine, true);
  assert.equal(config.msi?.runAfterFinish, false);
  assert.equal(config.win?.requestedExecutionLevel, 'asInvoker');
  for (const file of [config.nsis?.license, config.nsis?.include]) {
    assert.ok(typeof file === 'string' && existsSync(path.join(root, file)), `${String(file)} exists`);
  }
});

test('no auto-update channel: no publish provider anywhere, no updater in the app', () => {
  assert.equal(config.publish, null);
  for (const part of [config.win, config.nsis, config.msi] as Array<{ publish?: unknown } | undefined>) {
    assert.equal(part?.publish, undefined);
  }
  assert.equal(config.detectUpdateChannel, false);
  assert.equal('electron-updater' in pkg.dependencies, false);
  assert.match(pkg.scripts['dist:win'] ?? '', /--publish never/);
});

test('native modules: rebuilt for Electron by npmRebuild, pcsclite unpacked from the asar', () => {
  assert.equal(config.npmRebuild, true);
  assert.equal(config.nativeRebuilder, 'sequential');
  // the copy of @electron/rebuild electron-builder runs (out/util/yarn.js rebuild())
  assert.ok(existsSync(path.join(root, 'node_modules/@electron/rebuild/package.json')));
  const unpacked = unpackFilter(config);
  // node-gyp's output, where the pcsclite package loads it from (built on this host for Node)
  const binary = 'node_modules/pcsclite/build/Release/pcsclite.node';
  assert.ok(existsSync(path.join(root, binary)), 'pcsclite is built here');
  assert.equal(unpacked(binary), true);
  // JavaScript stays inside the asar, where the integrity check covers it
  assert.equal(unpacked('node_modules/pcsclite/lib/pcsclite.js'), false);
  assert.equal(unpacked('node_modules/pg/lib/index.js'), false);
});

/** Every file the repository holds (tracked and new, not ignored), relative, with /. */
function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
  });
  return out.split('\0').filter((f) => f !== '' && existsSync(path.join(root, f)));
}

// The app's own files: the main process and the layers it imports, the built bundle and preload
// (scripts/kiosk-build.ts writes renderer/dist and electron/dist), the installed paths.
const RUNTIME = [
  /^package\.json$/,
  /^(electron|station|core|native)\/.+(?<!\.test)\.ts$/,
  /^(electron|renderer)\/dist\/.+$/,
  /^build\/paths\.cjs$/,
  // the composition root electron/compose.ts shares with the CLI
  /^cli\/(compose|central-log)\.ts$/,
];
// build outputs that do not exist in a clean checkout
const BUILT = [
  'renderer/dist/index.html',
  'renderer/dist/app.js',
  'renderer/dist/app.css',
  'electron/dist/preload.cjs',
];

test('files: only what the app runs, never tests, simulators, demo, benches, docs or tools', () => {
  const include = appFileFilter(config);
  const files = repositoryFiles();
  const packed = files.filter(include);
  const unexpected = packed.filter((f) => !RUNTIME.some((r) => r.test(f)));
  assert.deepEqual(unexpected, []);
  for (const dir of ['test', 'sim', 'dev', 'bench', 'docs', '.tools', 'cli/commands', 'scripts', 'bin']) {
    const inDir = files.filter((f) => f.startsWith(`${dir}/`));
    if (inDir.length === 0) continue;
    assert.deepEqual(inDir.filter(include), [], `${dir}/ stays out`);
    // also a file the repository does not hold yet
    assert.equal(include(`${dir}/new-file.ts`), false, `${dir}/new-file.ts stays out`);
  }
  const outside = [
    'electron/handlers.test.ts',
    'renderer/src/App.tsx',
    'cli/station.ts',
    'cli/new-command.ts',
  ];
  for (const f of [...outside, CONFIG_FILE, 'build/installer.nsh', `build/${FOLDER_SCRIPT}`]) {
    assert.equal(include(f), false, `${f} stays out`);
  }
  for (const f of [...BUILT, 'package.json', 'build/paths.cjs'])
    assert.equal(include(f), true, `${f} is packed`);
  // a pattern that matched nothing would pass the checks above: each layer really is there
  for (const dir of ['electron', 'station', 'core', 'native']) {
    assert.ok(
      packed.some((f) => f.startsWith(`${dir}/`)),
      `${dir}/ is packed`,
    );
  }
});

// import … from '…', export … from '…', import '…', import('…'); not import type / export type
const IMPORTS = [
  /^\s*(?:import|export)\s+(?!type\b)[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm,
  /^\s*import\s+['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** The files main loads at run time (relative imports) and the packages it needs (bare ones). */
function runtimeClosure(main: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [main];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const pattern of IMPORTS) {
      for (const m of text.matchAll(pattern)) {
        const spec = m[1] as string;
        if (spec.startsWith('.')) {
          queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
        } else if (!packages.has(spec)) {
          packages.set(spec, file);
        }
      }
    }
  }
  return { files, packages };
}

test('every file the main process imports is packed, and every package it imports ships', () => {
  const main = config.extraMetadata?.main as string;
  assert.equal(typeof main, 'string');
  assert.ok(existsSync(path.join(root, main)), `${main} exists`);
  const include = appFileFilter(config);
  const { files, packages } = runtimeClosure(main);
  assert.ok(files.size > 1, 'main imports something');
  assert.deepEqual(
    [...files].filter((f) => !include(f)),
    [],
    'imported by the main process but not packed',
  );
  const builtins = new Set(builtinModules);
  const shipped = (spec: string): boolean => {
    if (spec.startsWith('node:') || builtins.has(spec) || spec === 'electron') return true;
    const name = spec.startsWith('@')
      ? spec.split('/').slice(0, 2).join('/')
      : (spec.split('/')[0] as string);
    return name in pkg.dependencies;
  };
  // a devDependency imported at run time would be missing from the installed app
  assert.deepEqual(
    [...packages].filter(([spec]) => !shipped(spec)).map(([spec, from]) => `${spec} (from ${from})`),
    [],
  );
});

test('what scripts/kiosk-build.ts writes (dist:win runs it first) is packed', async (t) => {
  const script = 'scripts/kiosk-build.ts';
  assert.match(
    pkg.scripts['dist:win'] ?? '',
    new RegExp(`^node [^&]*${script.replace('.', '\\.')} && electron-builder `),
  );
  // the kiosk's build script lands with the kiosk's branch
  if (!existsSync(path.join(root, script))) return t.skip(`${script} is not in this tree yet`);
  const built = (await import(path.join(root, script))) as { RENDERER_DIST: string; PRELOAD_DIST: string };
  const include = appFileFilter(config);
  const relative = (p: string): string => path.relative(root, p).split(path.sep).join('/');
  for (const file of [
    relative(built.PRELOAD_DIST),
    `${relative(built.RENDERER_DIST)}/index.html`,
    `${relative(built.RENDERER_DIST)}/app.js`,
  ]) {
    assert.equal(include(file), true, `${file} is packed`);
  }
});
