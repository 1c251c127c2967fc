// electron-builder configuration: the station as a per-machine Windows x64 installer (NSIS and
// MSI). Built by `npm run dist:win` on a networked build host (docs/packaging.md); checked here
// against electron-builder's own schema and rules (test/packaging/config.test.ts).
// CommonJS because package.json says "type": "module" and electron-builder loads a .cjs config
// with require().
'use strict';
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() */
const { FOLDER_SCRIPT } = require('./build/paths.cjs');

/** @type {import('electron-builder').Configuration} */
module.exports = {
  // Never change these two after the first release: the NSIS GUID, the MSI UpgradeCode and the
  // Windows AppUserModelID are derived from appId, and an installer with another appId installs
  // a second copy beside the first instead of upgrading it.
  appId: 'org.enrollment-station.kiosk',
  productName: 'Enrollment Station',
  copyright: 'Copyright the Enrollment Station contributors. Apache-2.0.',

  directories: { output: 'dist', buildResources: 'build' },

  // The main process runs the TypeScript sources as they are (Electron's Node strips the types,
  // as `node` does for the CLI); package.json has no "main" of its own.
  extraMetadata: { main: 'electron/main.ts' },

  // Only what the kiosk loads at run time: the main process and the layers it imports, the built
  // renderer bundle and preload (scripts/kiosk-build.ts), and the installed paths. Production
  // dependencies (package.json "dependencies") are added by electron-builder itself; the CLI,
  // tests, simulators, demo, benches, docs and tools are not part of the app.
  files: [
    'electron/**/*.ts',
    'electron/dist/**/*',
    'renderer/dist/**/*',
    'station/**/*.ts',
    'core/**/*.ts',
    'native/**/*.ts',
    // the composition root the kiosk shares with the CLI (electron/compose.ts imports it); not
    // the CLI itself
    'cli/compose.ts',
    'cli/central-log.ts',
    'build/paths.cjs',
    '!**/*.test.ts',
    '!**/*.map',
  ],
  // the script that secures the machine-wide folders, beside app.asar in resources\
  extraResources: [{ from: `build/${FOLDER_SCRIPT}`, to: FOLDER_SCRIPT }],

  // The app inside an asar. electron-builder records the asar's header hash in the executable
  // (with signAndEditExecutable); the enableEmbeddedAsarIntegrityValidation fuse makes Electron
  // check it at start (Windows: Electron >= 30), so a modified app.asar does not run.
  asar: true,
  disableAsarIntegrity: false,
  // A native module cannot be loaded from inside an asar: pcsclite's .node (and any other) goes
  // to app.asar.unpacked, where Electron's module loader finds it.
  asarUnpack: ['**/*.node'],

  // Native modules: electron-builder's npmRebuild runs @electron/rebuild (the copy app-builder-lib
  // depends on) for the target platform, arch and Electron version before packing, so pcsclite is
  // compiled against Electron's headers (its ABI), not the build host's Node. pcsclite publishes
  // no prebuilt binaries, so it is always built from source, with node-gyp and the MSVC tools.
  npmRebuild: true,
  nativeRebuilder: 'sequential',
  buildDependenciesFromSource: true,

  // No auto-update channel: without a publish provider electron-builder writes no app-update.yml
  // and uploads nothing (null also stops it guessing a GitHub provider from package.json), and the
  // app has no updater. A station is updated by deploying a new installer.
  publish: null,
  detectUpdateChannel: false,
  generateUpdatesFilesForAllChannels: false,

  // Fuses, flipped in the Electron binary before it is signed (docs/packaging.md says why each).
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    grantFileProtocolExtraPrivileges: false,
    loadBrowserProcessSpecificV8Snapshot: false,
  },

  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'msi', arch: ['x64'] },
    ],
    executableName: 'EnrollmentStation',
    // the kiosk runs as the signed-in kiosk account, never elevated
    requestedExecutionLevel: 'asInvoker',
    // needed to embed the asar integrity hash (and the version resource) in the executable
    signAndEditExecutable: true,
    // Code signing is not configured (docs/packaging.md, "Code signing"); when it is, a build that
    // cannot sign must fail instead of shipping an unsigned installer: set forceCodeSigning: true.
  },

  nsis: {
    // per machine into Program Files (admin-only): no per-user install offered, no other folder
    // (a folder such as C:\Station inherits a root ACL that lets users change the executable)
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: false,
    license: 'build/license.txt',
    include: 'build/installer.nsh',
    // the kiosk is started by the kiosk account's shell, not by an elevated installer
    runAfterFinish: false,
    createDesktopShortcut: false,
    createStartMenuShortcut: true,
    deleteAppDataOnUninstall: false,
    warningsAsErrors: true,
  },

  msi: {
    perMachine: true,
    oneClick: true,
    runAfterFinish: false,
    createDesktopShortcut: false,
    createStartMenuShortcut: true,
    warningsAsErrors: true,
  },
};
