import { z } from 'zod';

/**
 * One status vocabulary for every device, after XFS4IoT's `Common.Status.device`
 * (CEN CWA 17852). Drivers map their protocol's states onto it; the panel, the fleet
 * page and the session machine read only this.
 */
export const DeviceState = z.enum([
  'online',
  'offline',
  'powerOff',
  'noDevice',
  'hardwareError',
  'userError',
  'deviceBusy',
  'fraudAttempt',
  'potentialFraud',
  'starting',
]);
export type DeviceState = z.infer<typeof DeviceState>;

/**
 * What must happen for a device to work again, after XFS4IoT's error-event actions:
 * `clear` staff can fix it (paper, cover), `maintenance` needs an engineer, `reset` a device
 * reset may fix it, `none` nothing is wrong or it recovers by itself.
 */
export const DeviceAction = z.enum(['none', 'clear', 'maintenance', 'reset', 'configuration']);
export type DeviceAction = z.infer<typeof DeviceAction>;

/** Every device class a kiosk may have. A kiosk's config lists the ones installed. */
export const DeviceId = z.enum([
  'receiptPrinter',
  'cardPrinter',
  'idScanner',
  'qrScanner',
  'billValidator',
  'coinAcceptor',
  'coinHopper',
]);
export type DeviceId = z.infer<typeof DeviceId>;

/** Scalar details only: statuses travel to the renderer and the backend and are stored as JSON. */
export const DeviceDetail = z.record(
  z.string().max(64),
  z.union([z.string().max(200), z.number(), z.boolean(), z.null()]),
);
export type DeviceDetail = z.infer<typeof DeviceDetail>;

export const DeviceStatus = z.object({
  device: DeviceId,
  state: DeviceState,
  /** The device can do its job right now (online and nothing in the way, e.g. paper present). */
  ready: z.boolean(),
  /** Device-class specific facts, e.g. a printer's `{ paper: 'nearEnd', cover: 'closed' }`. */
  detail: DeviceDetail,
  action: DeviceAction,
  /** Short technician-facing text in English. Never personal data. */
  message: z.string().max(300).nullable(),
  /** ISO time of the last change of `state`, `ready` or `detail`. */
  since: z.string().max(40),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/** Status of a device before its driver has heard from it. */
export function startingStatus(device: DeviceId, now: Date = new Date()): DeviceStatus {
  return {
    device,
    state: 'starting',
    ready: false,
    detail: {},
    action: 'none',
    message: null,
    since: now.toISOString(),
  };
}
