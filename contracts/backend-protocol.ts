import { z } from 'zod';
import { DeviceStatus } from './devices/status.ts';
import { Screen } from './session-view.ts';
import { SyncBacklog } from './sync-protocol.ts';

/**
 * The kiosk ↔ O2O backend protocol over socket.io, namespace `/kiosk`.
 * Every inbound message is validated against these schemas on both sides.
 */
export const KIOSK_NAMESPACE = '/kiosk';

export const KioskId = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');
export type KioskId = z.infer<typeof KioskId>;

/**
 * socket.io handshake `auth` of a kiosk: a short-lived token signed with the kiosk's own Ed25519
 * private key. The backend holds only the public key, so its database cannot be used to forge a
 * kiosk. A token is valid for `KIOSK_TOKEN_LIFETIME_MS` around its `issuedAt` and once only (the
 * backend remembers nonces), so a captured token cannot be replayed.
 */
export const KioskAuth = z.object({
  kioskId: KioskId,
  /** Epoch ms at which the kiosk made the token. */
  issuedAt: z.number().int().positive(),
  /** 16 random bytes, base64url. */
  nonce: z.string().min(16).max(64),
  /** Ed25519 signature of `kioskTokenPayload(...)`, base64url. */
  signature: z.string().min(16).max(200),
  softwareVersion: z.string().max(32),
});
export type KioskAuth = z.infer<typeof KioskAuth>;

export const KIOSK_TOKEN_LIFETIME_MS = 60_000;

/** The exact bytes a kiosk signs; both sides build them with this function. */
export function kioskTokenPayload(kioskId: string, issuedAt: number, nonce: string): string {
  return `ventanilla-kiosk-auth-v1\n${kioskId}\n${issuedAt}\n${nonce}`;
}

/** Why the backend refused a connection: the `message` of socket.io's connect_error, and `data.code`. */
export const AuthErrorCode = z.enum([
  'malformed-auth',
  'unknown-kiosk',
  'bad-credential',
  'expired-token',
  'replayed-token',
  'kiosk-disabled',
]);
export type AuthErrorCode = z.infer<typeof AuthErrorCode>;

export const ServiceMode = z.object({
  inService: z.boolean(),
  /** Operator's reason when out of service, shown in the fleet page and the technician panel. */
  reason: z.string().max(200).nullable(),
});
export type ServiceMode = z.infer<typeof ServiceMode>;

/** Cash held by a kiosk, for the fleet page: per location, value (minor units, string key) → count. */
export const CashLevels = z.object({
  currency: z.string().max(8),
  cashbox: z.record(z.string(), z.number().int().nonnegative()),
  hopper: z.record(z.string(), z.number().int().nonnegative()),
  /** Thresholds crossed now, e.g. `cashboxFull`, `hopperLow`, `hopperEmpty`. */
  alerts: z.array(z.string().max(40)).max(10),
});
export type CashLevels = z.infer<typeof CashLevels>;

export const Heartbeat = z.object({
  sentAt: z.string().max(40),
  /** Outbox backlog; absent from kiosks without sync. */
  backlog: SyncBacklog.optional(),
  /** Cash held, per device and denomination; absent from kiosks without cash devices. */
  cash: CashLevels.optional(),
  uptimeSeconds: z.number().nonnegative(),
  screen: Screen,
  devices: z.array(DeviceStatus).max(32),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

export const DeviceStatusReport = z.object({ devices: z.array(DeviceStatus).min(1).max(32) });
export type DeviceStatusReport = z.infer<typeof DeviceStatusReport>;

export const MessageErrorCode = z.enum(['invalid-message', 'internal']);

export const Ack = z.union([
  z.object({ ok: z.literal(true), serverTime: z.string(), service: ServiceMode }),
  z.object({ ok: z.literal(false), error: z.object({ code: MessageErrorCode, message: z.string() }) }),
]);
export type Ack = z.infer<typeof Ack>;

/** Event names; kiosk → backend events are sent with an ack callback receiving an `Ack`. */
export const KIOSK_EVENTS = {
  heartbeat: 'kiosk:heartbeat',
  deviceStatus: 'kiosk:device-status',
} as const;
export const BACKEND_EVENTS = {
  serviceMode: 'backend:service-mode',
} as const;

/** What the fleet page and `GET /api/fleet` show per kiosk. */
export const FleetKiosk = z.object({
  kioskId: KioskId,
  name: z.string(),
  online: z.boolean(),
  lastSeen: z.string().nullable(),
  screen: Screen.nullable(),
  service: ServiceMode,
  devices: z.array(DeviceStatus),
  backlog: SyncBacklog.nullable(),
  cash: CashLevels.nullable(),
  /** Highest sequence applied or rejected by the backend, and how many were rejected. */
  sync: z.object({ highWaterMark: z.number().int().nonnegative(), rejected: z.number().int().nonnegative() }),
});
export type FleetKiosk = z.infer<typeof FleetKiosk>;
