// window.station as the preload (electron/bridge.ts) publishes it. Absent when the page is opened
// outside the kiosk; the screens then say so instead of failing later.
import type { StationBridge } from '../../electron/ipc-contract.ts';

declare global {
  interface Window {
    readonly station?: StationBridge;
  }
}

export const station: StationBridge | undefined = window.station;
