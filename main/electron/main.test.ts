import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';

/**
 * Runs main.ts against a stand-in for the `electron` module (the real binary cannot run here) and
 * a stand-in runtime, to check the wiring: what is registered before ready, what the window gets,
 * and that calls, views and quitting flow through the policies.
 */
type Fn = Mock<(...args: unknown[]) => unknown>;
type FakeApp = EventEmitter & {
  isPackaged: boolean;
  requestSingleInstanceLock: Fn;
  enableSandbox: Fn;
  whenReady: Fn;
  exit: Fn;
  quit: Fn;
};
type FakeRuntime = { start: Fn; stop: Fn; handleCall: Fn; getView: Fn; onView: Fn; onSignal: Fn };
type FakeMocks = {
  registerSchemesAsPrivileged: Fn;
  setApplicationMenu: Fn;
  setPermissionRequestHandler: Fn;
  setPermissionCheckHandler: Fn;
  setDevicePermissionHandler: Fn;
  createKioskRuntime: Fn;
};
type FakeWebContents = EventEmitter & {
  mainFrame: { url: string; parent: null };
  send: Fn;
  reload: Fn;
  closeDevTools: Fn;
  isDestroyed: Fn;
  setWindowOpenHandler: Fn;
};
type FakeWindow = EventEmitter & {
  options: { webPreferences: Record<string, unknown> };
  webContents: FakeWebContents;
  loadURL: Fn;
  focus: Fn;
};

const fake = vi.hoisted(() => ({
  state: {
    lock: true,
    app: null as unknown as FakeApp,
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
    windows: [] as FakeWindow[],
    runtime: null as unknown as FakeRuntime,
    viewListeners: new Set<(view: unknown) => void>(),
    mocks: {} as FakeMocks,
  },
}));

/** A fresh stand-in for each start of main.ts. */
function fn(implementation: (...args: never[]) => unknown = () => undefined): Fn {
  return vi.fn(implementation as (...args: unknown[]) => unknown);
}

function resetFakes(): void {
  const { state } = fake;
  const app: FakeApp = Object.assign(new EventEmitter(), {
    isPackaged: true,
    requestSingleInstanceLock: fn(() => state.lock),
    enableSandbox: fn(),
    whenReady: fn(() => Promise.resolve()),
    exit: fn(),
    quit: fn(() => {
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      app.emit('before-quit', event);
      if (!event.defaultPrevented) app.emit('quit-done');
    }),
  });
  state.app = app;
  state.protocolHandlers.clear();
  state.ipcHandlers.clear();
  state.windows.length = 0;
  state.viewListeners.clear();
  state.runtime = {
    start: fn(async () => {}),
    stop: fn(async () => {}),
    handleCall: fn(async () => ({ accepted: true })),
    getView: fn(),
    onView: fn((listener: (view: unknown) => void) => {
      state.viewListeners.add(listener);
      return () => state.viewListeners.delete(listener);
    }),
    onSignal: fn(() => () => {}),
  };
  state.mocks = {
    registerSchemesAsPrivileged: fn(),
    setApplicationMenu: fn(),
    setPermissionRequestHandler: fn(),
    setPermissionCheckHandler: fn(),
    setDevicePermissionHandler: fn(),
    createKioskRuntime: fn(() => state.runtime),
  };
}

