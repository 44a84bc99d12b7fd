import type { CashExchange } from '../../../contracts/business-records.ts';
import type { CashLevels } from '../../../contracts/backend-protocol.ts';
import { ApiError, UnauthorizedError } from './technician-api.ts';

export { UnauthorizedError };

/**
 * The technician's cash routes (main/host/technician-api.ts, `/api/technician/cash`). The shapes
 * the host answers with are spelled out here because the renderer may not import the runtime.
 */
const BASE = '/api/technician/cash';

export type ExchangeDevice = CashExchange['device'];
export type ExchangeKind = CashExchange['kind'];
export type CashCounts = Record<string, number>;

export interface ExchangeStartedView {
  exchangeId: string;
  device: ExchangeDevice;
  kind: ExchangeKind;
  location: 'cashbox' | 'hopper';
  expected: CashCounts;
  startedAt: string;
}

export interface ExchangeEndedView {
  exchange: CashExchange;
  /** Counted minus expected, minor units. */
  difference: number;
  levels: CashLevels;
}

/** The kiosk refused an exchange step (400, 404): the message says why, for the technician. */
export class ExchangeRefusedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function send(path: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(`${BASE}${path}`, { cache: 'no-store', ...init });
  if (response.status === 401) throw new UnauthorizedError();
  return response;
}

/** Cash held now; null on a kiosk without cash devices (404). */
export async function fetchCashLevels(): Promise<CashLevels | null> {
  const response = await send('');
  if (response.status === 404) return null;
  if (!response.ok) throw new ApiError(response.status);
  return (await response.json()) as CashLevels;
}

async function exchangeStep<T>(step: 'start' | 'end', body: unknown): Promise<T> {
  const response = await send(`/exchange/${step}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 400 || response.status === 404) {
    const { error } = (await response.json().catch(() => ({ error: '' }))) as { error?: string };
    throw new ExchangeRefusedError(response.status, error ?? '');
  }
  if (!response.ok) throw new ApiError(response.status);
  return (await response.json()) as T;
}

export function startExchange(device: ExchangeDevice, kind: ExchangeKind): Promise<ExchangeStartedView> {
  return exchangeStep('start', { device, kind });
}

export function endExchange(exchangeId: string, counted: CashCounts): Promise<ExchangeEndedView> {
  return exchangeStep('end', { exchangeId, counted });
}
