// The typed bridge: the renderer sees window.station and nothing else of Node or Electron.
// Sandboxed preloads run as CommonJS, hence .cts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { contextBridge, ipcRenderer } = require('electron') as typeof import('electron');

const CHANNELS = {
  status: 'station:status',
  enroll: 'station:enroll',
  progress: 'station:progress',
} as const;

contextBridge.exposeInMainWorld('station', {
  status: () => ipcRenderer.invoke(CHANNELS.status),
  enroll: (request: unknown) => ipcRenderer.invoke(CHANNELS.enroll, request),
  onProgress: (listener: (p: unknown) => void) => {
    const wrapped = (_e: unknown, p: unknown): void => listener(p);
    ipcRenderer.on(CHANNELS.progress, wrapped);
    return () => ipcRenderer.off(CHANNELS.progress, wrapped);
  },
});
