import type { KioskBridge } from '../contracts/bridge.ts';

declare global {
  interface Window {
    /** Defined by the Electron preload, or installed by the kiosk UI in the browser host. */
    kiosk?: KioskBridge;
  }
}
