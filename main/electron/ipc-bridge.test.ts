import { EventEmitter } from 'node:events';
import type { IpcMain, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { KioskView } from '../../contracts/session-view.ts';
import { createMemoryLogger } from '../../platform/log.ts';
import { KIOSK_PAGE_URL } from './app-origin.ts';
import { serveBridgeOverIpc } from './ipc-bridge.ts';

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

function setup() {
  let handler: Handler | undefined;
  const ipcMain = {
    handle: (_channel: string, fn: Handler) => {
      handler = fn;
    },
    removeHandler: vi.fn(() => {
      handler = undefined;
    }),
  } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>;
  const mainFrame = { url: KIOSK_PAGE_URL, parent: null };
  const kiosk = Object.assign(new EventEmitter(), {
    mainFrame,
    send: vi.fn(),
    isDestroyed: vi.fn(() => false),
  }) as unknown as WebContents & { send: ReturnType<typeof vi.fn> };
  const viewListeners = new Set<(view: KioskView) => void>();
  const runtime = {
    handleCall: vi.fn(async () => ({ accepted: true })),
    onView: (listener: (view: KioskView) => void) => {
      viewListeners.add(listener);
      return () => viewListeners.delete(listener);
    },
    onSignal: () => () => {},
  };
  const log = createMemoryLogger();
  const stop = serveBridgeOverIpc(ipcMain, runtime, kiosk, log);
  const call = (payload: unknown, event: unknown = { sender: kiosk, senderFrame: mainFrame }) =>
    handler!(event, payload);
  return { call, kiosk, runtime, viewListeners, stop, ipcMain, mainFrame, log };
}

describe('serveBridgeOverIpc', () => {
  it('passes a valid call from the kiosk page to the runtime', async () => {
    const { call, runtime } = setup();
    await expect(call({ method: 'send', params: { type: 'START' } })).resolves.toEqual({ accepted: true });
    expect(runtime.handleCall).toHaveBeenCalledWith({ method: 'send', params: { type: 'START' } });
  });

  it('refuses calls from another web contents, a subframe or a destroyed frame', async () => {
    const { call, runtime, mainFrame, kiosk } = setup();
    const payload = { method: 'getView', params: null };
    const other = new EventEmitter();
    await expect(call(payload, { sender: other, senderFrame: mainFrame })).rejects.toThrow(
      /forbidden-sender/,
    );
    const subframe = { url: KIOSK_PAGE_URL, parent: mainFrame };
    await expect(call(payload, { sender: kiosk, senderFrame: subframe })).rejects.toThrow(/forbidden-sender/);
    await expect(call(payload, { sender: other, senderFrame: null })).rejects.toThrow(/forbidden-sender/);
    expect(runtime.handleCall).not.toHaveBeenCalled();
  });

  it('refuses invalid payloads before the runtime sees them', async () => {
    const { call, runtime } = setup();
    await expect(call({ method: 'reboot', params: null })).rejects.toThrow(/unknown-method/);
    await expect(call({ method: 'send', params: { type: 'NOPE' } })).rejects.toThrow(/invalid-params/);
    expect(runtime.handleCall).not.toHaveBeenCalled();
  });

  it('hides runtime failures behind a generic error', async () => {
    const { call, runtime } = setup();
    runtime.handleCall.mockRejectedValueOnce(new Error('SQLITE_BUSY at /var/lib/ventanilla/kiosk.sqlite'));
    await expect(call({ method: 'getView', params: null })).rejects.toThrow(/^internal: /);
  });

  it('forwards views to the kiosk window until stopped', () => {
    const { kiosk, viewListeners, stop, ipcMain } = setup();
    const view = { screen: 'attract' } as unknown as KioskView;
    for (const listener of viewListeners) listener(view);
    expect(kiosk.send).toHaveBeenCalledWith('kiosk:view', view);
    stop();
    expect(viewListeners.size).toBe(0);
    expect(ipcMain.removeHandler).toHaveBeenCalledWith('kiosk:call');
  });
});
