// Where an installed station keeps its machine-wide files on Windows. One source for the
// installer (build/installer.nsh and build/machine-folders.cmd repeat these names, and
// test/packaging checks that they agree) and for the Electron main process, which should read
// its configuration from machineConfigFile() rather than a path of its own.
// CommonJS so that electron-builder's config (electron-builder.config.cjs) and ESM code can both
// load it.
'use strict';
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with require() */
const path = require('node:path');

/** the folder under %ProgramData% (FOLDERID_ProgramData) that holds everything machine-wide */
const PRODUCT_FOLDER = 'EnrollmentStation';
/** the station configuration, deployed by an administrator or Group Policy (read-only to the kiosk) */
const CONFIG_FILE = 'station.json';
/** the station's data folder (dataDir "data" in station.json resolves to it): keys, ledger, log */
const DATA_FOLDER = 'data';
/** the local group whose members (the kiosk's Windows accounts) may run the station */
const STATION_GROUP = 'EnrollmentStation Users';
/** the script that sets the folders' owner and ACL; shipped in the app's resources folder */
const FOLDER_SCRIPT = 'machine-folders.cmd';

/** %ProgramData%\EnrollmentStation, given the ProgramData folder. */
function machineFolder(programData) {
  return path.win32.join(programData, PRODUCT_FOLDER);
}

/** %ProgramData%\EnrollmentStation\station.json, given the ProgramData folder. */
function machineConfigFile(programData) {
  return path.win32.join(machineFolder(programData), CONFIG_FILE);
}

/** %ProgramData%\EnrollmentStation\data, given the ProgramData folder. */
function machineDataFolder(programData) {
  return path.win32.join(machineFolder(programData), DATA_FOLDER);
}

module.exports = {
  PRODUCT_FOLDER,
  CONFIG_FILE,
  DATA_FOLDER,
  STATION_GROUP,
  FOLDER_SCRIPT,
  machineFolder,
  machineConfigFile,
  machineDataFolder,
};
