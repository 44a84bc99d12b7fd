import { createActor, fromPromise, type SnapshotFrom } from 'xstate';
import type {
  BridgeCall,
  DeviceStatus,
  KioskView,
  MenuItem,
  ReceiptPrinter,
  SendResult,
} from '../../contracts/index.ts';
import { createEscposReceiptPrinter } from '../../device-drivers/receipt-printer/escpos-receipt-printer.ts';
import { createLogger, type Logger } from '../../platform/log.ts';
import { type SessionMachine, sessionMachine } from '../../state-machines/session/session-machine.ts';
import { screenOf, toKioskView } from '../../state-machines/session/session-view.ts';
import { type BackendLink, connectBackend } from './backend/backend-link.ts';
import { createDeviceRegistry, type ManagedDevice } from './devices/device-registry.ts';
import { printSessionReceipt } from './session/receipt-printing.ts';
import { menuFor, serviceFor } from './session/service-policy.ts';
import { type KioskStore, openKioskStore, type SessionOutcome } from './store/kiosk-store.ts';
import type { KioskRuntime, RuntimeConfig } from './types.ts';

/** Test seams: a runtime built with other parts than the configured ones. */
export interface RuntimeDependencies {
  logger?: Logger;
  receiptPrinter?: ReceiptPrinter | null;
  /** Longest start-up waits for devices to report before deciding whether to serve. */
  deviceSettleMs?: number;
}

/**
 * Composition root of the kiosk: the local store, device drivers, the backend link and the session
 * machine, wired together. Runs under plain Node; Electron and the browser host only carry its
 * bridge to a renderer.
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
  const managed: ManagedDevice[] = printer ? [printer] : [];
  const devices = createDeviceRegistry(managed);

  let store: KioskStore | null = null;
  let backend: BackendLink | null = null;
  let revision = 0;
  let menu: MenuItem[] = menuFor([], false);
  let serviceKey = '';
  let started = false;
  const viewListeners = new Set<(view: KioskView) => void>();

  const machine = sessionMachine.provide({
    actors: {
      printSessionReceipt: fromPromise(({ input, signal }) =>
        printSessionReceipt(
          printer,
          input,
          { bankName: config.bankName, kioskId: config.kioskId },
          signal,
          log,
        ),
      ),
      // No transaction flow exists yet, so there is nothing to unwind; flows add their own
      // cancellation (return cash, retain card) here.
      cancelFlow: fromPromise(async ({ input }) => {
        log.info('session timed out', { flow: input.flow });
      }),
    },
  });
  const session = createActor(machine, {
    input: {
      timing: {
        inactivityMs: config.inactivityMs,
        timeoutPromptMs: config.timeoutPromptMs,
        goodbyeMs: config.goodbyeMs,
      },
    },
  });

  const backendOnline = () => backend?.state().online ?? false;
  let view: KioskView = toKioskView(session.getSnapshot(), { revision, menu, backendOnline: false });

  const publish = () => {
    const next = toKioskView(session.getSnapshot(), {
      revision: revision + 1,
      menu,
      backendOnline: backendOnline(),
    });
    const { revision: _a, ...nextBody } = next;
    const { revision: _b, ...currentBody } = view;
    if (JSON.stringify(nextBody) === JSON.stringify(currentBody)) return;
    revision += 1;
    view = next;
    for (const listener of viewListeners) listener(view);
  };

  // Session bookkeeping: one row per customer session, without personal data.
  let openSession: { id: string; ending: SessionOutcome } | null = null;
  const track = (snapshot: SnapshotFrom<SessionMachine>) => {
    const { sessionId } = snapshot.context;
    if (sessionId && openSession?.id !== sessionId) {
      openSession = { id: sessionId, ending: 'cancelled' };
      store?.sessionStarted(sessionId, new Date(snapshot.context.startedAt ?? Date.now()));
    }
    if (openSession && snapshot.matches('goodbye')) openSession.ending = 'finished';
    if (openSession && snapshot.matches('cancelling')) openSession.ending = 'timedOut';
    if (openSession && sessionId === null) {
      store?.sessionEnded(openSession.id, openSession.ending, {
        language: lastLanguage,
        receipt: lastReceipt,
      });
      openSession = null;
    }
    if (sessionId) {
      lastLanguage = snapshot.context.language;
      lastReceipt = snapshot.context.receipt;
    }
  };
  let lastLanguage: KioskView['language'] = null;
  let lastReceipt: SnapshotFrom<SessionMachine>['context']['receipt'] = null;

  session.subscribe({
    next: (snapshot) => {
      track(snapshot);
      publish();
    },
    error: (error) => log.error('session machine stopped on an error', { error }),
  });

  /** Recomputes what the kiosk can offer after a device or the backend changed. */
  const reassess = () => {
    if (!started) return;
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
    store?.deviceChanged(status);
    backend?.reportDevices([status]);
    reassess();
  });

  return {
    config,
    async start() {
      store = openKioskStore(config.databasePath);
      session.start();
      backend = connectBackend({
        url: config.backendUrl,
        kioskId: config.kioskId,
        privateKey: config.kioskPrivateKey,
        softwareVersion: config.softwareVersion,
        heartbeatMs: config.heartbeatMs,
        snapshot: () => ({ screen: screenOf(session.getSnapshot()), devices: devices.statuses() }),
        logger: log.child('backend'),
      });
      backend.onChange(() => reassess());
      await devices.startAll();
      await devices.settled(deps.deviceSettleMs ?? 3_000);
      started = true;
      reassess();
      log.info('kiosk runtime started', { kioskId: config.kioskId });
    },
    async stop() {
      started = false;
      session.stop();
      backend?.close();
      await devices.stopAll();
      viewListeners.clear();
      store?.close();
      store = null;
      log.info('kiosk runtime stopped');
    },
    async handleCall(call: BridgeCall): Promise<unknown> {
      switch (call.method) {
        case 'getView':
          return view;
        case 'send': {
          const accepted = session.getSnapshot().can(call.params);
          session.send(call.params);
          return { accepted } satisfies SendResult;
        }
      }
    },
    getView: () => view,
    onView(listener) {
      viewListeners.add(listener);
      return () => viewListeners.delete(listener);
    },
    searchJournal: () => [],
    syncBacklog: () => null,
    deviceStatuses: () => (managed.length > 0 ? devices.statuses() : []),
    technicianOverview: (simulators) => ({
      kioskId: config.kioskId,
      screen: view.screen,
      backendOnline: backendOnline(),
      devices: devices.statuses(),
      simulators,
    }),
  };
}
