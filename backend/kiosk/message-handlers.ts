import type { z } from 'zod';
import { type Ack, DeviceStatusReport, Heartbeat } from '../../contracts/backend-protocol.ts';
import type { Logger } from '../../platform/log.ts';
import type { BackendStores } from '../store/backend-stores.ts';

/**
 * What the backend does with each kiosk message once it is valid. Validation, acks and error
 * handling are shared (see `handleKioskMessage`), so each handler only says what to store.
 */
export interface KioskMessageHandler<Schema extends z.ZodType> {
  schema: Schema;
  apply(stores: BackendStores, kioskId: string, message: z.infer<Schema>, now: Date): void;
}

export const heartbeatHandler: KioskMessageHandler<typeof Heartbeat> = {
  schema: Heartbeat,
  apply(stores, kioskId, heartbeat, now) {
    // One transaction, so the fleet page never sees the new screen with the old devices.
    stores.db.transaction(() => {
      stores.presence.recordHeartbeat(kioskId, heartbeat.screen, now);
      stores.syncBacklog.record(kioskId, heartbeat.backlog, now);
      stores.cashLevels.record(kioskId, heartbeat.cash, now);
      // A heartbeat carries every installed device: devices it leaves out are no longer there.
      stores.deviceStatus.replaceAll(kioskId, heartbeat.devices, now);
    })();
  },
};

export const deviceStatusHandler: KioskMessageHandler<typeof DeviceStatusReport> = {
  schema: DeviceStatusReport,
  apply(stores, kioskId, report, now) {
    // A report carries the devices that changed; the others keep their last status.
    stores.deviceStatus.update(kioskId, report.devices, now);
  },
};

/** Longest validation message sent back: enough to find the field, not an echo of the payload. */
const MAX_ERROR_MESSAGE = 300;

/**
 * Validates and applies one message and builds its ack. It never throws: a bad message or a
 * failure of ours becomes an `ok: false` ack, and the connection stays up.
 */
export function handleKioskMessage<Schema extends z.ZodType>(
  handler: KioskMessageHandler<Schema>,
  stores: BackendStores,
  kioskId: string,
  payload: unknown,
  logger: Logger,
  now = new Date(),
): Ack {
  const parsed = handler.schema.safeParse(payload);
  if (!parsed.success) {
    const message = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ')
      .slice(0, MAX_ERROR_MESSAGE);
    return { ok: false, error: { code: 'invalid-message', message } };
  }
  try {
    handler.apply(stores, kioskId, parsed.data, now);
    return { ok: true, serverTime: now.toISOString(), service: stores.serviceMode.get(kioskId) };
  } catch (error) {
    logger.error('kiosk message could not be stored', { kioskId, error: error as Error });
    return { ok: false, error: { code: 'internal', message: 'the backend could not store the message' } };
  }
}
