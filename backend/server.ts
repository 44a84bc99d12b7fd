import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { KIOSK_NAMESPACE } from '../contracts/backend-protocol.ts';
import { type IceServer, TELLER_NAMESPACE } from '../contracts/teller.ts';
import { SYNC_LIMITS } from '../contracts/sync-protocol.ts';
import { createLogger, type Logger } from '../platform/log.ts';
import { openDatabase } from '../platform/sqlite.ts';
import { createCardIssuer } from './cards/card-issuer.ts';
import { DEFAULT_CARD_BIN } from './cards/card-number-issuer.ts';
import { cardNumberKey } from './cards/card-number-key.ts';
import { BACKEND_MIGRATIONS } from './db/migrations.ts';
import { createAppCodeIssuer, DEFAULT_APP_CODE_TTL_SECONDS } from './identity/app-code-issuer.ts';
import { appCodeSigningKey } from './identity/app-codes.ts';
import { identityKeys } from './identity/identity-key.ts';
import { createRequestHandler } from './http/routes.ts';
import { KioskConnections } from './kiosk/kiosk-connections.ts';
import { serveKioskNamespace } from './kiosk/kiosk-namespace.ts';
import { createBackendStores } from './store/backend-stores.ts';
import { type AccountSeed, seedAccounts } from './store/seed-accounts.ts';
import { type CardOrderSeed, seedCardOrders } from './store/seed-card-orders.ts';
import { type KioskSeed, seedKiosks } from './store/seed-kiosks.ts';
import { createRecordEffects } from './sync/record-effects.ts';
import { createSyncIngestion } from './sync/sync-ingestion.ts';
import type { TellerSeed } from './teller/accounts/teller-seed.ts';
import { DEFAULT_CALL_ROUTER_OPTIONS, systemClock } from './teller/calls/call-ports.ts';
import { CallRouter } from './teller/calls/call-router.ts';
import { serveTellerNamespace, socketCallOutputs } from './teller/calls/teller-namespace.ts';
import { createTellerServices } from './teller/teller-services.ts';

export interface BackendConfig {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** SQLite file, created if missing; `:memory:` for a throw-away database. */
  dbPath: string;
  /** Password of the `operator` user of the fleet page and API. */
  operatorPassword: string;
  /** A connected kiosk silent for longer than this shows offline. */
  heartbeatTimeoutMs: number;
  /** Kiosks to add or update at start. */
  kiosks?: readonly KioskSeed[];
  /** Accounts to add (or update the holder and currency of) at start. */
  accounts?: readonly AccountSeed[];
  /** Card orders to add (or renew, while nothing was issued on them) at start, after the accounts. */
  cardOrders?: readonly CardOrderSeed[];
  /**
   * BIN of the card numbers issued (6–8 digits); default DEFAULT_CARD_BIN, `990000`, a test range
   * no real issuer uses.
   */
  cardBin?: string;
  /**
   * Key of the HMAC-SHA256 kept of every card number (at least 32 characters). When left out, one
   * is made on the first start and kept in the database (see cards/card-number-key.ts).
   */
  cardNumberKey?: string;
  /**
   * Ed25519 private key (PKCS8 PEM) the codes of the bank's app are signed with; kiosks hold its
   * public key. Null or left out: no app codes are made (the routes that only make codes answer 503).
   */
  appCodePrivateKey?: string | null;
  /** Lifetime of an app code, seconds; default DEFAULT_APP_CODE_TTL_SECONDS (900). */
  appCodeTtlSeconds?: number;
  /**
   * Secret the identity keys derive from (document hashes of card orders, sealed account
   * applications), at least 32 characters. When left out, one is made on the first start and
   * kept in the database (see identity/identity-key.ts).
   */
  identityKey?: string;
  /**
   * Teller console accounts to add, or update, at start (a changed password signs the teller out
   * everywhere). Passwords are stored only as scrypt hashes.
   */
  tellers?: readonly TellerSeed[];
  /** STUN/TURN servers given to both ends of a video teller call; default none (same network). */
  iceServers?: readonly IceServer[];
  /** How long a teller's console rings before the call goes to the next teller; default 20 s. */
  callOfferTimeoutMs?: number;
  /** How long a call waits for its lost kiosk to resume before it ends; default 20 s. */
  kioskReconnectGraceMs?: number;
  /** How long a call waits for its teller's lost console before it is queued again; default 20 s. */
  tellerReconnectGraceMs?: number;
  logger?: Logger;
}

export interface RunningBackend {
  url: string;
  port: number;
  /** Disconnects every kiosk, stops the HTTP server and closes the database. */
  close(): Promise<void>;
}

