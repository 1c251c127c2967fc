// electron-builder's own code, loaded the way its CLI uses it: the configuration loader, the
// validation `electron-builder` runs before every build (its ajv over scheme.json plus the rules
// it adds), and the file matchers that decide what goes into app.asar and what is unpacked.
// These are app-builder-lib internals (out/…, no "exports" map in 26.17.0); the narrow types
// below are what the tests use of them, read from out/util/config/config.js, out/fileMatcher.js
// and out/util/filter.js.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CONFIG_FILE = 'electron-builder.config.cjs';
// electron-builder loads its config through jiti, whose file cache would otherwise leave an (empty)
// jiti folder in the temp directory after every run; the config is plain CommonJS, nothing to cache
process.env.JITI_FS_CACHE ??= 'false';
const require = createRequire(path.join(root, 'package.json'));

/** the stat fields electron-builder's filter reads (out/util/filter.js) */
export interface FilterStat {
  isDirectory(): boolean;
  /** set by NodeModuleCopyHelper for files of node_modules: their path inside the app */
  moduleFullFilePath?: string;
}
type Filter = (file: string, stat: FilterStat) => boolean;
interface FileMatcher {
  readonly from: string;
  readonly patterns: readonly string[];
  createFilter(): Filter;
}
interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: { isEnabled: boolean }): Promise<void>;
}
interface MatcherModule {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (s: string) => string,
    platformSpecificBuildOptions: object,
    platformPackager: object,
    outDir: string,
    isElectronCompile: boolean,
  ): FileMatcher[];
  getFileMatchers(
    config: Configuration,
    name: 'asarUnpack',
    destination: string,
    options: {
      macroExpander: (s: string) => string;
      customBuildOptions: object;
      globalOutDir: string;
      defaultSrc: string;
    },
  ): FileMatcher[] | null;
}

// electron-builder logs to stdout in three separate writes per line; under `node --test` the
// test file's stdout carries the runner's serialized messages, and a log line cut into them
// fails the whole file ("Unable to deserialize cloned data"). Its log goes to stderr instead.
const builderLog = (require('builder-util') as { log: { stream: NodeJS.WritableStream } }).log;
builderLog.stream = process.stderr;

const configModule = require('app-builder-lib/out/util/config/config.js') as ConfigModule;
const matcherModule = require('app-builder-lib/out/fileMatcher.js') as MatcherModule;

/** The configuration as `electron-builder --config electron-builder.config.cjs` loads it. */
export async function loadBuilderConfig(): Promise<Configuration> {
  return configModule.getConfig(root, path.join(root, CONFIG_FILE));
}

/** electron-builder's validation of a configuration; throws its InvalidConfigurationError. */
export async function builderValidates(config: Configuration): Promise<void> {
  await configModule.validateConfiguration(structuredClone(config), { isEnabled: false });
}

const noMacros = (s: string): string => s;
const OUT_DIR = path.join(root, 'dist');
/** where the app's files go inside the package (the matchers only need it to be a path) */
const DESTINATION = path.join(OUT_DIR, 'win-unpacked', 'resources', 'app');

/**
 * electron-builder's decision for the application's own files (not node_modules): the filter its
 * copier applies, with the default patterns it adds (package.json, build resources, output
 * folder, lock files, …). `include(relativePath)` also applies the filter to every parent folder,
 * as the copier's walk prunes a folder the filter refuses.
 */
export function appFileFilter(config: Configuration): (relativePath: string) => boolean {
  const copy = structuredClone(config);
  const packager = {
    info: {
      projectDir: root,
      buildResourcesDir: copy.directories?.buildResources ?? 'build',
      config: copy,
      isPrepackedAppAsar: false,
      debugLogger: { isEnabled: false },
    },
  };
  const matchers = matcherModule.getMainFileMatchers(
    root,
    DESTINATION,
    noMacros,
    copy.win ?? {},
    packager,
    OUT_DIR,
    false,
  );
  const matcher = matchers[0];
  if (matcher === undefined) throw new Error('electron-builder returned no file matcher');
  const filter = matcher.createFilter();
  return (relativePath) => {
    const parts = relativePath.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const isDirectory = i < parts.length;
      const full = path.join(root, ...parts.slice(0, i));
      if (!filter(full, { isDirectory: () => isDirectory })) return false;
    }
    return true;
  };
}

/** electron-builder's asarUnpack decision for a file of a production dependency. */
export function unpackFilter(config: Configuration): (moduleFilePath: string) => boolean {
  const copy = structuredClone(config);
  const matchers = matcherModule.getFileMatchers(copy, 'asarUnpack', DESTINATION, {
    macroExpander: noMacros,
    customBuildOptions: copy.win ?? {},
    globalOutDir: OUT_DIR,
    defaultSrc: root,
  });
  const filter = matchers?.[0]?.createFilter();
  if (filter === undefined) return () => false;
  // NodeModuleCopyHelper sets moduleFullFilePath to the file's path inside the app
  return (moduleFilePath) =>
    filter(path.join(root, moduleFilePath), {
      isDirectory: () => false,
      moduleFullFilePath: moduleFilePath,
    });
}
