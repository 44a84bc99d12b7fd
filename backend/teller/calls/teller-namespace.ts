import type { ExtendedError, Namespace, Socket } from 'socket.io';
import {
  CALL_BACKEND_EVENTS,
  CallRef,
  CallSignal,
  DecisionRequest,
  PresenceChange,
  TELLER_BACKEND_EVENTS,
  TELLER_EVENTS,
  TellerActionRequest,
  TellerAuth,
  type TellerProfile,
  TransferRequest,
} from '../../../contracts/teller.ts';
import type { Logger } from '../../../platform/log.ts';
import { answerCallEvent } from './call-acks.ts';
import { refusal } from './call-model.ts';
import type { CallRouterOutputs, TellerTokenVerifier } from './call-ports.ts';
import type { CallRouter } from './call-router.ts';

export interface TellerNamespaceDeps {
  router: CallRouter;
  verifier: TellerTokenVerifier;
  logger: Logger;
}

interface TellerSocketData {
  teller: TellerProfile;
  /** The bearer token the console connected with, checked again before each of its actions. */
  token: string;
}

/** Every socket of a teller (one per open console tab) joins the teller's room. */
export function tellerRoom(tellerId: string): string {
  return `teller:${tellerId}`;
}

/**
 * Serves the `/teller` namespace: a console connects with its bearer token in the handshake's
 * `auth`; the teller it belongs to is the only identity its messages act as.
 */
export function serveTellerNamespace(namespace: Namespace, deps: TellerNamespaceDeps): void {
  const { router, logger } = deps;
  namespace.use((socket: Socket, next: (error?: ExtendedError) => void) => {
    const auth = TellerAuth.safeParse(socket.handshake.auth);
    let teller: TellerProfile | null = null;
    try {
      teller = auth.success ? deps.verifier.verify(auth.data.token) : null;
    } catch (error) {
      logger.error('teller session could not be checked', { error: error as Error });
      next(new Error('internal'));
      return;
    }
    if (!teller) {
      const refusal = new Error('unauthorized') as ExtendedError;
      refusal.data = { code: 'unauthorized', message: 'sign in again' };
      next(refusal);
      return;
    }
    (socket.data as TellerSocketData).teller = teller;
    (socket.data as TellerSocketData).token = auth.success ? auth.data.token : '';
    next();
  });
  namespace.on('connection', (socket: Socket) => {
    const { teller } = socket.data as TellerSocketData;
    const { tellerId } = teller;
    const party = { tellerId };
    void socket.join(tellerRoom(tellerId));
    logger.info('teller console connected', party);
    // Sends the whole state to the teller's room, this new tab included.
    router.tellerConnected(teller, socket.id);

    // A session signed out (another tab) or expired since the console connected acts no more:
    // its socket is closed at its next action, which is refused.
    const stillSignedIn = () => {
      let valid = false;
      try {
        valid = deps.verifier.verify((socket.data as TellerSocketData).token) !== null;
      } catch (error) {
        logger.error('teller session could not be checked', { error: error as Error });
      }
      if (!valid) {
        logger.info('teller session ended; console disconnected', party);
        setImmediate(() => socket.disconnect(true));
      }
      return valid;
    };
    const on = <S extends Parameters<typeof answerCallEvent>[2]>(
      event: string,
      schema: S,
      handle: Parameters<typeof answerCallEvent<S>>[5],
    ) =>
      answerCallEvent(socket, event, schema, party, logger, (payload) =>
        stillSignedIn() ? handle(payload) : refusal('forbidden', 'the session has ended; sign in again'),
      );
    on(TELLER_EVENTS.presence, PresenceChange, ({ presence }) => router.setPresence(tellerId, presence));
    on(TELLER_EVENTS.accept, CallRef, ({ callId }) => router.accept(tellerId, callId));
    on(TELLER_EVENTS.decline, CallRef, ({ callId }) => router.decline(tellerId, callId));
    on(TELLER_EVENTS.transfer, TransferRequest, ({ callId, toTellerId }) =>
      router.transfer(tellerId, callId, toTellerId),
    );
    on(TELLER_EVENTS.end, CallRef, ({ callId }) => router.tellerEnd(tellerId, callId));
    on(TELLER_EVENTS.signal, CallSignal, (signal) => router.tellerSignal(tellerId, signal));
    on(TELLER_EVENTS.action, TellerActionRequest, (request) => router.action(tellerId, request));
    on(TELLER_EVENTS.decide, DecisionRequest, (request) => router.decide(tellerId, request));

    socket.on('disconnect', (reason) => {
      logger.info('teller console disconnected', { tellerId, reason });
      router.tellerDisconnected(tellerId, socket.id);
    });
  });
}

/** The router's outputs on live sockets: the kiosk's one link, and every tab of a teller. */
export function socketCallOutputs(
  kiosks: { get(kioskId: string): { emit(event: string, payload: unknown): unknown } | undefined },
  tellers: Namespace,
): CallRouterOutputs {
  const events = CALL_BACKEND_EVENTS;
  return {
    kioskStatus: (kioskId, status) => kiosks.get(kioskId)?.emit(events.status, status),
    kioskAction: (kioskId, message) => kiosks.get(kioskId)?.emit(events.action, message),
    kioskSignal: (kioskId, signal) => kiosks.get(kioskId)?.emit(events.signal, signal),
    tellerState: (tellerId, state) =>
      tellers.to(tellerRoom(tellerId)).emit(TELLER_BACKEND_EVENTS.state, state),
    tellerSignal: (tellerId, signal) =>
      tellers.to(tellerRoom(tellerId)).emit(TELLER_BACKEND_EVENTS.signal, signal),
  };
}
