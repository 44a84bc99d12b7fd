import type { KioskBridge } from '../../../contracts/bridge.ts';
import { createWebSocketBridge } from './ws-bridge.ts';

/**
 * The bridge to the runtime: the one the Electron preload put on `window.kiosk`, or, in the
 * browser host (no preload), a WebSocket bridge to the host that served this page, installed
 * as `window.kiosk` so both hosts look the same to the rest of the UI.
 */
export function getBridge(): KioskBridge {
  if (window.kiosk) return window.kiosk;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const bridge = createWebSocketBridge(`${scheme}//${location.host}/bridge`);
  window.kiosk = bridge;
  return bridge;
}
