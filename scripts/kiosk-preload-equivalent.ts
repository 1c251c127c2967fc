// What electron/preload.ts does, for a page in plain Chromium: window.station = createBridge()
// over a Playwright binding (standing in for ipcRenderer.invoke) and an event hook main calls
// (standing in for webContents.send). Bundled by the harness into an init script that runs
// before the page's own scripts; the binding is taken off window so page scripts reach main only
// through window.station, as in the kiosk.
import { createBridge } from '../electron/bridge.ts';

type Invoke = (channel: string, argument: unknown) => Promise<unknown>;
interface HarnessWindow {
  __stationInvoke?: Invoke;
  __stationDeliver?: (channel: string, payload: unknown) => void;
  station?: unknown;
}

const w = window as unknown as HarnessWindow;
const binding = w.__stationInvoke;
if (binding !== undefined) {
  delete w.__stationInvoke;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  Object.defineProperty(window, '__stationDeliver', {
    value: (channel: string, payload: unknown) => {
      for (const l of listeners.get(channel) ?? []) l(structuredClone(payload));
    },
  });
  const bridge = createBridge(
    // structuredClone: the argument crosses as contextBridge would copy it (no functions, no prototypes)
    (channel, argument) => binding(channel, argument === undefined ? undefined : structuredClone(argument)),
    (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  );
  Object.defineProperty(window, 'station', { value: bridge, enumerable: true });
}
