import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { CallAck, CallSignal, TellerConsoleState } from '../../../contracts/teller.ts';
import { parseConsoleState } from './console-state.ts';

/** The `/teller` namespace and its events (contracts/teller.ts; the page takes contracts as types). */
const NAMESPACE = '/teller';
const STATE_EVENT = 'teller:state';
const SIGNAL_EVENT = 'teller:signal';
/** A refused or lost emit becomes a failed ack after this long, so a button never hangs. */
const ACK_TIMEOUT_MS = 8_000;
/** A handshake the backend refused for another reason than the token (it failed inside) is retried. */
const RETRY_AFTER_REFUSAL_MS = 3_000;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';
export type TellerEmit = (event: string, payload: unknown) => Promise<CallAck>;
export type SignalHandler = (signal: CallSignal) => void;

export interface TellerSocket {
  state: TellerConsoleState | null;
  connection: ConnectionState;
  /** The backend sent a state this page cannot read (version mismatch). */
  badState: boolean;
  emit: TellerEmit;
  onSignal: (handler: SignalHandler) => () => void;
}

const noAck = (message: string): CallAck => ({ ok: false, error: { code: 'internal', message } });

/**
 * The console's socket.io link: same origin, handshake `auth: { token }`, websocket only. The
 * backend pushes the whole console state on connect and on every change. A handshake refused by
 * the backend (token expired or revoked) is not retried: `onUnauthorized` sends the teller to sign in.
 */
export function useTellerSocket(token: string, onUnauthorized: () => void): TellerSocket {
  const [state, setState] = useState<TellerConsoleState | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [badState, setBadState] = useState(false);
  const socketRef = useRef<Socket | null>(null);
  const signalHandlers = useRef(new Set<SignalHandler>());
  const unauthorizedRef = useRef(onUnauthorized);
  unauthorizedRef.current = onUnauthorized;

  useEffect(() => {
    const socket = io(NAMESPACE, { auth: { token }, transports: ['websocket'] });
    socketRef.current = socket;
    let retry: ReturnType<typeof setTimeout> | undefined;
    socket.on('connect', () => setConnection('connected'));
    socket.on('disconnect', (reason) => {
      // The backend itself closed this console's link (signed out elsewhere, session revoked).
      if (reason === 'io server disconnect') unauthorizedRef.current();
      else setConnection('reconnecting');
    });
    socket.on('connect_error', (error) => {
      setConnection('reconnecting');
      // Still active: a transport failure socket.io retries by itself. Not active: the backend's
      // handshake middleware refused it, which socket.io never retries.
      if (socket.active) return;
      if (error.message === 'unauthorized') unauthorizedRef.current();
      else retry = setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL_MS);
    });
    socket.on(STATE_EVENT, (message: unknown) => {
      const parsed = parseConsoleState(message);
      setBadState(parsed === null);
      if (parsed) setState(parsed);
    });
    socket.on(SIGNAL_EVENT, (message: CallSignal) => {
      if (typeof message?.callId !== 'string' || typeof message.leg !== 'number') return;
      for (const handler of signalHandlers.current) handler(message);
    });
    return () => {
      clearTimeout(retry);
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [token]);

  const emit = useCallback<TellerEmit>(async (event, payload) => {
    const socket = socketRef.current;
    if (!socket?.connected) return noAck('not connected');
    try {
      const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as CallAck;
      return typeof ack?.ok === 'boolean' ? ack : noAck('bad ack');
    } catch {
      return noAck('no answer');
    }
  }, []);

  const onSignal = useCallback((handler: SignalHandler) => {
    signalHandlers.current.add(handler);
    return () => {
      signalHandlers.current.delete(handler);
    };
  }, []);

  return { state, connection, badState, emit, onSignal };
}
