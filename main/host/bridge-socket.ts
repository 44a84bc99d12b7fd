import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  BridgeCall,
  type BridgeErrorCode,
  type BridgeMessage,
  BridgeRequest,
  MAX_BRIDGE_MESSAGE_BYTES,
} from '../../contracts/index.ts';
import type { Logger } from '../../platform/log.ts';
import type { KioskRuntime } from '../runtime/index.ts';

export const BRIDGE_PATH = '/bridge';

/**
 * The kiosk bridge over a WebSocket: the same calls and view stream the Electron preload
 * exposes. Only a page served by this host may connect (Origin must be this host), and every
 * message is validated before it reaches the runtime; a bad one gets an error reply and is logged.
 */
export function createBridgeSocket(runtime: KioskRuntime, logger: Logger) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_MESSAGE_BYTES });

  const send = (ws: WebSocket, message: BridgeMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const refuse = (ws: WebSocket, id: number | null, code: BridgeErrorCode, message: string) => {
    logger.warn('bridge message refused', { code, reason: message });
    send(ws, { kind: 'reply', id, ok: false, error: { code, message } });
  };

  const onMessage = async (ws: WebSocket, data: Buffer) => {
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      refuse(ws, null, 'invalid-message', 'not JSON');
      return;
    }
    const request = BridgeRequest.safeParse(json);
    if (!request.success) {
      refuse(ws, null, 'invalid-message', 'not a bridge call');
      return;
    }
    const { id, method, params } = request.data;
    if (method !== 'send' && method !== 'getView' && method !== 'signal') {
      refuse(ws, id, 'unknown-method', `unknown method ${method.slice(0, 32)}`);
      return;
    }
    const call = BridgeCall.safeParse({ method, params: params ?? null });
    if (!call.success) {
      refuse(ws, id, 'invalid-params', call.error.issues[0]?.message ?? 'invalid parameters');
      return;
    }
    try {
      send(ws, { kind: 'reply', id, ok: true, value: await runtime.handleCall(call.data) });
    } catch (error) {
      logger.error('bridge call failed', { error });
      send(ws, { kind: 'reply', id, ok: false, error: { code: 'internal', message: 'internal error' } });
    }
  };

  wss.on('connection', (ws) => {
    send(ws, { kind: 'event', name: 'view', payload: runtime.getView() });
    const unsubscribe = runtime.onView((view) => send(ws, { kind: 'event', name: 'view', payload: view }));
    const unsubscribeSignals = runtime.onSignal((signal) =>
      send(ws, { kind: 'event', name: 'signal', payload: signal }),
    );
    ws.on('message', (data: Buffer) => void onMessage(ws, data));
    ws.on('close', () => {
      unsubscribe();
      unsubscribeSignals();
    });
    ws.on('error', (error) => {
      logger.warn('bridge socket error', { reason: error.message });
      ws.terminate();
    });
  });

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      const origin = req.headers.origin;
      const host = req.headers.host;
      if (!host || origin !== `http://${host}`) {
        logger.warn('bridge connection refused: foreign origin');
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
