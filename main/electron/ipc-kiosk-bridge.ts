import type {
  BridgeCall,
  BridgeConnection,
  KioskBridge,
  SendResult,
  UiEvent,
} from '../../contracts/bridge.ts';
import type { CallSignal } from '../../contracts/teller.ts';
import type { KioskView } from '../../contracts/session-view.ts';
import { PRELOAD_IPC_CHANNELS as IPC_CHANNELS } from './preload-ipc-channels.ts';

/** The part of Electron's `ipcRenderer` the bridge uses; the preload passes the real one. */
export interface RendererIpc {
  invoke(channel: string, payload: BridgeCall): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/**
 * `window.kiosk` over Electron IPC: the same `KioskBridge` the browser host carries over a WebSocket.
 * Only plain data and these functions cross into the page; the `IpcRendererEvent` (which carries
 * the sender and ports) and `ipcRenderer` itself never do. The main process validates every call,
 * so nothing here is trusted for safety.
 */
export function createIpcKioskBridge(ipc: RendererIpc): KioskBridge {
  const call = (message: BridgeCall) => ipc.invoke(IPC_CHANNELS.call, message);
  return {
    send: (event: UiEvent) => call({ method: 'send', params: event }) as Promise<SendResult>,
    getView: () => call({ method: 'getView', params: null }) as Promise<KioskView>,
    onView(listener) {
      const forward = (_event: unknown, view: unknown) => listener(view as KioskView);
      ipc.on(IPC_CHANNELS.view, forward);
      return () => {
        ipc.removeListener(IPC_CHANNELS.view, forward);
      };
    },
    sendSignal: (signal: CallSignal) => call({ method: 'signal', params: signal }) as Promise<SendResult>,
    onSignal(listener) {
      const forward = (_event: unknown, signal: unknown) => listener(signal as CallSignal);
      ipc.on(IPC_CHANNELS.signal, forward);
      return () => {
        ipc.removeListener(IPC_CHANNELS.signal, forward);
      };
    },
    // The runtime lives in this app's main process: the page is connected for as long as it exists.
    onConnection(listener: (state: BridgeConnection) => void) {
      listener('connected');
      return () => {};
    },
  };
}
