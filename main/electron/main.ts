/**
 * The Electron main process of a kiosk: hosts the kiosk runtime (the same one the browser host runs
 * under plain Node) and shows the kiosk UI in one hardened, full-screen window. Every decision lives
 * in a small module beside this file; this file only wires them to Electron.
 *
 * Bundled by scripts/build-electron.mjs to dist/electron/main.mjs, next to preload.cjs, with the
 * renderer in dist/renderer.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, protocol, session } from 'electron';
import { contentSecurityPolicy } from '../../platform/content-security-policy.ts';
import { createLogger } from '../../platform/log.ts';
import { announceReady } from '../../platform/ready-line.ts';
import { startHostServer } from '../host/host-server.ts';
import { createKioskRuntime, type KioskRuntime, type RuntimeConfig } from '../runtime/index.ts';
import { APP_SCHEME, KIOSK_PAGE_URL } from './app-origin.ts';
import { serveAppRequest } from './app-protocol.ts';
import { serveBridgeOverIpc } from './ipc-bridge.ts';
import { readRuntimeConfigFile } from './runtime-config.ts';
import { hardenSession } from './session-hardening.ts';
import { guardWebContents, keepDevToolsClosed } from './web-contents-guards.ts';
import { kioskWindowOptions } from './window-options.ts';

const log = createLogger('electron');

/** A packaged kiosk: DevTools off and kept closed. */
const production = app.isPackaged;
const PRELOAD_PATH = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const RENDERER_ROOT = fileURLToPath(new URL('../renderer/', import.meta.url));
/** The runtime closes its journal and ports on stop; a stuck device must not keep the kiosk from quitting. */
const STOP_TIMEOUT_MS = 10_000;
const RENDERER_RELOAD_DELAY_MS = 1_000;

/**
 * The technician panel is served by the browser host's HTTP server on loopback, next to the
 * kiosk window, on VENTANILLA_TECHNICIAN_PORT (0 = any free port).
 */
async function startTechnicianServer(
  runtime: KioskRuntime,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = await startHostServer({
    runtime,
    staticDir: RENDERER_ROOT,
    port: Number(process.env.VENTANILLA_TECHNICIAN_PORT ?? 0),
    logger: log.child('host'),
  });
  return { url: server.url, stop: () => server.close() };
}

function main(): void {
  // One kiosk UI per machine: a second launch (a technician double-clicking, a restarted service)
  // brings the running window forward instead of opening devices a second time.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let config: RuntimeConfig;
  try {
    config = readRuntimeConfigFile(process.env.VENTANILLA_KIOSK_CONFIG);
  } catch (error) {
    log.error('cannot start the kiosk', { error });
    app.exit(1);
    return;
  }

  // Everything below this line and before `whenReady` must run before Electron is ready.
  // Every renderer sandboxed, whatever its webPreferences say.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard + secure: a real origin with web storage and secure-context APIs (getUserMedia);
      // stream: media elements may play files from the app. No CSP bypass, no CORS, no service workers.
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    },
  ]);
  // Hardware acceleration stays on: the video-teller call decodes and renders video.

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log.child('navigation')));

  let window: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  const stoppers: Array<() => Promise<void> | void> = [];
  installShutdown(stoppers);

  app
    .whenReady()
    .then(async () => {
      const csp = contentSecurityPolicy({ connectSrc: [] });
      protocol.handle(APP_SCHEME, (request) =>
        serveAppRequest(request, { root: RENDERER_ROOT, contentSecurityPolicy: csp, readFile }),
      );
      hardenSession(session.defaultSession, log.child('permissions'));
      Menu.setApplicationMenu(null);

      const runtime = createKioskRuntime(config);
      stoppers.push(() => runtime.stop());
      await runtime.start();

      const technician = await startTechnicianServer(runtime);
      stoppers.push(technician.stop);

      window = createKioskWindow();
      stoppers.push(serveBridgeOverIpc(ipcMain, runtime, window.webContents, log.child('bridge')));
      window.on('closed', () => {
        window = null;
      });
      await window.loadURL(KIOSK_PAGE_URL);
      announceReady({
        shell: 'electron',
        kioskId: config.kioskId,
        kioskUrl: KIOSK_PAGE_URL,
        technicianUrl: `${technician.url}/technician/`,
        pid: process.pid,
      });
      log.info('kiosk ready', { kioskId: config.kioskId });
    })
    .catch((error: unknown) => {
      log.error('the kiosk failed to start', { error });
      app.exit(1);
    });
}

function createKioskWindow(): BrowserWindow {
  const window = new BrowserWindow(kioskWindowOptions({ preloadPath: PRELOAD_PATH, production }));
  const contents = window.webContents;
  if (production) keepDevToolsClosed(contents);
  window.once('ready-to-show', () => window.show());
  // The runtime holds the session, so a crashed or killed renderer loses nothing: show the UI again,
  // after a pause so a renderer that dies on load does not spin the CPU.
  contents.on('render-process-gone', (_event, details) => {
    log.error('kiosk renderer gone; reloading', { reason: details.reason, exitCode: details.exitCode });
    setTimeout(() => {
      if (!window.isDestroyed()) contents.reload();
    }, RENDERER_RELOAD_DELAY_MS);
  });
  return window;
}

/**
 * Quitting (window closed, SIGTERM from the launcher or systemd, SIGINT) first stops what was
 * started, newest first, so the runtime can close its journal and serial ports cleanly.
 */
function installShutdown(stoppers: Array<() => Promise<void> | void>): void {
  let stopped = false;
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    const stopAll = async () => {
      for (const stop of [...stoppers].reverse()) {
        try {
          await stop();
        } catch (error) {
          log.error('stopping failed', { error });
        }
      }
    };
    const timeout = new Promise<void>((resolve) =>
      setTimeout(() => {
        log.warn('stopping took too long; quitting anyway', { timeoutMs: STOP_TIMEOUT_MS });
        resolve();
      }, STOP_TIMEOUT_MS).unref(),
    );
    void Promise.race([stopAll(), timeout]).finally(() => {
      stopped = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => app.quit());
}

main();
