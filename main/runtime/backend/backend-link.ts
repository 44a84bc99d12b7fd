import { createPrivateKey } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  ACCOUNT_LOOKUP_EVENT,
  AccountLookupAck,
  Ack,
  AuthErrorCode,
  type CashLevels,
  BACKEND_EVENTS,
  CARD_ISSUE_EVENT,
  CARD_ORDER_LOOKUP_EVENT,
  CardIssueAck,
  type CardIssueDecline,
  type CardIssueRequest,
  CARD_ORDER_LOOKUP_BY_DOCUMENT_EVENT,
  CardOrderLookupAck,
  type CardOrderLookupByDocumentRequest,
  type CardOrderStatus,
  type DeviceStatus,
  type IssuedCardData,
  type Heartbeat,
  KIOSK_EVENTS,
  KIOSK_NAMESPACE,
  type Screen,
  ServiceMode,
  type SyncBacklog,
  type Unsubscribe,
} from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import { signKioskToken } from './kiosk-token.ts';

export interface BackendLinkOptions {
  url: string;
  kioskId: string;
  /** The kiosk's Ed25519 private key (PKCS8 PEM); it signs a fresh token for every connection. */
  privateKey: string;
  softwareVersion: string;
  heartbeatMs: number;
  /** What to report in each heartbeat. */
  snapshot: () => {
    screen: Screen;
    devices: DeviceStatus[];
    backlog?: SyncBacklog | null;
    cash?: CashLevels | null;
  };
  logger: Logger;
  /** After the backend refuses our credentials, wait this long before trying again. */
  refusedRetryMs?: number;
}

export interface BackendLinkState {
  online: boolean;
  service: ServiceMode;
  /** Why the last connection attempt failed (an AuthErrorCode or a transport error), or null. */
  lastError: string | null;
}

export type AccountLookup =
  | { status: 'found'; accountRef: string; holderNameMasked: string }
  | { status: 'notFound' }
  | { status: 'offline' };

export type CardOrderLookup =
  | {
      status: 'found';
      orderRef: string;
      holderNameMasked: string;
      product: 'debit';
      orderStatus: CardOrderStatus;
      /** The bank wants a teller to approve the card before it is made. */
      tellerApproval: boolean;
    }
  | { status: 'notFound' }
  | { status: 'offline' };

export type CardIssue =
  | { status: 'approved'; card: IssuedCardData }
  | { status: 'declined'; reason: CardIssueDecline }
  | { status: 'offline' };

export interface BackendLink {
  /** The authenticated socket, for the sync client. */
  readonly socket: Socket;
  state(): BackendLinkState;
  onChange(listener: (state: BackendLinkState) => void): Unsubscribe;
  /**
   * Asks the backend whose account this is. `offline` when the link is down or the backend does
   * not answer in time: the caller then follows the offline policy, it never guesses.
   */
  lookupAccount(accountNumber: string, timeoutMs?: number): Promise<AccountLookup>;
  /** Finds a card order by the customer's code; `offline` as for `lookupAccount`. */
  lookupCardOrder(orderCode: string, timeoutMs?: number): Promise<CardOrderLookup>;
  /**
   * Finds the open (or issuing) card order of the customer whose ID document was read here;
   * `notFound` when the person has none. `offline` as for `lookupAccount`.
   */
  lookupCardOrderByDocument(
    request: CardOrderLookupByDocumentRequest,
    timeoutMs?: number,
  ): Promise<CardOrderLookup>;
  /**
   * Asks the bank to approve the order and issue one card's data. `offline` when the link is down,
   * the answer is late or malformed, or the backend refused the call: no card data arrived, and
   * asking again with the same attempt id voids whatever the bank issued to it. `signal` only
   * stops a call not yet sent: once sent, the answer is awaited, because an approval arriving for
   * a caller that left must still be voided by that caller.
   */
  issueCard(request: CardIssueRequest, signal?: AbortSignal, timeoutMs?: number): Promise<CardIssue>;
  /** Sends device statuses now instead of waiting for the next heartbeat. */
  reportDevices(devices: DeviceStatus[]): void;
  close(): void;
}

const ACK_TIMEOUT_MS = 5_000;

