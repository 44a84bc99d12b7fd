import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import { BACKEND_EVENTS, KIOSK_EVENTS, type ServiceMode } from '../../contracts/backend-protocol.ts';
import type { Logger } from '../../platform/log.ts';
import { type KioskSocketData, kioskAuthMiddleware } from '../auth/kiosk-authentication.ts';
import type { CardIssuer } from '../cards/card-issuer.ts';
import type { BackendStores } from '../store/backend-stores.ts';
import type { SyncIngestion } from '../sync/sync-ingestion.ts';
import type { CallRouter } from '../teller/calls/call-router.ts';
import { listenForCalls } from '../teller/calls/kiosk-call-events.ts';
import { createLookupLimiter, listenForAccountLookup } from './account-lookup.ts';
import { createCardEventLimiters, listenForCardEvents } from './card-events.ts';
import type { KioskConnections } from './kiosk-connections.ts';
import {
  deviceStatusHandler,
  handleKioskMessage,
  heartbeatHandler,
  type KioskMessageHandler,
} from './message-handlers.ts';
import { listenForSync } from './sync-events.ts';

export interface KioskNamespaceDeps {
  stores: BackendStores;
  connections: KioskConnections;
  syncIngestion: SyncIngestion;
  cardIssuer: CardIssuer;
  /** Key of the document hashes card orders carry (identity/identity-key.ts). */
  documentKey: Buffer;
  /** The video teller's calls; left out, the kiosk's call events go unanswered. */
  calls?: CallRouter;
  logger: Logger;
}

/**
 * Serves the `/kiosk` namespace: authentication, presence, the kiosk's messages, its sync, its
 * account lookups, and its card order lookups and card issue requests.
 */
export function serveKioskNamespace(namespace: Namespace, deps: KioskNamespaceDeps): void {
  const { stores, connections, logger } = deps;
  namespace.use(kioskAuthMiddleware(stores, logger));
  const lookupLimiter = createLookupLimiter();
  const cardLimiters = createCardEventLimiters();
  namespace.on('connection', (socket: Socket) => {
    const { kioskId, softwareVersion } = socket.data as KioskSocketData;
    const previous = connections.register(kioskId, socket);
    if (previous) {
      logger.info('kiosk reconnected; closing its previous connection', { kioskId });
      previous.disconnect(true);
    }
    guarded(logger, kioskId, 'connect', () => {
      stores.presence.markConnected(kioskId);
      socket.emit(BACKEND_EVENTS.serviceMode, stores.serviceMode.get(kioskId));
    });
    logger.info('kiosk connected', { kioskId, softwareVersion });

    listen(socket, KIOSK_EVENTS.heartbeat, heartbeatHandler, deps, kioskId);
    listen(socket, KIOSK_EVENTS.deviceStatus, deviceStatusHandler, deps, kioskId);
    listenForSync(socket, kioskId, deps.syncIngestion, logger);
    listenForAccountLookup(socket, kioskId, stores.accounts, lookupLimiter, logger);
    listenForCardEvents(socket, kioskId, deps.cardIssuer, cardLimiters, logger, deps.documentKey);
    if (deps.calls) {
      listenForCalls(socket, kioskId, deps.calls, logger);
      deps.calls.kioskConnected(kioskId);
    }

    socket.on('disconnect', (reason) => {
      // A replaced socket's disconnect must not mark the kiosk offline: its new socket is live.
      if (!connections.unregister(kioskId, socket)) return;
      guarded(logger, kioskId, 'disconnect', () => stores.presence.markDisconnected(kioskId));
      deps.calls?.kioskDisconnected(kioskId);
      logger.info('kiosk disconnected', { kioskId, reason });
    });
  });
}

/** Tells a connected kiosk its service mode; false when the kiosk is not connected. */
export function sendServiceMode(connections: KioskConnections, kioskId: string, mode: ServiceMode): boolean {
  const socket = connections.get(kioskId);
  if (!socket) return false;
  socket.emit(BACKEND_EVENTS.serviceMode, mode);
  return true;
}

function listen<Schema extends z.ZodType>(
  socket: Socket,
  event: string,
  handler: KioskMessageHandler<Schema>,
  deps: KioskNamespaceDeps,
  kioskId: string,
): void {
  // The ack callback, when the kiosk sent one, is always the last argument; a kiosk that sends
  // extra arguments or none still gets a well-defined answer or none, never an exception.
  socket.on(event, (...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (reply: unknown) => void) : undefined;
    const reply = handleKioskMessage(handler, deps.stores, kioskId, args[0], deps.logger);
    if (!reply.ok) deps.logger.warn('kiosk message refused', { kioskId, event, code: reply.error.code });
    if (ack) ack(reply);
    else deps.logger.warn('kiosk message sent without an ack callback', { kioskId, event });
  });
}

function guarded(logger: Logger, kioskId: string, step: string, action: () => void): void {
  try {
    action();
  } catch (error) {
    logger.error('kiosk presence could not be stored', { kioskId, step, error: error as Error });
  }
}
