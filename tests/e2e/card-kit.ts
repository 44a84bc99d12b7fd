import type { Page } from '@playwright/test';
import type { PrintedCard, SimulatorState } from '../../contracts/simulator-control.ts';
import type { Branch } from '../../launcher/branch.ts';
import { expect } from './fixtures.ts';

/**
 * A full card number of the branch's BIN (the backend's default, 990000): the BIN and ten more
 * digits. Masked numbers (`990000******1234`) do not match, nor do the journal's hex hashes.
 */
export const FULL_CARD_NUMBER = /990000\d{10}/;

const basic = (password: string) => `Basic ${Buffer.from(`operator:${password}`).toString('base64')}`;

function cardPrinterUrl(branch: Branch, path: string): URL {
  const simulator = branch.simulators.cardPrinter;
  if (!simulator) throw new Error('the branch has no card printer simulator');
  return new URL(path, simulator.controlUrl);
}

/** Calls the card printer simulator's control API; answers its status and parsed body. */
export async function cardPrinter<T = SimulatorState>(
  branch: Branch,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(cardPrinterUrl(branch, path), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function cardPrinterState(branch: Branch): Promise<SimulatorState> {
  const { status, body } = await cardPrinter(branch, 'GET', '/state');
  expect(status).toBe(200);
  return body;
}

/** A counter or supply level of the card printer simulator, as a number. */
export async function cardPrinterCount(
  branch: Branch,
  name: 'picked' | 'ejected' | 'rejected' | 'feederCards' | 'rejectBinCards',
): Promise<number> {
  return Number((await cardPrinterState(branch)).supplies[name]);
}

export async function lastPrintedCard(branch: Branch): Promise<PrintedCard> {
  const { status, body } = await cardPrinter<PrintedCard>(branch, 'GET', '/cards/last');
  expect(status).toBe(200);
  return body;
}

/** The customer's hand at the card exit. */
export async function takeCard(branch: Branch): Promise<void> {
  const { status } = await cardPrinter(branch, 'POST', '/take');
  expect(status).toBe(200);
}

/**
 * Opens a card order on an account, as the bank's app would; answers the code to type.
 * `tellerApproval`: the bank wants a teller to approve the card before the kiosk makes it.
 */
export async function newCardOrder(
  branch: Branch,
  accountNumber: string,
  options: { tellerApproval?: boolean } = {},
): Promise<string> {
  const response = await fetch(new URL('/api/card-orders', branch.backendUrl), {
    method: 'POST',
    headers: {
      authorization: basic(branch.credentials.operatorPassword),
      'content-type': 'application/json',
    },
    body: JSON.stringify({ accountNumber, ...options }),
  });
  expect(response.status).toBe(201);
  const { orderCode } = (await response.json()) as { orderCode: string };
  expect(orderCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  return orderCode;
}

/** `GET /api/fleet` as operations read it. */
export async function fleet(branch: Branch): Promise<{
  cards: {
    counts: Record<'pending' | 'issued' | 'spoiled' | 'voided', number>;
    recent: Array<{ cardId: string; panMasked: string; status: string; spoilReason: string | null }>;
  };
}> {
  const response = await fetch(new URL('/api/fleet', branch.backendUrl), {
    headers: { authorization: basic(branch.credentials.operatorPassword) },
  });
  expect(response.status).toBe(200);
  return response.json();
}

export interface JournalEntry {
  seq: number;
  at: string;
  type: string;
  data: Record<string, unknown>;
}

/** The kiosk's journal as the technician API serves it, newest first (signs in with the PIN). */
export async function journal(branch: Branch, type?: string): Promise<JournalEntry[]> {
  const login = await fetch(new URL('/api/technician/session', branch.technicianUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pin: branch.credentials.technicianPin }),
  });
  expect(login.status).toBe(204);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const query = new URLSearchParams({ limit: '200', ...(type ? { type } : {}) });
  const response = await fetch(new URL(`/api/technician/journal?${query}`, branch.technicianUrl), {
    headers: { cookie },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entries: JournalEntry[] }).entries;
}

/**
 * Every card taken from the feeder ends as exactly one `card.issued` or `card.spoiled` record, in
 * the kiosk's journal and, once synced, at the bank: the printer's lifetime pick counter equals
 * both sums.
 */
export async function expectEveryPickedCardAccountedFor(branch: Branch): Promise<void> {
  await expect
    .poll(
      async () => {
        const picked = await cardPrinterCount(branch, 'picked');
        const issued = (await journal(branch, 'card.issued')).length;
        const spoiled = (await journal(branch, 'card.spoiled')).length;
        const { counts } = (await fleet(branch)).cards;
        const balanced = issued + spoiled === picked && counts.issued + counts.spoiled === picked;
        return balanced ? 'balanced' : JSON.stringify({ picked, issued, spoiled, bank: counts });
      },
      { timeout: 10_000 },
    )
    .toBe('balanced');
}

/** One moment of the kiosk screen: the session screen, the card step, its phase and message. */
export interface KioskFrame {
  screen: string;
  step: string | null;
  phase: string | null;
  /** Each shown phase's `data-state`, in order: `picking:done,encoding:current,…`. */
  phases: string | null;
  message: string | null;
  /** What covers the screen: "Do you need more time?", or the lost-connection notice. */
  overlay: 'timeoutPrompt' | 'disconnected' | null;
}

/**
 * Watches what the kiosk shows, across reloads: every distinct screen / card step / phase the
 * DOM went through, and any full card number in the DOM or in a message over the bridge.
 */
export async function watchKiosk(page: Page) {
  const frames: KioskFrame[] = [];
  const leaks: string[] = [];
  await page.exposeFunction('ventanillaTestFrame', (frame: KioskFrame) => frames.push(frame));
  await page.exposeFunction('ventanillaTestLeak', (where: string) => leaks.push(where));
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      if (FULL_CARD_NUMBER.test(String(payload))) leaks.push(`bridge: ${String(payload).slice(0, 200)}`);
    });
    socket.on('framesent', ({ payload }) => {
      if (FULL_CARD_NUMBER.test(String(payload))) leaks.push(`bridge out: ${String(payload).slice(0, 200)}`);
    });
  });
  const install = (pattern: string) => {
    const w = window as unknown as {
      ventanillaTestWatching?: boolean;
      ventanillaTestFrame: (frame: unknown) => void;
      ventanillaTestLeak: (where: string) => void;
    };
    if (w.ventanillaTestWatching) return;
    w.ventanillaTestWatching = true;
    const fullNumber = new RegExp(pattern);
    let last = '';
    const look = () => {
      const card = document.querySelector('[data-card-step]');
      const stepper = document.querySelector('.card-stepper');
      const frame = {
        screen: document.querySelector('[data-screen]')?.getAttribute('data-screen') ?? 'none',
        step: card?.getAttribute('data-card-step') ?? null,
        phase: stepper?.getAttribute('data-phase') ?? null,
        phases: stepper
          ? [...stepper.querySelectorAll('[data-phase]')]
              .map((li) => `${li.getAttribute('data-phase')}:${li.getAttribute('data-state')}`)
              .join(',')
          : null,
        message: document.querySelector('[data-testid="card-message"]')?.getAttribute('data-message') ?? null,
        overlay: document.querySelector('.overlay--disconnected')
          ? ('disconnected' as const)
          : document.querySelector('.overlay')
            ? ('timeoutPrompt' as const)
            : null,
      };
      const key = JSON.stringify(frame);
      if (key !== last) {
        last = key;
        w.ventanillaTestFrame(frame);
      }
      const html = document.documentElement.outerHTML;
      const leak = fullNumber.exec(html);
      if (leak)
        w.ventanillaTestLeak(`kiosk DOM: …${html.slice(Math.max(0, leak.index - 80), leak.index + 20)}`);
    };
    new MutationObserver(look).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    look();
  };
  await page.addInitScript(install, FULL_CARD_NUMBER.source);
  await page.evaluate(install, FULL_CARD_NUMBER.source);
  return {
    frames,
    leaks,
    /** The card steps shown, each once in a row. */
    steps: () => frames.map((f) => f.step).filter((step, i, all) => step !== null && step !== all[i - 1]),
    /** The production phases shown, each once in a row. */
    phases: () =>
      frames.map((f) => f.phase).filter((phase, i, all) => phase !== null && phase !== all[i - 1]),
  };
}

