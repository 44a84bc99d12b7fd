import {
  type Actor,
  type AnyActorRef,
  createActor,
  fromPromise,
  type SnapshotFrom,
  type Subscription,
} from 'xstate';
import type {
  BridgeCall,
  CardPrinter,
  DeviceStatus,
  KioskView,
  MenuItem,
  ReceiptPrinter,
  SendResult,
  SessionEnded,
} from '../../contracts/index.ts';
import { createCardPrinter } from '../../device-drivers/card-printer/card-printer.ts';
import { createEscposReceiptPrinter } from '../../device-drivers/receipt-printer/escpos-receipt-printer.ts';
import { cardIssuingMachine } from '../../state-machines/card-issuing/card-issuing-machine.ts';
import { cardDocumentOnScreen } from '../../state-machines/card-issuing/card-issuing-view.ts';
import type { CardIssuingInput } from '../../state-machines/card-issuing/card-issuing-types.ts';
import { cashDepositMachine } from '../../state-machines/cash-deposit/cash-deposit-machine.ts';
import { openCashLedger } from './cash/cash-ledger.ts';
import { CashExchangeError, type CashLedger } from './cash/types.ts';
import { CASH_THRESHOLDS, createCashDevices } from './deposit/cash-devices.ts';
import { feedCashLedger } from './deposit/cash-ledger-feed.ts';
import { createDepositActors } from './deposit/deposit-actors.ts';
import { createCardDataVault } from './card-issuing/card-data-vault.ts';
import { createCardIssuingActors } from './card-issuing/card-issuing-actors.ts';
import { createIdentityServices, type IdentityDependencies } from './identity/identity-services.ts';
import { customerActive, documentKept, watchChild } from './identity/identify-watch.ts';
import { type CardRecovery, createCardRecovery } from './card-issuing/card-recovery.ts';
import { createTellerServices } from './teller/teller-services.ts';
import { createLogger, type Logger } from '../../platform/log.ts';
import { openDatabase, type SqliteDatabase } from '../../platform/sqlite.ts';
import {
  SESSION_MACHINE_VERSION,
  type SessionMachine,
  sessionMachine,
} from '../../state-machines/session/session-machine.ts';
import { screenOf, toKioskView } from '../../state-machines/session/session-view.ts';
import { type BackendLink, connectBackend } from './backend/backend-link.ts';
import { createDeviceRegistry, type ManagedDevice } from './devices/device-registry.ts';
import { openJournalStore } from './journal/journal-store.ts';
import type { JournalStore } from './journal/types.ts';
import { recoverInDoubtActions } from './recovery/in-doubt.ts';
import { printSessionReceipt } from './session/receipt-printing.ts';
import { menuFor, serviceFor } from './session/service-policy.ts';
import { KIOSK_MIGRATIONS } from './store/migrations.ts';
import { openSnapshotStore, type SnapshotStore } from './store/snapshot-store.ts';
import { createSyncClient } from './sync/sync-client.ts';
import type { SyncClient } from './sync/types.ts';
import type { KioskRuntime, RuntimeConfig } from './types.ts';

/** Test seams: a runtime built with other parts than the configured ones. */
export interface RuntimeDependencies {
  logger?: Logger;
  receiptPrinter?: ReceiptPrinter | null;
  cardPrinter?: CardPrinter | null;
  /** Scanners and MRZ reader other than the configured ones. */
  identity?: IdentityDependencies;
  /** Longest start-up waits for devices to report before deciding whether to serve. */
  deviceSettleMs?: number;
}

const SESSION_SNAPSHOT = 'session';
/** How long stopping waits for a card job to reach a safe point. */
const CARD_JOB_STOP_GRACE_MS = 10_000;
type SessionActor = Actor<SessionMachine>;

/**
 * Composition root of the kiosk: the local store (journal, outbox, snapshots), device drivers,
 * the backend link with its sync client, and the session machine, wired together. Runs under plain
 * Node; Electron and the browser host only carry its bridge to a renderer.
 *
 * Start-up order matters: devices first (recovery asks them), then in-doubt recovery of device
 * actions left open by a crash, then the session restored from its last snapshot — so a restored
 * goodbye step finds its receipt attempt already resolved and never prints it twice.
 */