/**
 * The kiosk's socket.io link to the O2O backend: authenticates, sends heartbeats with device
 * status, and follows the bank's service mode. Every message from the backend is validated; a bad
 * one is logged and dropped. While the link is down the kiosk keeps the last service mode it knew.
 */
export function connectBackend(options: BackendLinkOptions): BackendLink {
  const log = options.logger;
  const listeners = new Set<(state: BackendLinkState) => void>();
  let current: BackendLinkState = {
    online: false,
    service: { inService: true, reason: null },
    lastError: null,
  };
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const update = (patch: Partial<BackendLinkState>) => {
    const next = { ...current, ...patch };
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    current = next;
    for (const listener of listeners) listener(current);
  };

  const privateKey = createPrivateKey(options.privateKey);
  const socket: Socket = io(new URL(KIOSK_NAMESPACE, options.url).toString(), {
    // A function, so every connection attempt carries a fresh token (a nonce is accepted once).
    auth: (deliver) => deliver(signKioskToken(options.kioskId, privateKey, options.softwareVersion)),
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
    timeout: 5_000,
  });

  const applyService = (raw: unknown, source: string) => {
    const parsed = ServiceMode.safeParse(raw);
    if (!parsed.success) {
      log.warn('backend sent an invalid service mode; ignored', { source });
      return;
    }
    update({ service: parsed.data });
  };

  const emitWithAck = (event: string, payload: unknown) => {
    if (!socket.connected) return;
    socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (error: Error | null, raw: unknown) => {
      if (error) {
        log.warn('backend did not acknowledge in time', { event });
        return;
      }
      const ack = Ack.safeParse(raw);
      if (!ack.success) {
        log.warn('backend sent a malformed acknowledgement', { event });
        return;
      }
      if (ack.data.ok) applyService(ack.data.service, event);
      else
        log.error('backend refused a message', {
          event,
          code: ack.data.error.code,
          reason: ack.data.error.message,
        });
    });
  };

  const startedAt = Date.now();
  const sendHeartbeat = () => {
    const { screen, devices, backlog, cash } = options.snapshot();
    const heartbeat: Heartbeat = {
      sentAt: new Date().toISOString(),
      // Absent, not null, when the kiosk has none: the protocol allows only that.
      ...(backlog ? { backlog } : {}),
      ...(cash ? { cash } : {}),
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      screen,
      devices,
    };
    emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat);
  };
  const heartbeatTimer = setInterval(sendHeartbeat, options.heartbeatMs);

  socket.on('connect', () => {
    log.info('connected to backend');
    update({ online: true, lastError: null });
    sendHeartbeat();
  });
  socket.on('disconnect', (reason) => {
    log.warn('backend link lost', { reason });
    update({ online: false });
    // socket.io reconnects by itself after a lost link, but not after the server closed the
    // socket on purpose (it does so to an older connection when this kiosk signs in again). The
    // kiosk must never stay offline by itself: try again after a pause.
    if (reason === 'io server disconnect' && !closed) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => socket.connect(), 1_000);
    }
  });
  socket.on('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
    const code = AuthErrorCode.safeParse(error.data?.code ?? error.message);
    if (code.success) {
      log.error('backend refused this kiosk', {
        code: code.data,
        reason: error.data?.message ?? error.message,
      });
      update({ online: false, lastError: code.data });
    } else {
      // Said once per outage, not at every retry: an offline kiosk retries for as long as it takes.
      if (current.lastError !== 'unreachable') log.warn('cannot reach backend', { reason: error.message });
      update({ online: false, lastError: 'unreachable' });
    }
    // A refusal by the server's middleware stops socket.io's own reconnection; keep trying slowly,
    // so a kiosk whose credential is fixed on the server comes back without a restart.
    if (!socket.active && !closed) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => socket.connect(), options.refusedRetryMs ?? 10_000);
    }
  });
  socket.on(BACKEND_EVENTS.serviceMode, (raw: unknown) => applyService(raw, BACKEND_EVENTS.serviceMode));

  /** A card order lookup, by code or by document: both are answered with a `CardOrderLookupAck`. */
  const lookUpCardOrder = async (
    event: string,
    payload: unknown,
    timeoutMs: number,
  ): Promise<CardOrderLookup> => {
    if (!socket.connected) return { status: 'offline' };
    try {
      const raw: unknown = await socket.timeout(timeoutMs).emitWithAck(event, payload);
      const ack = CardOrderLookupAck.safeParse(raw);
      if (!ack.success) {
        log.warn('backend sent a malformed card order lookup answer', { event });
        return { status: 'offline' };
      }
      if (!ack.data.ok) {
        // The backend is there and said no (e.g. rate-limited): the customer tries again.
        log.warn('backend refused a card order lookup', { event, code: ack.data.error.code });
        return { status: 'notFound' };
      }
      return ack.data.found
        ? {
            status: 'found',
            orderRef: ack.data.orderRef,
            holderNameMasked: ack.data.holderNameMasked,
            product: ack.data.product,
            orderStatus: ack.data.status,
            tellerApproval: ack.data.tellerApproval,
          }
        : { status: 'notFound' };
    } catch {
      log.warn('card order lookup: no answer in time', { event });
      return { status: 'offline' };
    }
  };

  return {
    socket,
    state: () => current,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lookupAccount: async (accountNumber, timeoutMs = 5_000) => {
      if (!socket.connected) return { status: 'offline' };
      try {
        const raw: unknown = await socket
          .timeout(timeoutMs)
          .emitWithAck(ACCOUNT_LOOKUP_EVENT, { accountNumber });
        const ack = AccountLookupAck.safeParse(raw);
        if (!ack.success) {
          log.warn('backend sent a malformed account lookup answer');
          return { status: 'offline' };
        }
        if (!ack.data.ok) {
          // The backend is there and said no (e.g. rate-limited): this is not the offline case,
          // where a deposit may be taken for a number nobody checked. The customer tries again.
          log.warn('backend refused an account lookup', { code: ack.data.error.code });
          return { status: 'notFound' };
        }
        return ack.data.found
          ? { status: 'found', accountRef: ack.data.accountRef, holderNameMasked: ack.data.holderNameMasked }
          : { status: 'notFound' };
      } catch {
        log.warn('account lookup: no answer in time');
        return { status: 'offline' };
      }
    },
    lookupCardOrder: (orderCode, timeoutMs = 5_000) =>
      lookUpCardOrder(CARD_ORDER_LOOKUP_EVENT, { orderCode }, timeoutMs),
    // The document's fields go to the backend only, never to the log, like a code.
    lookupCardOrderByDocument: (request, timeoutMs = 5_000) =>
      lookUpCardOrder(
        CARD_ORDER_LOOKUP_BY_DOCUMENT_EVENT,
        {
          issuingState: request.issuingState,
          documentNumber: request.documentNumber,
          birthDate: request.birthDate,
        },
        timeoutMs,
      ),
    issueCard: async (request, signal, timeoutMs = 15_000) => {
      if (!socket.connected || signal?.aborted) return { status: 'offline' };
      try {
        const raw: unknown = await socket.timeout(timeoutMs).emitWithAck(CARD_ISSUE_EVENT, request);
        const ack = CardIssueAck.safeParse(raw);
        if (!ack.success) {
          // Nothing is logged of the answer itself: it may hold a card number.
          log.warn('backend sent a malformed card issue answer');
          return { status: 'offline' };
        }
        if (!ack.data.ok) {
          // No card was issued; this kiosk cannot issue one now, as when offline.
          log.warn('backend refused to issue a card', { code: ack.data.error.code });
          return { status: 'offline' };
        }
        return ack.data.approved
          ? { status: 'approved', card: ack.data.card }
          : { status: 'declined', reason: ack.data.reason };
      } catch {
        log.warn('card issue: no answer in time');
        return { status: 'offline' };
      }
    },
    reportDevices: (devices) => {
      if (devices.length > 0) emitWithAck(KIOSK_EVENTS.deviceStatus, { devices });
    },
    close: () => {
      closed = true;
      clearInterval(heartbeatTimer);
      clearTimeout(retryTimer);
      listeners.clear();
      socket.close();
    },
  };
}
