// The object the preload publishes as window.station: one invoke wrapper per call in CALLS and
// one event subscription, nothing else of ipcRenderer. It is a plain function of the two IPC
// primitives so the same code runs in the real preload (ipcRenderer) and in the browser harness
// (a Playwright binding standing in for ipcRenderer.invoke).
import { CALLS, channelOf, EVENT_CHANNEL, type StationBridge, type StationEvent } from './ipc-contract.ts';

export type Invoke = (channel: string, argument: unknown) => Promise<unknown>;
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

export function createBridge(invoke: Invoke, subscribe: Subscribe): StationBridge {
  const calls = Object.fromEntries(
    CALLS.map((call) => [call, (argument?: unknown) => invoke(channelOf(call), argument)]),
  ) as unknown as Omit<StationBridge, 'onEvent'>;
  return Object.freeze({
    ...calls,
    onEvent(listener: (event: StationEvent) => void): () => void {
      // main is the only sender on this channel (ipcRenderer.on sees nothing from other pages)
      return subscribe(EVENT_CHANNEL, (payload) => listener(payload as StationEvent));
    },
  });
}