vi.mock('electron', async () => {
  // Factories run before this file's imports are bound, so the emitter is imported here.
  const { EventEmitter } = await import('node:events');
  const { state } = fake;
  class BrowserWindow extends EventEmitter {
    readonly options: unknown;
    readonly webContents: FakeWebContents;
    readonly loadURL = fn(async () => {});
    readonly show = fn();
    readonly focus = fn();
    readonly restore = fn();
    readonly isMinimized = fn(() => false);
    readonly isDestroyed = fn(() => false);
    constructor(options: unknown) {
      super();
      this.options = options;
      const mainFrame = { url: 'app://kiosk/kiosk/index.html', parent: null };
      this.webContents = Object.assign(new EventEmitter(), {
        mainFrame,
        send: fn(),
        reload: fn(),
        closeDevTools: fn(),
        isDestroyed: fn(() => false),
        setWindowOpenHandler: fn(),
      });
      state.windows.push(this as unknown as FakeWindow);
      state.app.emit('web-contents-created', {}, this.webContents);
    }
  }
  return {
    app: new Proxy({}, { get: (_target, key) => Reflect.get(state.app, key) }),
    BrowserWindow,
    Menu: { setApplicationMenu: (...args: unknown[]) => state.mocks.setApplicationMenu(...args) },
    protocol: {
      registerSchemesAsPrivileged: (...args: unknown[]) => state.mocks.registerSchemesAsPrivileged(...args),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        state.protocolHandlers.set(scheme, handler),
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) =>
        state.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (...args: unknown[]) => state.mocks.setPermissionRequestHandler(...args),
        setPermissionCheckHandler: (...args: unknown[]) => state.mocks.setPermissionCheckHandler(...args),
        setDevicePermissionHandler: (...args: unknown[]) => state.mocks.setDevicePermissionHandler(...args),
      },
    },
  };
});

const technicianServer = vi.hoisted(() => ({
  start: vi.fn(async () => ({ url: 'http://127.0.0.1:5170', port: 5170, close: async () => undefined })),
}));
vi.mock('../host/host-server.ts', () => ({ startHostServer: technicianServer.start }));

vi.mock('../runtime/index.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../runtime/index.ts')>()),
  createKioskRuntime: (config: unknown) => fake.state.mocks.createKioskRuntime(config),
}));

const config = {
  kioskId: 'kiosk-042',
  kioskPrivateKey:
    '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n',
  backendUrl: 'http://127.0.0.1:4000',
  databasePath: '/tmp/kiosk-042.sqlite',
  receiptPrinterPath: null,
  billValidatorPath: null,
  coinAcceptorPath: null,
  coinHopperPath: null,
  cardPrinterPath: null,
  idScanner: null,
  qrScanner: null,
  appCodePublicKey: null,
  ocrProcessEntry: null,
  ocrTimeoutMs: 5_000,
  scanTimeoutMs: 60_000,
  cardMaxAttempts: 2,
  cardTakeTimeoutMs: 30_000,
  currency: 'EUR',
  offlineDepositLimit: 50_000,
  requiredDevices: [],
  inactivityMs: 60_000,
  timeoutPromptMs: 20_000,
  goodbyeMs: 5_000,
  call: { queueTimeoutMs: 120_000, reconnectMs: 15_000, endedMs: 6_000, requestTimeoutMs: 8_000 },
  heartbeatMs: 10_000,
  devicePollMs: 1_000,
  technicianPin: '1234',
  simulators: [],
  bankName: 'Banco Ejemplo',
  softwareVersion: '0.1.0',
};

const dir = mkdtempSync(join(tmpdir(), 'ventanilla-electron-main-'));
const configPath = join(dir, 'kiosk.json');
writeFileSync(configPath, JSON.stringify(config));
const signalListeners = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  // main.ts installs signal handlers that quit the app; they must not outlive these tests.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
    }
  }
  vi.unstubAllEnvs();
});

/** Imports main.ts afresh; `configFile` null leaves VENTANILLA_KIOSK_CONFIG empty. */
async function startMain(configFile: string | null = configPath) {
  resetFakes();
  vi.resetModules();
  vi.stubEnv('VENTANILLA_KIOSK_CONFIG', configFile ?? '');
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  await import('./main.ts');
  await vi.waitFor(() => {
    if (fake.state.app.exit.mock.calls.length === 0 && fake.state.app.quit.mock.calls.length === 0) {
      expect(stdout.mock.calls.some(([line]) => String(line).startsWith('VENTANILLA_READY '))).toBe(true);
    }
  });
  const ready = stdout.mock.calls
    .map(([line]) => String(line))
    .find((line) => line.startsWith('VENTANILLA_READY '));
  stdout.mockRestore();
  return { ready };
}

