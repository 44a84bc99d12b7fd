import { transmitRealtimeStatus } from '../codecs/escpos/commands.ts';
import {
  interpretRealtimeStatus,
  isStatusByte,
  type RealtimeStatusReading,
} from '../codecs/escpos/realtime-status.ts';
import type { SerialLink } from '../transport/serial-link.ts';

/**
 * Reads the printer's condition with DLE EOT 1 (printer), 2 (offline cause) and 4 (roll paper
 * sensor), plus 3 (error cause) only when the offline cause reports an error. Each query is its
 * own request with its own timeout; a byte that is not a status byte ends the reading early.
 * Link errors (timeout, closed, aborted) propagate to the caller.
 */
export async function readRealtimeStatus(
  link: SerialLink,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<RealtimeStatusReading> {
  const query = async (n: 1 | 2 | 3 | 4) => {
    const reply = await link.request(transmitRealtimeStatus(n), { responseLength: 1, ...options });
    return reply[0]!;
  };
  const invalid = (bytes: number[]): RealtimeStatusReading => ({
    valid: false,
    reason: 'a status byte fails the fixed-bit check',
    bytes,
  });
  const printer = await query(1);
  if (!isStatusByte(printer)) return invalid([printer]);
  const offlineCause = await query(2);
  if (!isStatusByte(offlineCause)) return invalid([printer, offlineCause]);
  const rollPaperSensor = await query(4);
  if (!isStatusByte(rollPaperSensor)) return invalid([printer, offlineCause, rollPaperSensor]);
  // Offline cause bit 6: an error occurred; DLE EOT 3 says which.
  const errorCause = (offlineCause & 0x40) !== 0 ? await query(3) : undefined;
  return interpretRealtimeStatus({ printer, offlineCause, rollPaperSensor, errorCause });
}
