import { z } from 'zod';
import { DeviceStatus } from './devices/status.ts';
import { SimulatorState } from './simulator-control.ts';
import { Screen } from './session-view.ts';
import { SyncBacklog } from './sync-protocol.ts';

/**
 * Technician panel API, served by the kiosk host under /api/technician. Every route but
 * `POST /session` needs the session cookie that a correct PIN sets.
 *
 *   POST   /api/technician/session {pin}           → 204 + cookie | 401 | 429 (locked out)
 *   DELETE /api/technician/session                 → 204
 *   GET    /api/technician/overview                → TechnicianOverview
 *   GET    /api/technician/simulators/:device/state, POST …/faults, DELETE …/faults[/:fault],
 *          POST …/replenish, GET …/receipts/last[.png], POST …/insert,
 *          GET …/cards/last[.png], POST …/take,
 *          GET …/documents, GET …/documents/:id.png, POST …/place, POST …/remove,
 *          POST …/scan                                 → proxied to the simulator's control API
 *   GET    /api/technician/ocr                         → MrzReaderHealth | 404 (no MRZ reader)
 *   POST   /api/technician/ocr/test {documentId}       → MrzReadResult of a simulator's specimen
 */
export const TechnicianLogin = z.object({ pin: z.string().min(4).max(32) });

export const TechnicianOverview = z.object({
  kioskId: z.string(),
  screen: Screen,
  backendOnline: z.boolean(),
  devices: z.array(DeviceStatus),
  simulators: z.array(SimulatorState),
  /** Records waiting for the backend; null before the runtime has started. */
  backlog: SyncBacklog.nullable(),
});
export type TechnicianOverview = z.infer<typeof TechnicianOverview>;
