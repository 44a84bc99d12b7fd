import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy } from '../../platform/content-security-policy.ts';
import { sendJson } from '../../platform/http.ts';
import type { Logger } from '../../platform/log.ts';
import type { KioskRuntime } from '../runtime/index.ts';
import { BRIDGE_PATH, createBridgeSocket } from './bridge-socket.ts';
import { createSimulatorProxy } from './simulator-proxy.ts';
import { createStaticFiles } from './static-files.ts';
import { createTechnicianApi } from './technician-api.ts';
import { createTechnicianAuth } from './technician-auth.ts';

export interface HostServerOptions {
  runtime: KioskRuntime;
  /** Folder of the built renderer (dist/renderer). */
  staticDir: string;
  port: number;
  logger: Logger;
}

export interface HostServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The browser host: serves the renderer apps on 127.0.0.1, the kiosk bridge over a WebSocket and
 * the technician API. Loopback only — a kiosk's UI never listens on the branch network.
 */
export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const { runtime, logger } = options;
  const staticFiles = createStaticFiles(options.staticDir);
  const bridge = createBridgeSocket(runtime, logger.child('bridge'));
  const technician = createTechnicianApi({
    runtime,
    auth: createTechnicianAuth({ pin: runtime.config.technicianPin }),
    simulators: createSimulatorProxy(runtime.config.simulators),
    logger: logger.child('technician'),
  });
  const csp = contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:*', 'ws://localhost:*'] });

  const server: Server = createServer((req, res) => {
    res.setHeader('content-security-policy', csp);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    const pathname = new URL(req.url ?? '/', 'http://host').pathname;
    if (pathname === '/') {
      res.writeHead(302, { location: '/kiosk/' }).end();
      return;
    }
    if (pathname === '/healthz') {
      // Loopback only, and nothing sensitive: lets the launcher and tests wait for a settled kiosk.
      const view = runtime.getView();
      sendJson(res, 200, {
        ok: true,
        screen: view.screen,
        backendOnline: view.backendOnline,
        devices: runtime.deviceStatuses().map((d) => ({ device: d.device, state: d.state, ready: d.ready })),
      });
      return;
    }
    if (technician.matches(pathname)) {
      void technician.handle(req, res, pathname);
      return;
    }
    staticFiles(req, res, pathname).then(
      (served) => {
        if (!served) sendJson(res, 404, { error: 'not found' });
      },
      (error) => {
        logger.error('static file failed', { error });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      },
    );
  });
  server.on('upgrade', (req, socket, head) => {
    const pathname = new URL(req.url ?? '/', 'http://host').pathname;
    if (pathname === BRIDGE_PATH) bridge.handleUpgrade(req, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        bridge.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