describe('main.ts wiring', () => {
  // The shell logs refusals to stderr; keep them out of the test output.
  beforeEach(() => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('hardens Electron before ready, starts the runtime and loads the kiosk page', async () => {
    const { ready } = await startMain();
    const { state } = fake;
    expect(state.app.enableSandbox).toHaveBeenCalled();
    expect(state.mocks.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(state.mocks.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(state.mocks.setPermissionRequestHandler).toHaveBeenCalled();
    expect(state.mocks.setPermissionCheckHandler).toHaveBeenCalled();
    expect(state.mocks.createKioskRuntime).toHaveBeenCalledWith(config);
    // The technician panel is served on loopback beside the window, for the same runtime.
    expect(technicianServer.start).toHaveBeenCalledWith(expect.objectContaining({ runtime: state.runtime }));
    expect(state.runtime.start).toHaveBeenCalled();
    const window = state.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      devTools: false,
    });
    expect(String(window.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith('app://kiosk/kiosk/index.html');
    expect(ready).toContain('"kioskId":"kiosk-042"');
  });

  it('serves app:// with the CSP and refuses traversal', async () => {
    await startMain();
    const handler = fake.state.protocolHandlers.get('app')!;
    const response = await handler(new Request('app://kiosk/%2e%2e/%2e%2e/%2e%2e/etc/passwd'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('passes kiosk calls to the runtime, refuses others, and forwards views', async () => {
    await startMain();
    const { state } = fake;
    const window = state.windows[0]!;
    const handler = state.ipcHandlers.get('kiosk:call')!;
    const fromKiosk = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    await expect(handler(fromKiosk, { method: 'send', params: { type: 'START' } })).resolves.toEqual({
      accepted: true,
    });
    expect(state.runtime.handleCall).toHaveBeenCalledWith({ method: 'send', params: { type: 'START' } });
    const fromElsewhere = { sender: new EventEmitter(), senderFrame: { url: 'http://evil/', parent: null } };
    await expect(handler(fromElsewhere, { method: 'getView', params: null })).rejects.toThrow(
      /forbidden-sender/,
    );
    await expect(handler(fromKiosk, { method: 'send', params: { type: 'PAY_ME' } })).rejects.toThrow(
      /invalid-params/,
    );
    for (const listener of state.viewListeners) listener({ screen: 'attract' });
    expect(window.webContents.send).toHaveBeenCalledWith('kiosk:view', { screen: 'attract' });
  });

  it('guards the window: navigation, window.open, DevTools, second instance, renderer crash', async () => {
    await startMain();
    const window = fake.state.windows[0]!;
    const navigation = { url: 'http://evil/', preventDefault: vi.fn() };
    window.webContents.emit('will-navigate', navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
    const openHandler = window.webContents.setWindowOpenHandler.mock.calls[0]![0] as (d: {
      url: string;
    }) => unknown;
    expect(openHandler({ url: 'https://evil/' })).toEqual({ action: 'deny' });
    window.webContents.emit('devtools-opened');
    expect(window.webContents.closeDevTools).toHaveBeenCalled();
    fake.state.app.emit('second-instance');
    expect(window.focus).toHaveBeenCalled();
    vi.useFakeTimers();
    try {
      window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      expect(window.webContents.reload).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1_000);
      expect(window.webContents.reload).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops the runtime before quitting', async () => {
    await startMain();
    const { state } = fake;
    const quitDone = vi.fn();
    state.app.on('quit-done', quitDone);
    state.app.quit();
    await vi.waitFor(() => expect(quitDone).toHaveBeenCalled());
    expect(state.runtime.stop).toHaveBeenCalledTimes(1);
    expect(state.ipcHandlers.has('kiosk:call')).toBe(false);
  });

  it('quits at once when another instance holds the lock', async () => {
    fake.state.lock = false;
    try {
      await startMain();
    } finally {
      fake.state.lock = true;
    }
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.state.mocks.createKioskRuntime).not.toHaveBeenCalled();
  });

  it('exits with an error when the config is missing or invalid', async () => {
    await startMain(null);
    expect(fake.state.app.exit).toHaveBeenCalledWith(1);
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ ...config, technicianPin: 'abc' }));
    await startMain(invalid);
    expect(fake.state.app.exit).toHaveBeenCalledWith(1);
    expect(fake.state.windows).toHaveLength(0);
  });
});
