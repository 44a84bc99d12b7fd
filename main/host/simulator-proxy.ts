import { type SimulatorState, SimulatorState as SimulatorStateSchema } from '../../contracts/index.ts';
import type { SimulatorEndpoint } from '../runtime/index.ts';

/**
 * A specimen document's id (`passport-esp`, `passport-esp:noise+blur`): no dot, slash or percent,
 * so it cannot leave `/documents/` or end in anything but its own `.png`.
 */
export const SPECIMEN_ID = /^[A-Za-z0-9][A-Za-z0-9:_,+-]{0,63}$/;
const SPECIMEN_IMAGE_PATH = /^\/documents\/[A-Za-z0-9][A-Za-z0-9:_,+-]{0,63}\.png$/;

/** The simulator control routes the technician panel may reach; anything else is refused. */
const ALLOWED_ROUTES: Array<{ method: string; path: RegExp }> = [
  { method: 'GET', path: /^\/state$/ },
  { method: 'POST', path: /^\/faults$/ },
  { method: 'DELETE', path: /^\/faults(\/[A-Za-z]{1,40})?$/ },
  { method: 'POST', path: /^\/replenish$/ },
  { method: 'POST', path: /^\/insert$/ },
  { method: 'GET', path: /^\/receipts\/last(\.png)?$/ },
  // Card printer: the last card as encoded (masked tracks) and as printed, and the customer
  // taking the card at the exit, which the panel plays in simulation.
  { method: 'GET', path: /^\/cards\/last(\.png)?$/ },
  { method: 'POST', path: /^\/take$/ },
  // ID scanner: the specimen documents, one's image, and the customer laying one on the glass or
  // taking it away; QR scanner: a code shown to it. Specimens are fictional people.
  { method: 'GET', path: /^\/documents$/ },
  { method: 'GET', path: SPECIMEN_IMAGE_PATH },
  { method: 'POST', path: /^\/place$/ },
  { method: 'POST', path: /^\/remove$/ },
  { method: 'POST', path: /^\/scan$/ },
];

export interface ProxiedResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

const CONTROL_TIMEOUT_MS = 2_000;

export function createSimulatorProxy(simulators: readonly SimulatorEndpoint[]) {
  const byDevice = new Map(simulators.map((s) => [s.device as string, s.controlUrl]));
  return {
    isAllowed(method: string, path: string): boolean {
      return ALLOWED_ROUTES.some((r) => r.method === method && r.path.test(path));
    },
    async forward(
      device: string,
      method: string,
      path: string,
      body: unknown,
    ): Promise<ProxiedResponse | null> {
      const base = byDevice.get(device);
      if (!base) return null;
      const response = await fetch(new URL(path, base), {
        method,
        headers: body === null ? {} : { 'content-type': 'application/json' },
        body: body === null ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
      });
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? 'application/octet-stream',
        body: Buffer.from(await response.arrayBuffer()),
      };
    },
    /** Every simulator's state; one that does not answer is reported unplugged and unreachable. */
    async states(): Promise<SimulatorState[]> {
      return Promise.all(
        simulators.map(async (s) => {
          try {
            const response = await fetch(new URL('/state', s.controlUrl), {
              signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
            });
            return SimulatorStateSchema.parse(await response.json());
          } catch {
            return { device: s.device, faults: [], supplies: { controlReachable: false }, plugged: false };
          }
        }),
      );
    },
  };
}

export type SimulatorProxy = ReturnType<typeof createSimulatorProxy>;
