import { describe, expect, it, vi } from 'vitest';
import type { KioskView } from '../../contracts/session-view.ts';
import { createIpcKioskBridge, type RendererIpc } from './ipc-kiosk-bridge.ts';

type Listener = (event: unknown, payload: unknown) => void;

function fakeIpc(reply: unknown = { accepted: true }) {
  const listeners = new Map<string, Set<Listener>>();
  const invoke = vi.fn(async () => reply);
  const ipc: RendererIpc = {
    invoke,
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, payload: unknown) => {
    const sensitiveEvent = { sender: { send: () => {} }, ports: [] };
    for (const listener of listeners.get(channel) ?? []) listener(sensitiveEvent, payload);
  };
  return { ipc, invoke, emit, count: (channel: string) => listeners.get(channel)?.size ?? 0 };
}

const view = { screen: 'attract' } as unknown as KioskView;

describe('createIpcKioskBridge', () => {
  it('sends UI events as bridge calls on the call channel', async () => {
    const { ipc, invoke } = fakeIpc({ accepted: true });
    const bridge = createIpcKioskBridge(ipc);
    await expect(bridge.send({ type: 'START' })).resolves.toEqual({ accepted: true });
    expect(invoke).toHaveBeenCalledWith('kiosk:call', { method: 'send', params: { type: 'START' } });
  });

  it('asks for the view with a getView call', async () => {
    const { ipc, invoke } = fakeIpc(view);
    await expect(createIpcKioskBridge(ipc).getView()).resolves.toBe(view);
    expect(invoke).toHaveBeenCalledWith('kiosk:call', { method: 'getView', params: null });
  });

  it('hands listeners the view only, never the IPC event', () => {
    const { ipc, emit } = fakeIpc();
    const listener = vi.fn();
    createIpcKioskBridge(ipc).onView(listener);
    emit('kiosk:view', view);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([view]);
  });

  it('unsubscribes only the listener whose unsubscribe was called', () => {
    const { ipc, emit, count } = fakeIpc();
    const bridge = createIpcKioskBridge(ipc);
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribeFirst = bridge.onView(first);
    bridge.onView(second);
    unsubscribeFirst();
    unsubscribeFirst();
    emit('kiosk:view', view);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(view);
    expect(count('kiosk:view')).toBe(1);
  });

  it('reports connected once, with a harmless unsubscribe', () => {
    const { ipc } = fakeIpc();
    const listener = vi.fn();
    const unsubscribe = createIpcKioskBridge(ipc).onConnection(listener);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith('connected');
    expect(() => unsubscribe()).not.toThrow();
  });

  it('exposes exactly the KioskBridge methods', () => {
    expect(Object.keys(createIpcKioskBridge(fakeIpc().ipc)).sort()).toEqual([
      'getView',
      'onConnection',
      'onSignal',
      'onView',
      'send',
      'sendSignal',
    ]);
  });
});
