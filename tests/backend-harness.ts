import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import {
  BACKEND_EVENTS,
  type FleetKiosk,
  type Heartbeat,
  type KioskAuth,
  type ServiceMode,
} from '../contracts/backend-protocol.ts';
import type { DeviceStatus } from '../contracts/devices/status.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { type BackendConfig, createBackend, type RunningBackend } from '../backend/server.ts';

/** Shared set-up of the backend tests: a backend on a free port with a temporary database. */

export const OPERATOR_PASSWORD = 'correct horse battery staple';
export const KIOSK = {
  kioskId: 'kiosk-centro',
  name: 'Centro branch',
  secret: 's3cret-of-kiosk-centro-0001',
};
export const DISABLED_KIOSK = {
  kioskId: 'kiosk-retired',
  name: 'Retired',
  secret: 's3cret-of-kiosk-retired-001',
};

export interface TestBackend extends RunningBackend {
  dir: string;
  dbPath: string;
  logLines: string[];
  /** Closes every client the test opened, the backend, and removes the database. */
  stop(): Promise<void>;
  connect(auth: unknown): Promise<Socket>;
  /** Payloads of `backend:service-mode` the socket received, recorded from before it connected. */
  serviceModesOf(socket: Socket): ServiceMode[];
  connectError(auth: unknown): Promise<Error & { data?: { code: string; message: string } }>;
  fleet(): Promise<FleetKiosk[]>;
  fleetKiosk(kioskId?: string): Promise<FleetKiosk>;
}

export async function startTestBackend(overrides: Partial<BackendConfig> = {}): Promise<TestBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'ventanilla-backend-'));
  const dbPath = join(dir, 'backend.sqlite');
  const logger = createMemoryLogger('backend');
  const backend = await createBackend({
    port: 0,
    dbPath,
    operatorPassword: OPERATOR_PASSWORD,
    heartbeatTimeoutMs: 60_000,
    kiosks: [KIOSK, { ...DISABLED_KIOSK, enabled: false }],
    logger,
    ...overrides,
  });
  const clients: Socket[] = [];
  const serviceModes = new Map<Socket, ServiceMode[]>();
  const open = (auth: unknown) => {
    const socket = io(`${backend.url}/kiosk`, {
      auth: auth as Record<string, unknown>,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    clients.push(socket);
    const received: ServiceMode[] = [];
    serviceModes.set(socket, received);
    socket.on(BACKEND_EVENTS.serviceMode, (mode: ServiceMode) => received.push(mode));
    return socket;
  };
  const fleet = async () => {
    const response = await fetch(`${backend.url}/api/fleet`, {
      headers: { authorization: basic(OPERATOR_PASSWORD) },
    });
    if (response.status !== 200) throw new Error(`GET /api/fleet answered ${response.status}`);
    return ((await response.json()) as { kiosks: FleetKiosk[] }).kiosks;
  };
  return {
    ...backend,
    dir,
    dbPath,
    logLines: logger.lines,
    async stop() {
      for (const client of clients) client.disconnect();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
    connect: (auth) =>
      new Promise((resolve, reject) => {
        const socket = open(auth);
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      }),
    connectError: (auth) =>
      new Promise((resolve, reject) => {
        const socket = open(auth);
        socket.once('connect', () => reject(new Error('the backend accepted a connection it should refuse')));
        socket.once('connect_error', (error) =>
          resolve(error as Error & { data?: { code: string; message: string } }),
        );
      }),
    serviceModesOf: (socket) => serviceModes.get(socket) ?? [],
    fleet,
    async fleetKiosk(kioskId = KIOSK.kioskId) {
      const kiosk = (await fleet()).find((k) => k.kioskId === kioskId);
      if (!kiosk) throw new Error(`${kioskId} is not in the fleet`);
      return kiosk;
    },
  };
}

export function kioskAuth(overrides: Partial<KioskAuth> = {}): KioskAuth {
  return { kioskId: KIOSK.kioskId, secret: KIOSK.secret, softwareVersion: '0.1.0', ...overrides };
}

export function basic(password: string, user = 'operator'): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export function printerStatus(overrides: Partial<DeviceStatus> = {}): DeviceStatus {
  return {
    device: 'receiptPrinter',
    state: 'online',
    ready: true,
    detail: { paper: 'ok', cover: 'closed' },
    action: 'none',
    message: null,
    since: '2026-01-05T10:00:00.000Z',
    ...overrides,
  };
}

export function heartbeat(overrides: Partial<Heartbeat> = {}): Heartbeat {
  return {
    sentAt: new Date().toISOString(),
    uptimeSeconds: 42,
    screen: 'attract',
    devices: [printerStatus()],
    ...overrides,
  };
}

/** Resolves once `check` returns true; rejects with `label` after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, label: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${label}`);
}

export function nextEvent<T = unknown>(socket: Socket, event: string, timeoutMs = 2000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (value: T) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
