import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { BridgeConnection } from '../../../contracts/bridge.ts';
import type { KioskView } from '../../../contracts/session-view.ts';
import { createWebSocketBridge, type WebSocketBridge, type WebSocketConstructor } from './ws-bridge.ts';

// Node 20 has no global WebSocket: the bridge gets the `ws` client, which has the same surface.
const NodeWebSocket = WebSocket as unknown as WebSocketConstructor;

function view(revision: number): KioskView {
  return {
    revision,
    screen: 'attract',
    language: null,
    sessionId: null,
    menu: [],
    flow: null,
    timeoutPrompt: null,
    outOfService: null,
    goodbye: null,
    backendOnline: true,
    deposit: null,
    card: null,
    call: null,
  };
}

interface Call {
  id: number;
  method: string;
  params: unknown;
}

/** A stand-in for the browser host: answers getView with the current revision, send with accepted. */
class FakeHost {
  server!: WebSocketServer;
  port = 0;
  revision = 1;
  calls: Call[] = [];
  /** When false, calls get no reply (to test time-outs). */
  answering = true;
  /** When set, every call is answered with this error. */
  failing: { code: string; message: string } | null = null;

  async start(port = 0) {
    this.server = new WebSocketServer({ host: '127.0.0.1', port });
    await new Promise<void>((resolve) => this.server.once('listening', resolve));
    this.port = (this.server.address() as { port: number }).port;
    this.server.on('connection', (socket) => {
      socket.on('message', (data) => {
        const call = JSON.parse(String(data)) as Call;
        this.calls.push(call);
        if (!this.answering) return;
        if (this.failing) {
          socket.send(JSON.stringify({ kind: 'reply', id: call.id, ok: false, error: this.failing }));
        } else if (call.method === 'getView') {
          socket.send(JSON.stringify({ kind: 'reply', id: call.id, ok: true, value: view(this.revision) }));
        } else if (call.method === 'send') {
          socket.send(JSON.stringify({ kind: 'reply', id: call.id, ok: true, value: { accepted: true } }));
        } else {
          socket.send(
            JSON.stringify({
              kind: 'reply',
              id: call.id,
              ok: false,
              error: { code: 'unknown-method', message: call.method },
            }),
          );
        }
      });
    });
  }

  publish(payload: KioskView) {
    for (const client of this.server.clients)
      client.send(JSON.stringify({ kind: 'event', name: 'view', payload }));
  }

  /** Drops every client connection and stops listening (the host went away). */
  async stop() {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get url() {
    return `ws://127.0.0.1:${this.port}/bridge`;
  }
}

function waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 3_000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      const value = predicate();
      if (value) resolve(value);
      else if (Date.now() - started > timeoutMs) reject(new Error('condition not met in time'));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('WebSocket bridge', () => {
  let host: FakeHost;
  let bridge: WebSocketBridge | undefined;

  beforeEach(async () => {
    host = new FakeHost();
    await host.start();
  });

  afterEach(async () => {
    bridge?.close();
    bridge = undefined;
    await host.stop().catch(() => {});
  });

  it('sends a call and resolves with the reply value', async () => {
    bridge = createWebSocketBridge(host.url, NodeWebSocket);
    await expect(bridge.send({ type: 'START' })).resolves.toEqual({ accepted: true });
    expect(host.calls).toContainEqual({
      kind: 'call',
      id: expect.any(Number),
      method: 'send',
      params: { type: 'START' },
    });
    await expect(bridge.getView()).resolves.toMatchObject({ revision: 1, screen: 'attract' });
  });

  it('rejects a call the host answers with an error', async () => {
    bridge = createWebSocketBridge(host.url, NodeWebSocket);
    host.failing = { code: 'invalid-params', message: 'bad event' };
    await expect(bridge.send({ type: 'START' })).rejects.toThrow('invalid-params: bad event');
  });

  it('delivers pushed views to listeners', async () => {
    bridge = createWebSocketBridge(host.url, NodeWebSocket);
    const seen: number[] = [];
    bridge.onView((v) => seen.push(v.revision));
    // The bridge fetches the view once connected; wait for that so the push below is the next one.
    await waitFor(() => seen.includes(1));
    host.publish(view(7));
    await waitFor(() => seen.includes(7));
    expect(seen).toEqual([1, 7]);
  });

  it('rejects a call that gets no reply in time', async () => {
    host.answering = false;
    bridge = createWebSocketBridge(host.url, NodeWebSocket, { callTimeoutMs: 100 });
    await expect(bridge.send({ type: 'ACTIVITY' })).rejects.toThrow(/timed out/);
  });

  it('reports the drop, rejects pending calls, reconnects and fetches the view again', async () => {
    bridge = createWebSocketBridge(host.url, NodeWebSocket, {
      reconnectDelayMs: 20,
      maxReconnectDelayMs: 50,
    });
    const states: BridgeConnection[] = [];
    const revisions: number[] = [];
    bridge.onConnection((state) => states.push(state));
    bridge.onView((v) => revisions.push(v.revision));
    await waitFor(() => states.includes('connected'));
    await waitFor(() => revisions.includes(1));

    host.answering = false;
    const pending = bridge.send({ type: 'START' });
    await waitFor(() => host.calls.some((c) => c.method === 'send'));
    const port = host.port;
    await host.stop();
    await expect(pending).rejects.toThrow(/disconnected/);
    await waitFor(() => states.at(-1) === 'disconnected');

    // The host comes back on the same port with a newer view; the bridge finds it by itself.
    host = new FakeHost();
    host.revision = 9;
    await host.start(port);
    await waitFor(() => revisions.includes(9));
    expect(states).toEqual(['disconnected', 'connected', 'disconnected', 'connected']);
    await expect(bridge.send({ type: 'ACTIVITY' })).resolves.toEqual({ accepted: true });
  });

  it('holds calls made before the socket opens and sends them once it does', async () => {
    bridge = createWebSocketBridge(host.url, NodeWebSocket);
    const early = bridge.send({ type: 'START' });
    await expect(early).resolves.toEqual({ accepted: true });
  });
});
