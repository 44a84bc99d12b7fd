import type { DeviceId } from '../../../contracts/devices/status.ts';
import type { MrzReaderHealth, MrzReadResult } from '../../../contracts/identity.ts';
import type {
  PrintedCard,
  PrintedReceipt,
  SpecimenDocumentInfo,
} from '../../../contracts/simulator-control.ts';
import type { TechnicianOverview } from '../../../contracts/technician.ts';

/**
 * The kiosk host's technician API (contracts/technician.ts), from the page it served: same
 * origin, so the session cookie travels by itself.
 */
const BASE = '/api/technician';

/** The session cookie is missing or expired: the panel must ask for the PIN again. */
export class UnauthorizedError extends Error {
  constructor() {
    super('technician session required');
  }
}

/** Any other non-success status. */
export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`technician API answered ${status}`);
  }
}

export type LoginResult = 'ok' | 'wrongPin' | 'lockedOut';

export async function login(pin: string): Promise<LoginResult> {
  const response = await fetch(`${BASE}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pin }),
  });
  if (response.status === 204 || response.ok) return 'ok';
  if (response.status === 401) return 'wrongPin';
  if (response.status === 429) return 'lockedOut';
  throw new ApiError(response.status);
}

export async function logout(): Promise<void> {
  await fetch(`${BASE}/session`, { method: 'DELETE' });
}

async function request(path: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(`${BASE}${path}`, { cache: 'no-store', ...init });
  if (response.status === 401) throw new UnauthorizedError();
  return response;
}

async function expectOk(response: Response): Promise<void> {
  if (!response.ok) throw new ApiError(response.status);
}

export async function fetchOverview(): Promise<TechnicianOverview> {
  const response = await request('/overview');
  await expectOk(response);
  return (await response.json()) as TechnicianOverview;
}

/** Puts a note or coin of `value` (minor units) into a cash simulator, as a customer would. */
export async function insertCash(device: DeviceId, value: number): Promise<void> {
  await expectOk(
    await request(`/simulators/${device}/insert`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value }),
    }),
  );
}

export async function injectFault(device: DeviceId, fault: string): Promise<void> {
  await expectOk(
    await request(`/simulators/${device}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fault }),
    }),
  );
}

export async function clearFault(device: DeviceId, fault: string): Promise<void> {
  await expectOk(
    await request(`/simulators/${device}/faults/${encodeURIComponent(fault)}`, { method: 'DELETE' }),
  );
}

export async function replenish(device: DeviceId): Promise<void> {
  await expectOk(await request(`/simulators/${device}/replenish`, { method: 'POST' }));
}

/** The receipt printer simulator's last receipt; null before the first one (404). */
export async function fetchLastReceipt(): Promise<PrintedReceipt | null> {
  const response = await request('/simulators/receiptPrinter/receipts/last');
  if (response.status === 404) return null;
  await expectOk(response);
  return (await response.json()) as PrintedReceipt;
}

/** Versioned by receipt id so the browser fetches the image again only for a new receipt. */
export function lastReceiptImageUrl(receiptId: number): string {
  return `${BASE}/simulators/receiptPrinter/receipts/last.png?v=${receiptId}`;
}

/** The card printer simulator's last card (masked tracks); null before the first one (404). */
export async function fetchLastCard(): Promise<PrintedCard | null> {
  const response = await request('/simulators/cardPrinter/cards/last');
  if (response.status === 404) return null;
  await expectOk(response);
  return (await response.json()) as PrintedCard;
}

/**
 * The front of the last card as printed. `version` changes whenever the panel wants the image
 * again: the same card id can show a blank card first and the printed one later.
 */
export function lastCardImageUrl(version: string): string {
  return `${BASE}/simulators/cardPrinter/cards/last.png?v=${encodeURIComponent(version)}`;
}

/** The customer takes the card waiting at the exit (simulation); 409 when there is none. */
export async function takeCard(): Promise<void> {
  await expectOk(await request('/simulators/cardPrinter/take', { method: 'POST' }));
}

/** The MRZ reader's worker state; null on a kiosk without a reader (404). */
export async function fetchOcrHealth(): Promise<MrzReaderHealth | null> {
  const response = await request('/ocr');
  if (response.status === 404) return null;
  await expectOk(response);
  return (await response.json()) as MrzReaderHealth;
}

/** The documents the ID scanner simulator can be given: specimens and non-documents. */
export async function fetchSpecimenDocuments(): Promise<SpecimenDocumentInfo[]> {
  const response = await request('/simulators/idScanner/documents');
  await expectOk(response);
  return (await response.json()) as SpecimenDocumentInfo[];
}

/** The image the ID scanner simulator would send for a document (ids carry no `/` or `.`). */
export function specimenImageUrl(documentId: string): string {
  return `${BASE}/simulators/idScanner/documents/${documentId}.png`;
}

const postJson = async (path: string, body: unknown) =>
  request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Lays a document on the simulated scanner's glass, as a customer would. */
export async function placeDocument(documentId: string): Promise<void> {
  await expectOk(await postJson('/simulators/idScanner/place', { documentId }));
}

/** Takes the document off the simulated scanner. */
export async function removeDocument(): Promise<void> {
  await expectOk(await request('/simulators/idScanner/remove', { method: 'POST' }));
}

/** Runs a specimen's image through the kiosk's MRZ reader (not through a customer's flow). */
export async function testReadDocument(documentId: string): Promise<MrzReadResult> {
  const response = await postJson('/ocr/test', { documentId });
  await expectOk(response);
  return (await response.json()) as MrzReadResult;
}

/** Shows a code with this text to the simulated QR scanner. */
export async function scanCode(text: string): Promise<void> {
  await expectOk(await postJson('/simulators/qrScanner/scan', { text }));
}

/**
 * One electronic journal entry as the host answers it (main/runtime/journal/types.ts). Spelled
 * out here because the renderer may not import from the runtime.
 */
export interface JournalEntryView {
  seq: number;
  at: string;
  type: string;
  data: unknown;
  prevHash: string;
  hash: string;
}

export interface JournalFilter {
  type?: string;
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
}

/** The host refused the filter (400): e.g. "from" after "to". */
export class InvalidFilterError extends Error {
  constructor() {
    super('journal filter refused');
  }
}

/** The journal, newest first; `before` pages to entries older than that sequence. */
export async function fetchJournal(
  filter: JournalFilter,
  page: { limit: number; before?: number },
): Promise<JournalEntryView[]> {
  const params = new URLSearchParams({ limit: String(page.limit) });
  if (filter.type) params.set('type', filter.type);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (page.before !== undefined) params.set('before', String(page.before));
  const response = await request(`/journal?${params}`);
  if (response.status === 400) throw new InvalidFilterError();
  await expectOk(response);
  return ((await response.json()) as { entries: JournalEntryView[] }).entries;
}
