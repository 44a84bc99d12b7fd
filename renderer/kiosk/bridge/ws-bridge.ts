import type {
  BridgeConnection,
  BridgeMessage,
  KioskBridge,
  SendResult,
  UiEvent,
} from '../../../contracts/bridge.ts';
import type { Unsubscribe } from '../../../contracts/devices/operation.ts';
import type { KioskView } from '../../../contracts/session-view.ts';
import type { CallSignal } from '../../../contracts/teller.ts';

/** What the bridge needs of a WebSocket: the browser's and the `ws` package's both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface WebSocketBridgeOptions {
  /** A call without a reply after this long is rejected. */
  callTimeoutMs?: number;
  /** First reconnect delay; doubles after each failed attempt up to `maxReconnectDelayMs`. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
}

export interface WebSocketBridge extends KioskBridge {
  /** Closes the socket for good: pending calls are rejected and no reconnect follows. */
  close(): void;
}

const OPEN = 1;

interface PendingCall {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * `KioskBridge` over the browser host's WebSocket (`{kind:'call'}` → `{kind:'reply'}`, plus
 * `{kind:'event', name:'view'}` pushes). Calls made while the socket is not open wait for it
 * (within their timeout). After a drop it reconnects with backoff and fetches the view again,
 * since views published while disconnected were lost.
 */
export function createWebSocketBridge(
  url: string,
  WebSocketImpl: WebSocketConstructor = globalThis.WebSocket as unknown as WebSocketConstructor,
  options: WebSocketBridgeOptions = {},
): WebSocketBridge {
  const callTimeoutMs = options.callTimeoutMs ?? 5_000;
  const firstDelayMs = options.reconnectDelayMs ?? 250;
  const maxDelayMs = options.maxReconnectDelayMs ?? 5_000;

  const viewListeners = new Set<(view: KioskView) => void>();
  const connectionListeners = new Set<(state: BridgeConnection) => void>();
  const signalListeners = new Set<(signal: CallSignal) => void>();
  const pending = new Map<number, PendingCall>();
  /** Calls waiting for the socket to open, in order. */
  let queued: string[] = [];
  let nextId = 1;
  let connection: BridgeConnection = 'disconnected';
  let socket: WebSocketLike | null = null;
  let reconnectDelayMs = firstDelayMs;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  function setConnection(state: BridgeConnection) {
    if (state === connection) return;
    connection = state;
    for (const listener of connectionListeners) listener(state);
  }

  function emitView(view: KioskView) {
    for (const listener of viewListeners) listener(view);
  }

  function emitSignal(signal: CallSignal) {
    for (const listener of signalListeners) listener(signal);
  }

  function rejectPending(reason: string) {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      pending.delete(id);
      call.reject(new Error(reason));
    }
    queued = [];
  }

  function handleMessage(data: unknown) {
    if (typeof data !== 'string') return;
    let message: BridgeMessage;
    try {
      message = JSON.parse(data) as BridgeMessage;
    } catch {
      return;
    }
    if (message.kind === 'event' && message.name === 'view') {
      emitView(message.payload);
      return;
    }
    if (message.kind === 'event' && message.name === 'signal') {
      emitSignal(message.payload);
      return;
    }
    if (message.kind !== 'reply' || message.id === null) return;
    const call = pending.get(message.id);
    if (!call) return; // timed out already
    pending.delete(message.id);
    clearTimeout(call.timer);
    if (message.ok) call.resolve(message.value);
    else call.reject(new Error(`${message.error.code}: ${message.error.message}`));
  }

  function connect() {
    reconnectTimer = null;
    const ws = new WebSocketImpl(url);
    socket = ws;
    ws.onopen = () => {
      reconnectDelayMs = firstDelayMs;
      const waiting = queued;
      queued = [];
      for (const frame of waiting) ws.send(frame);
      setConnection('connected');
      // Views published while the socket was down never arrived: ask for the current one.
      getView().then(emitView, () => {});
    };
    ws.onmessage = (event) => handleMessage(event.data);
    // An error is always followed by close; reconnecting happens there.
    ws.onerror = () => {};
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      rejectPending('bridge disconnected');
      setConnection('disconnected');
      if (closed) return;
      reconnectTimer = setTimeout(connect, reconnectDelayMs);
      reconnectDelayMs = Math.min(reconnectDelayMs * 2, maxDelayMs);
    };
  }

  function call(method: string, params: unknown): Promise<unknown> {
    if (closed) return Promise.reject(new Error('bridge closed'));
    const id = nextId++;
    const frame = JSON.stringify({ kind: 'call', id, method, params });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        queued = queued.filter((waiting) => waiting !== frame);
        reject(new Error(`bridge call ${method} timed out after ${callTimeoutMs} ms`));
      }, callTimeoutMs);
      pending.set(id, { resolve, reject, timer });
      if (socket?.readyState === OPEN) socket.send(frame);
      else queued.push(frame);
    });
  }

  function getView(): Promise<KioskView> {
    return call('getView', null) as Promise<KioskView>;
  }

  connect();

  return {
    send: (event: UiEvent) => call('send', event) as Promise<SendResult>,
    getView,
    onView(listener): Unsubscribe {
      viewListeners.add(listener);
      return () => viewListeners.delete(listener);
    },
    sendSignal: (signal: CallSignal) => call('signal', signal) as Promise<SendResult>,
    onSignal(listener): Unsubscribe {
      signalListeners.add(listener);
      return () => signalListeners.delete(listener);
    },
    /** Tells the listener the current state at once, then every change. */
    onConnection(listener): Unsubscribe {
      connectionListeners.add(listener);
      listener(connection);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      rejectPending('bridge closed');
      const ws = socket;
      socket = null;
      ws?.close();
      setConnection('disconnected');
    },
  };
}
