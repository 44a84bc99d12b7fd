import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import {
  BACKEND_EVENTS,
  type FleetKiosk,
  type Heartbeat,
  KIOSK_TOKEN_LIFETIME_MS,
  type KioskAuth,
  kioskTokenPayload,
  type ServiceMode,
} from '../contracts/backend-protocol.ts';
import type { DeviceStatus } from '../contracts/devices/status.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { type BackendConfig, createBackend, type RunningBackend } from '../backend/server.ts';
import type { KioskSeed } from '../backend/store/seed-kiosks.ts';

/** Shared set-up of the backend tests: a backend on a free port with a temporary database. */

export const OPERATOR_PASSWORD = 'correct horse battery staple';

/** A kiosk of the tests with its own Ed25519 key pair; the backend is seeded with the public key. */
export interface TestKiosk {
  kioskId: string;
  name: string;
  /** SPKI PEM. */
  publicKey: string;
  /** PKCS8 PEM; never given to the backend. */
  privateKey: string;
}

export function testKiosk(kioskId: string, name: string): TestKiosk {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { kioskId, name, publicKey, privateKey };
}

/** What the backend is told about a kiosk: never its private key. */
export function seedOf(kiosk: TestKiosk, enabled = true): KioskSeed {
  return { kioskId: kiosk.kioskId, name: kiosk.name, publicKey: kiosk.publicKey, enabled };
}

export const KIOSK = testKiosk('kiosk-centro', 'Centro branch');
export const DISABLED_KIOSK = testKiosk('kiosk-retired', 'Retired');
/** A second enabled kiosk, for tests of several kiosks at once. */
export const SECOND_KIOSK = testKiosk('kiosk-norte', 'Norte branch');

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
  const dbPath = overrides.dbPath ?? join(dir, 'backend.sqlite');
  const logger = createMemoryLogger('backend');
  const backend = await createBackend({
    port: 0,
    dbPath,
    operatorPassword: OPERATOR_PASSWORD,
    heartbeatTimeoutMs: 60_000,
    kiosks: [seedOf(KIOSK), seedOf(DISABLED_KIOSK, false), seedOf(SECOND_KIOSK)],
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

/**
 * A kiosk token signed with `privateKey`, as a kiosk makes one: fresh time, random nonce.
 * `claims` may set the signed fields (e.g. an old `issuedAt`, or a reused nonce).
 */
export function signKioskToken(
  privateKey: string,
  claims: { kioskId: string; issuedAt?: number; nonce?: string; softwareVersion?: string },
): KioskAuth {
  const issuedAt = claims.issuedAt ?? Date.now();
  const nonce = claims.nonce ?? randomBytes(16).toString('base64url');
  const signature = sign(null, Buffer.from(kioskTokenPayload(claims.kioskId, issuedAt, nonce)), privateKey);
  return {
    kioskId: claims.kioskId,
    issuedAt,
    nonce,
    signature: signature.toString('base64url'),
    softwareVersion: claims.softwareVersion ?? '0.1.0',
  };
}

/**
 * A fresh valid token of `kiosk` (KIOSK by default). Overrides of kioskId, issuedAt and nonce are
 * signed; overrides of signature and softwareVersion replace the signed token's fields afterwards.
 * A replayed token is simply the same token passed twice.
 */
export function kioskAuth(overrides: Partial<KioskAuth> = {}, kiosk: TestKiosk = KIOSK): KioskAuth {
  const { signature, softwareVersion, ...claims } = overrides;
  const token = signKioskToken(kiosk.privateKey, { kioskId: kiosk.kioskId, ...claims });
  return {
    ...token,
    ...(signature === undefined ? {} : { signature }),
    ...(softwareVersion === undefined ? {} : { softwareVersion }),
  };
}

/** A token for `kiosk` signed with a key that is not its own. */
export function forgedKioskAuth(kiosk: TestKiosk = KIOSK): KioskAuth {
  return signKioskToken(testKiosk(kiosk.kioskId, 'impostor').privateKey, { kioskId: kiosk.kioskId });
}

/** A correctly signed token of `kiosk` issued `ageMs` ago (just past the lifetime by default). */
export function expiredKioskAuth(
  kiosk: TestKiosk = KIOSK,
  ageMs = KIOSK_TOKEN_LIFETIME_MS + 5_000,
): KioskAuth {
  return signKioskToken(kiosk.privateKey, { kioskId: kiosk.kioskId, issuedAt: Date.now() - ageMs });
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