/**
 * Largest message socket.io accepts before closing the connection that sends it. A sync batch may
 * carry up to SYNC_LIMITS.maxBytes; the transport lets through twice that, so a batch somewhat
 * over the limit gets a clear `batch-too-large` answer, and only a message far larger (a mistake
 * or an attack) costs the kiosk its connection.
 */
export const MAX_MESSAGE_BYTES = 2 * SYNC_LIMITS.maxBytes;

export async function createBackend(config: BackendConfig): Promise<RunningBackend> {
  if (config.operatorPassword.length === 0) throw new Error('an operator password is required');
  const logger = config.logger ?? createLogger('backend');
  const db = openDatabase(config.dbPath, BACKEND_MIGRATIONS);
  // An ack of a sync batch is a promise: the kiosk then forgets the records. In WAL mode with
  // synchronous=NORMAL a power cut may lose the last commits, and with them records already
  // acknowledged; FULL syncs the WAL at every commit (once per batch: see sync-ingestion.ts).
  db.pragma('synchronous = FULL');
  try {
    const stores = createBackendStores(db);
    seedKiosks(stores.kiosks, config.kiosks ?? []);
    seedAccounts(stores.accounts, config.accounts ?? []);
    const identity = identityKeys(config.identityKey, stores.secrets);
    const appCodes = createAppCodeIssuer(
      config.appCodePrivateKey ? appCodeSigningKey(config.appCodePrivateKey) : null,
      config.appCodeTtlSeconds ?? DEFAULT_APP_CODE_TTL_SECONDS,
    );
    db.transaction(() =>
      seedCardOrders(stores, config.cardOrders ?? [], new Date(), identity.documentHash),
    )();
    const cardIssuer = createCardIssuer(db, stores.cardOrders, stores.cards, {
      bin: config.cardBin ?? DEFAULT_CARD_BIN,
      numberKey: cardNumberKey(config.cardNumberKey, stores.secrets),
    });
    const tellers = await createTellerServices(db, {
      callbackKey: identity.tellerCallbacks,
      tellers: config.tellers ?? [],
      logger: logger.child('teller'),
    });
    // No socket survives a restart; presence left over from the last run is stale.
    stores.presence.markAllDisconnected();

    const connections = new KioskConnections();
    const httpServer = createServer(
      createRequestHandler({
        stores,
        connections,
        operatorPassword: config.operatorPassword,
        heartbeatTimeoutMs: config.heartbeatTimeoutMs,
        appCodes,
        identity,
        // The document image comes from the call router, which holds shared documents in memory.
        teller: {
          ...tellers,
          documentImage: (callId, teller) => calls.documentImage(callId, teller.tellerId),
        },
        logger: logger.child('http'),
      }),
    );
    const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: MAX_MESSAGE_BYTES });
    const tellerNamespace = io.of(TELLER_NAMESPACE);
    const calls: CallRouter = new CallRouter({
      outputs: socketCallOutputs(connections, tellerNamespace),
      audit: tellers.audit,
      callbacks: tellers.callbacks,
      clock: systemClock,
      deferConsoleStates: setImmediate,
      options: {
        iceServers: config.iceServers ?? DEFAULT_CALL_ROUTER_OPTIONS.iceServers,
        offerTimeoutMs: config.callOfferTimeoutMs ?? DEFAULT_CALL_ROUTER_OPTIONS.offerTimeoutMs,
        kioskReconnectGraceMs:
          config.kioskReconnectGraceMs ?? DEFAULT_CALL_ROUTER_OPTIONS.kioskReconnectGraceMs,
        tellerReconnectGraceMs:
          config.tellerReconnectGraceMs ?? DEFAULT_CALL_ROUTER_OPTIONS.tellerReconnectGraceMs,
      },
      kioskName: (kioskId) => stores.kiosks.find(kioskId)?.name ?? kioskId,
      logger: logger.child('calls'),
    });
    serveTellerNamespace(tellerNamespace, {
      router: calls,
      verifier: tellers.accounts,
      logger: logger.child('teller'),
    });
    const syncIngestion = createSyncIngestion(db, stores.syncRecords, createRecordEffects(db, stores));
    serveKioskNamespace(io.of(KIOSK_NAMESPACE), {
      stores,
      connections,
      syncIngestion,
      cardIssuer,
      documentKey: identity.documentHash,
      calls,
      logger: logger.child('kiosk'),
    });

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, '127.0.0.1', () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
    const { port } = httpServer.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    logger.info('backend listening', { url });

    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        // Both ends hear that their calls ended before their sockets close.
        calls.shutdown();
        // io.close disconnects the sockets and closes the HTTP server; idle keep-alive
        // connections would hold that open, so they are cut too.
        const closed = io.close();
        httpServer.closeAllConnections();
        await closed;
        db.close();
        logger.info('backend stopped');
      })();
      return closing;
    };
    return { url, port, close };
  } catch (error) {
    db.close();
    throw error;
  }
}
