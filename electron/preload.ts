// The sandboxed preload: publishes createBridge(ipcRenderer) as window.station. A sandboxed
// preload may require only 'electron' and a few built-ins, so scripts/kiosk-build.ts bundles
// this file with the contract into electron/dist/preload.cjs (electron left external).
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld(
  'station',
  createBridge(
    (channel, argument) => ipcRenderer.invoke(channel, argument),
    (channel, listener) => {
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => ipcRenderer.off(channel, wrapped);
    },
  ),
);
