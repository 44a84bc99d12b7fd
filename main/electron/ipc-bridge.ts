import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CHANNELS } from '../../contracts/bridge.ts';
import type { Logger } from '../../platform/log.ts';
import type { KioskRuntime } from '../runtime/types.ts';
import { validateIpcCall } from './ipc-validation.ts';

/**
 * Main's side of `window.kiosk`: each `kiosk:call` is checked (sender and payload) before the
 * runtime sees it, and every view (and call signaling message) the runtime publishes goes to the kiosk window. Returns a
 * function that undoes both.
 */
export function serveBridgeOverIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  runtime: Pick<KioskRuntime, 'handleCall' | 'onView' | 'onSignal'>,
  kiosk: WebContents,
  log: Logger,
): () => void {
  ipcMain.handle(IPC_CHANNELS.call, async (event: IpcMainInvokeEvent, payload: unknown) => {
    const frame = event.senderFrame;
    const fromKioskWindow = event.sender === kiosk && frame !== null;
    const verdict = validateIpcCall(
      { url: frame?.url ?? '', isMainFrame: fromKioskWindow && frame.parent === null },
      payload,
    );
    if (!verdict.ok) {
      log.warn('bridge call refused', { code: verdict.error.code });
      // The renderer sees this message as the rejection of its `invoke`.
      throw new Error(`${verdict.error.code}: ${verdict.error.message}`);
    }
    try {
      return await runtime.handleCall(verdict.call);
    } catch (error) {
      log.error('bridge call failed', { method: verdict.call.method, error });
      throw new Error('internal: the runtime could not serve the call');
    }
  });

  const unsubscribe = runtime.onView((view) => {
    if (!kiosk.isDestroyed()) kiosk.send(IPC_CHANNELS.view, view);
  });

  const unsubscribeSignals = runtime.onSignal((signal) => {
    if (!kiosk.isDestroyed()) kiosk.send(IPC_CHANNELS.signal, signal);
  });

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    unsubscribe();
    unsubscribeSignals();
  };
}