/** Attract → language → menu → "Get a debit card" → "Type my order code". */
export async function startCardFlow(kiosk: Page): Promise<void> {
  await kiosk.getByRole('button', { name: /Touch to start/ }).click();
  await kiosk.getByRole('button', { name: 'English' }).click();
  await kiosk.getByRole('button', { name: 'Get a debit card' }).click();
  await expect(kiosk.getByTestId('card-step-chooseMethod')).toBeVisible();
  await kiosk.getByTestId('card-method-orderCode').click();
  await expect(kiosk.getByTestId('card-step-enterCode')).toBeVisible();
}

/** Types the code on the on-screen keypad and continues to the order's confirmation. */
export async function enterOrderCode(kiosk: Page, code: string): Promise<void> {
  for (const char of code) await kiosk.getByTestId(`card-key-${char}`).click();
  await expect(kiosk.getByTestId('card-code')).toHaveText(`${code.slice(0, 4)}-${code.slice(4)}`);
  await kiosk.getByTestId('card-code-continue').click();
}

/** Waits until the kiosk is back on attract with no customer (the last session closed). */
export async function kioskIdle(branch: Branch, timeout = 20_000): Promise<void> {
  await expect
    .poll(
      async () =>
        ((await (await fetch(new URL('/healthz', branch.kioskUrl))).json()) as { screen: string }).screen,
      { timeout },
    )
    .toBe('attract');
}

/** Calls a scanner simulator's control API (place a document, scan a code), expecting success. */
export async function deviceControl(
  branch: Branch,
  device: 'idScanner' | 'qrScanner',
  method: string,
  path: string,
  body?: unknown,
) {
  const simulator = branch.simulators[device];
  if (!simulator) throw new Error(`the branch has no ${device} simulator`);
  const response = await fetch(new URL(path, simulator.controlUrl), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  expect(response.status, `${device} ${method} ${path}`).toBe(200);
}