export function createKioskRuntime(config: RuntimeConfig, deps: RuntimeDependencies = {}): KioskRuntime {
  const log = deps.logger ?? createLogger('runtime');
  const printer =
    deps.receiptPrinter !== undefined
      ? deps.receiptPrinter
      : config.receiptPrinterPath
        ? createEscposReceiptPrinter({
            path: config.receiptPrinterPath,
            pollIntervalMs: config.devicePollMs,
            commandTimeoutMs: 1_000,
            columns: 42,
            logger: log.child('receiptPrinter'),
          })
        : null;
  const cardPrinter =
    deps.cardPrinter !== undefined
      ? deps.cardPrinter
      : config.cardPrinterPath
        ? createCardPrinter({
            path: config.cardPrinterPath,
            pollIntervalMs: config.devicePollMs,
            logger: log.child('cardPrinter'),
          })
        : null;
  const cashDevices = createCashDevices(config, log);
  const identity = createIdentityServices(
    config,
    log,
    () => session?.getSnapshot().context.sessionId ?? null,
    deps.identity,
  );
  const managed: ManagedDevice[] = [
    ...(printer ? [printer] : []),
    ...(cardPrinter ? [cardPrinter] : []),
    ...identity.devices,
    ...[cashDevices.validator, cashDevices.coins, cashDevices.hopper].filter((d) => d !== null),
  ];
  const devices = createDeviceRegistry(managed);

  let db: SqliteDatabase | null = null;
  let journal: JournalStore | null = null;
  let snapshots: SnapshotStore | null = null;
  let backend: BackendLink | null = null;
  let sync: SyncClient | null = null;
  let ledger: CashLedger | null = null;
  let stopFeedingLedger: () => void = () => undefined;
  let stopWatchingCardPrinter: () => void = () => undefined;
  let session: SessionActor | null = null;
  let revision = 0;
  let menu: MenuItem[] = menuFor([], false);
  let serviceKey = '';
  let started = false;
  const viewListeners = new Set<(view: KioskView) => void>();

  const deposit = createDepositActors({
    validator: cashDevices.validator,
    coins: cashDevices.coins,
    printer,
    ledger: () => {
      if (!ledger) throw new Error('kiosk runtime: cash ledger used before start');
      return ledger;
    },
    journal: requireJournal,
    lookupAccount: (accountNumber) =>
      backend ? backend.lookupAccount(accountNumber) : Promise.resolve({ status: 'offline' as const }),
    language: () => session?.getSnapshot().context.language ?? 'es',
    accountLast4: () => {
      const flow = session?.getSnapshot().children.flow?.getSnapshot() as
        | SnapshotFrom<typeof cashDepositMachine>
        | undefined;
      return flow?.context.accountLast4 ?? null;
    },
    onActivity: () => session?.send({ type: 'ACTIVITY' }),
    onRecorded: () => sync?.nudge(),
    bankName: config.bankName,
    kioskId: config.kioskId,
    log: log.child('deposit'),
  });
  // Card numbers and track data live here only, in memory, for the minutes of one card's making.
  const cardVault = createCardDataVault();
  let cardRecovery: CardRecovery | null = null;
  const cardIssuing = createCardIssuingActors({
    printer: cardPrinter,
    receiptPrinter: printer,
    journal: requireJournal,
    lookupCardOrder: (orderCode) =>
      backend ? backend.lookupCardOrder(orderCode) : Promise.resolve({ status: 'offline' as const }),
    lookupCardOrderByDocument: async (captureId) => {
      const request = identity.lookupRequest(captureId);
      // The document is gone (its 15 minutes are over): nothing to look up by.
      if (!request) return { status: 'notFound' as const };
      return backend ? backend.lookupCardOrderByDocument(request) : { status: 'offline' as const };
    },
    issueCard: (request, signal) =>
      backend ? backend.issueCard(request, signal) : Promise.resolve({ status: 'offline' as const }),
    vault: cardVault,
    language: () => session?.getSnapshot().context.language ?? 'es',
    onActivity: () => session?.send({ type: 'ACTIVITY' }),
    onRecorded: () => sync?.nudge(),
    onPrinterIdle: () => cardRecovery?.nudge(),
    bankName: config.bankName,
    kioskId: config.kioskId,
    log: log.child('card'),
    takeTimeoutMs: config.cardTakeTimeoutMs,
  });
  const teller = createTellerServices({
    socket: () => backend?.socket ?? null,
    identity,
    openCall: (topic) => session?.send({ type: 'TELLER_NEEDED', topic }),
    log: log.child('teller'),
  });
  const machine = sessionMachine.provide({
    actors: {
      printSessionReceipt: fromPromise(({ input, signal }) =>
        printSessionReceipt(
          printer,
          requireJournal(),
          input,
          { bankName: config.bankName, kioskId: config.kioskId },
          signal,
          log,
        ),
      ),
      // A flow closes itself (the deposit records what it counted) before the session cancels.
      cancelFlow: fromPromise(async ({ input }) => {
        log.info('session timed out', { flow: input.flow });
      }),
      cashDeposit: cashDepositMachine.provide({ actors: deposit.actors }),
      cardIssuing: cardIssuingMachine.provide({
        actors: {
          ...cardIssuing.actors,
          identifyCustomer: identity.machine,
          tellerApproval: teller.tellerApproval,
        },
      }),
      videoTeller: teller.machine,
    },
  });
  // The order code always; the app's QR code and the ID document where the kiosk has the scanner.
  const cardSettings: CardIssuingInput | undefined = cardPrinter
    ? {
        methods: { orderCode: true, ...identity.methods },
        maxAttempts: config.cardMaxAttempts,
        takeTimeoutMs: config.cardTakeTimeoutMs,
        maxCodeAttempts: 3,
      }
    : undefined;
  const depositSettings =
    cashDevices.validator || cashDevices.coins
      ? {
          currency: config.currency,
          offlineLimit: config.offlineDepositLimit,
          noteTypes: cashDevices.validator?.denominations() ?? [],
          coinTypes: cashDevices.coins?.denominations() ?? [],
        }
      : undefined;
  const timing = {
    inactivityMs: config.inactivityMs,
    timeoutPromptMs: config.timeoutPromptMs,
    goodbyeMs: config.goodbyeMs,
  };

  function requireJournal(): JournalStore {
    if (!journal) throw new Error('kiosk runtime: journal used before start');
    return journal;
  }

  const backendOnline = () => backend?.state().online ?? false;
  let view: KioskView = {
    revision: 0,
    screen: 'starting',
    language: null,
    sessionId: null,
    menu,
    flow: null,
    timeoutPrompt: null,
    outOfService: null,
    goodbye: null,
    backendOnline: false,
    deposit: null,
    card: null,
    call: null,
  };

  /** The document on the identify step's confirmation screen, as the last view showed it. */
  let documentShown: string | null = null;
  const publish = () => {
    if (!session) return;
    const snapshot = session.getSnapshot();
    const flow = (snapshot.children as Record<string, AnyActorRef | undefined>).flow?.getSnapshot();
    const callDocument = snapshot.context.sessionId ? teller.documentOnScreen(snapshot) : null;
    const onScreen = callDocument ?? (flow && snapshot.context.sessionId ? cardDocumentOnScreen(flow) : null);
    // A reading the customer turned down ("scan again", "back") is of no use to anyone: gone now.
    // One confirmed is kept: the identify step ends with it, and the flow looks its order up by it
    // (or the call sends it to the teller, and drops it then).
    if (
      documentShown !== null &&
      documentShown !== onScreen &&
      !documentKept(flow, documentShown) &&
      !teller.documentBeingShared(snapshot, documentShown)
    ) {
      identity.dropCapture(documentShown);
    }
    documentShown = onScreen;
    const next = teller.withDocument(
      identity.withDocument(
        toKioskView(snapshot, { revision: revision + 1, menu, backendOnline: backendOnline() }),
        onScreen,
      ),
      callDocument,
    );
    teller.noteContext(next);
    const { revision: _a, ...nextBody } = next;
    const { revision: _b, ...currentBody } = view;
    if (JSON.stringify(nextBody) === JSON.stringify(currentBody)) return;
    revision += 1;
    view = next;
    for (const listener of viewListeners) listener(view);
  };

  // One `session.ended` business record per customer session, journaled and synced; no personal data.
  let openSession: { id: string; startedAt: number; ending: SessionEnded['outcome'] } | null = null;
  let lastLanguage: SessionEnded['language'] = null;
  let lastReceipt: SessionEnded['receipt'] = null;
  const track = (snapshot: SnapshotFrom<SessionMachine>) => {
    const { sessionId, startedAt } = snapshot.context;
    if (sessionId && openSession?.id !== sessionId) {
      openSession = { id: sessionId, startedAt: startedAt ?? Date.now(), ending: 'cancelled' };
    }
    if (openSession && snapshot.matches('goodbye')) openSession.ending = 'finished';
    if (openSession && snapshot.matches('cancelling')) openSession.ending = 'timedOut';
    if (sessionId) {
      lastLanguage = snapshot.context.language;
      const receipt = snapshot.context.receipt;
      lastReceipt = receipt === 'printing' ? null : receipt;
    }
    if (openSession && sessionId === null) {
      const record: SessionEnded = {
        sessionId: openSession.id,
        startedAt: new Date(openSession.startedAt).toISOString(),
        endedAt: new Date().toISOString(),
        language: lastLanguage,
        outcome: openSession.ending,
        receipt: lastReceipt,
      };
      journal?.record({ type: 'session.ended', data: record, durability: 'normal', sync: true });
      identity.endOfSession(openSession.id);
      sync?.nudge();
      openSession = null;
    }
  };

  /**
   * A snapshot restored after a restart keeps where the customer was, but takes the settings of the
   * config now (timings, flow settings): a changed config applies at once, not at the next version
   * of the machine. A flow already running keeps the settings it started with.
   */
  const withCurrentSettings = (snapshot: unknown): unknown => {
    const persisted = snapshot as { context?: Record<string, unknown> };
    if (!persisted.context) return snapshot;
    return {
      ...persisted,
      context: {
        ...persisted.context,
        timing,
        deposit: depositSettings ?? null,
        card: cardSettings ?? null,
        call: config.call,
      },
    };
  };

  /** The session actor, restored from its last snapshot when that snapshot is of this version. */
  const createSession = (): { actor: SessionActor; restored: boolean } => {
    const saved = snapshots?.load(SESSION_SNAPSHOT) ?? null;
    if (saved && saved.version === SESSION_MACHINE_VERSION && saved.snapshot !== null) {
      try {
        const actor = createActor(machine, {
          input: { timing, deposit: depositSettings, card: cardSettings, call: config.call },
          snapshot: withCurrentSettings(saved.snapshot) as never,
        });
        return { actor, restored: true };
      } catch (error) {
        log.error('session snapshot could not be restored; starting fresh', { error });
      }
    }
    if (saved) {
      // An older machine's snapshot: closed out, never guessed at. No flow holds money or cards yet,
      // so closing out means journaling that the session was dropped and starting at attract.
      requireJournal().record({
        type: 'flow.snapshotDiscarded',
        data: { machine: SESSION_SNAPSHOT, version: saved.version, currentVersion: SESSION_MACHINE_VERSION },
        durability: 'normal',
        sync: false,
      });
      snapshots?.clear(SESSION_SNAPSHOT);
      log.warn('session snapshot from another machine version discarded', { version: saved.version });
    }
    return {
      actor: createActor(machine, {
        input: { timing, deposit: depositSettings, card: cardSettings, call: config.call },
      }),
      restored: false,
    };
  };

  /** Recomputes what the kiosk can offer after a device or the backend changed. */
  const reassess = () => {
    if (!started || !session) return;
    const statuses = devices.statuses();
    const online = backendOnline();
    const nextMenu = menuFor(statuses, online);
    if (JSON.stringify(nextMenu) !== JSON.stringify(menu)) {
      menu = nextMenu;
      session.send({
        type: 'MENU_CHANGED',
        availableFlows: menu.filter((m) => m.available).map((m) => m.flow),
      });
    }
    const service = serviceFor(
      statuses,
      config.requiredDevices,
      backend?.state().service ?? { inService: true, reason: null },
    );
    const key = JSON.stringify(service);
    if (key !== serviceKey) {
      serviceKey = key;
      log.info(service.inService ? 'kiosk in service' : 'kiosk out of service', { reason: service.reason });
      session.send({ type: 'SERVICE_CHANGED', inService: service.inService, reason: service.reason });
    }
    publish();
  };

  devices.onChange((status: DeviceStatus) => {
    log.info('device status', {
      device: status.device,
      state: status.state,
      ready: status.ready,
      reason: status.message,
    });
    journal?.record({
      type: 'device.status',
      data: { device: status.device, state: status.state, ready: status.ready, message: status.message },
      durability: 'normal',
      sync: false,
    });
    backend?.reportDevices([status]);
    reassess();
  });

  return {
    config,
    async start() {
      db = openDatabase(config.databasePath, KIOSK_MIGRATIONS);
      journal = openJournalStore(db);
      snapshots = openSnapshotStore(db);
      // Before the session is restored: what a crash left of read documents is swept first.
      await identity.start(db);
      if (managed.some((d) => d.device !== 'receiptPrinter')) {
        ledger = openCashLedger(db, journal, { currency: config.currency, thresholds: CASH_THRESHOLDS });
        stopFeedingLedger = feedCashLedger({
          validator: cashDevices.validator,
          coins: cashDevices.coins,
          ledger: () => ledger,
          journal: () => journal,
          depositActive: deposit.depositActive,
          log: log.child('cash'),
        });
      }
      await devices.startAll();
      await devices.settled(deps.deviceSettleMs ?? 3_000);
      await recoverInDoubtActions(
        journal,
        { receiptPrinter: printer, billValidator: cashDevices.validator },
        log.child('recovery'),
      );
      if (cardPrinter) {
        cardRecovery = createCardRecovery({
          printer: cardPrinter,
          journal: requireJournal,
          onRecorded: () => sync?.nudge(),
          printerBusy: cardIssuing.active,
          log: log.child('cardRecovery'),
        });
        // Before the session is restored: a restored flow then finds its card's fate journaled.
        await cardRecovery.startUp();
        stopWatchingCardPrinter = cardRecovery.watchPrinter();
      }

      const created = createSession();
      session = created.actor;
      const persistAndPublish = () => {
        snapshots?.save(SESSION_SNAPSHOT, SESSION_MACHINE_VERSION, session?.getPersistedSnapshot());
        publish();
      };
      // A flow runs as the session's child: its steps change the child's snapshot, not the
      // session's, so the child is watched too (persisted with the session, and shown).
      let watchedFlow: AnyActorRef | null = null;
      let flowSubscription: Subscription | null = null;
      let flowSession: string | null = null;
      // The identify step runs as the flow's own child: its screens change its snapshot only.
      const identifyWatch = watchChild('identify', (snapshot) => {
        // A document laid down, read or confirmed is the customer at work, like a touch.
        if (customerActive(snapshot)) session?.send({ type: 'ACTIVITY' });
        persistAndPublish();
      });
      const watchFlow = (snapshot: SnapshotFrom<SessionMachine>) => {
        const flow = (snapshot.children as Record<string, AnyActorRef | undefined>).flow ?? null;
        if (flow === watchedFlow) return;
        if (watchedFlow) {
          // A card flow that ended leaves no card number behind, and hands the printer to recovery.
          cardIssuing.endFlow();
          // Nor any document it read: the flow was the only one to need it.
          if (flowSession) identity.endOfFlow(flowSession);
        }
        flowSubscription?.unsubscribe();
        watchedFlow = flow;
        flowSession = snapshot.context.sessionId;
        identifyWatch.follow(flow);
        flowSubscription = flow
          ? flow.subscribe({
              // A flow that has just ended is not shown: the session moves on from it in the same
              // step (to goodbye), and showing its closed state would flash a stale screen.
              next: (snapshot) => {
                identifyWatch.follow(flow);
                if (snapshot.status !== 'done') persistAndPublish();
              },
              error: () => undefined,
            })
          : null;
      };
      // The video teller call is the session's other child, with its own ID scan step; their
      // steps change their own snapshots, watched the same way.
      const callIdentifyWatch = watchChild('identify', (snapshot) => {
        if (customerActive(snapshot)) session?.send({ type: 'ACTIVITY' });
        persistAndPublish();
      });
      const callWatch = watchChild('call', () => {
        callIdentifyWatch.follow(currentCall());
        persistAndPublish();
      });
      const currentCall = () =>
        (session?.getSnapshot().children as Record<string, AnyActorRef | undefined> | undefined)?.call ??
        null;
      session.subscribe({
        next: (snapshot) => {
          track(snapshot);
          watchFlow(snapshot);
          callWatch.follow(session);
          callIdentifyWatch.follow(currentCall());
          persistAndPublish();
        },
        error: (error) => log.error('session machine stopped on an error', { error }),
      });
      session.start();
      watchFlow(session.getSnapshot());
      callWatch.follow(session);
      if (created.restored) {
        log.info('session restored from its snapshot', { screen: screenOf(session.getSnapshot()) });
        session.send({ type: 'RESUMED' });
      }

      backend = connectBackend({
        url: config.backendUrl,
        kioskId: config.kioskId,
        privateKey: config.kioskPrivateKey,
        softwareVersion: config.softwareVersion,
        heartbeatMs: config.heartbeatMs,
        snapshot: () => ({
          screen: session ? screenOf(session.getSnapshot()) : 'starting',
          devices: devices.statuses(),
          backlog: journal?.backlog() ?? null,
          cash: ledger?.levels() ?? null,
        }),
        logger: log.child('backend'),
      });
      sync = createSyncClient({ socket: backend.socket, store: journal, logger: log.child('sync') });
      backend.onChange(() => reassess());
      started = true;
      reassess();
      publish();
      log.info('kiosk runtime started', { kioskId: config.kioskId });
    },
    async stop() {
      started = false;
      // A card half-way through the printer is given a few seconds to reach a safe point (the
      // exit or the reject bin, journaled); past that, recovery settles it at the next start.
      const deadline = Date.now() + CARD_JOB_STOP_GRACE_MS;
      while (cardIssuing.active() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      sync?.stop();
      session?.stop();
      stopFeedingLedger();
      stopWatchingCardPrinter();
      cardVault.wipeAll();
      backend?.close();
      await devices.stopAll();
      await identity.stop();
      viewListeners.clear();
      db?.close();
      db = null;
      journal = null;
      snapshots = null;
      log.info('kiosk runtime stopped');
    },
    async handleCall(call: BridgeCall): Promise<unknown> {
      switch (call.method) {
        case 'getView':
          return view;
        case 'send': {
          if (!session) return { accepted: false } satisfies SendResult;
          const accepted = session.getSnapshot().can(call.params);
          session.send(call.params);
          return { accepted } satisfies SendResult;
        }
        case 'signal':
          return { accepted: await teller.sendSignal(call.params) } satisfies SendResult;
      }
    },
    getView: () => view,
    onSignal: (listener) => teller.onSignal(listener),
    onView(listener) {
      viewListeners.add(listener);
      return () => viewListeners.delete(listener);
    },
    searchJournal: (query) => journal?.search(query) ?? [],
    syncBacklog: () => journal?.backlog() ?? null,
    cashLevels: () => ledger?.levels() ?? null,
    startCashExchange: (request) => {
      if (!ledger) throw new CashExchangeError(404, 'this kiosk has no cash devices');
      return ledger.startExchange(request.device, request.kind);
    },
    endCashExchange: (request) => {
      if (!ledger) throw new CashExchangeError(404, 'this kiosk has no cash devices');
      const ended = ledger.endExchange(request.exchangeId, request.counted);
      sync?.nudge();
      return ended;
    },
    deviceStatuses: () => (managed.length > 0 ? devices.statuses() : []),
    ...(identity.readMrzForTechnician ? { readMrzForTechnician: identity.readMrzForTechnician } : {}),
    mrzReaderHealth: identity.health,
    technicianOverview: (simulators) => ({
      kioskId: config.kioskId,
      screen: view.screen,
      backendOnline: backendOnline(),
      devices: devices.statuses(),
      simulators,
      backlog: journal?.backlog() ?? null,
    }),
  };
}
