import { z } from 'zod';
import { DeviceStatus } from './devices/status.ts';
import { Screen } from './session-view.ts';

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

/** socket.io handshake `auth` of a kiosk. */
export const KioskAuth = z.object({
  kioskId: KioskId,
  secret: z.string().min(16).max(256),
  softwareVersion: z.string().max(32),
});
export type KioskAuth = z.infer<typeof KioskAuth>;

/** Why the backend refused a connection: the `message` of socket.io's connect_error, and `data.code`. */
export const AuthErrorCode = z.enum(['malformed-auth', 'unknown-kiosk', 'bad-credential', 'kiosk-disabled']);
export type AuthErrorCode = z.infer<typeof AuthErrorCode>;

export const ServiceMode = z.object({
  inService: z.boolean(),
  /** Operator's reason when out of service, shown in the fleet page and the technician panel. */
  reason: z.string().max(200).nullable(),
});
export type ServiceMode = z.infer<typeof ServiceMode>;

export const Heartbeat = z.object({
  sentAt: z.string().max(40),
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
});
export type FleetKiosk = z.infer<typeof FleetKiosk>;
