/**
 * Preload of the kiosk window. It runs sandboxed and is bundled to CommonJS
 * (`dist/electron/preload.cjs`): a sandboxed preload may require only `electron`, and nothing
 * else from Node. It exposes `window.kiosk` and nothing more.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcKioskBridge } from './ipc-kiosk-bridge.ts';

contextBridge.exposeInMainWorld('kiosk', createIpcKioskBridge(ipcRenderer));
