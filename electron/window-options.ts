// The one kiosk window's options (Electron security checklist items 2, 3, 4, 6, 8, 9, 10 and the
// kiosk lock-down of electron-stack §4.3). Plain data so a Node test can assert each item.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowChoices {
  /** absolute path of the bundled preload (electron/dist/preload.cjs) */
  readonly preload: string;
  /** `--kiosk-dev`: a framed, resizable window with devtools, for development only */
  readonly development: boolean;
}

export function kioskWindowOptions(choices: WindowChoices): BrowserWindowConstructorOptions {
  const locked = !choices.development;
  return {
    kiosk: locked,
    fullscreen: locked,
    frame: !locked,
    closable: !locked,
    minimizable: !locked,
    maximizable: !locked,
    resizable: !locked,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: {
      preload: choices.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: choices.development,
      safeDialogs: true,
      disableDialogs: true,
      autoplayPolicy: 'document-user-activation-required',
    },
  };
}

/** The command-line switches the main process reads; anything else is ignored. */
export interface LaunchSwitches {
  readonly development: boolean;
}

export function readSwitches(argv: readonly string[]): LaunchSwitches {
  return { development: argv.includes('--kiosk-dev') };
}
