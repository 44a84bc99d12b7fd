import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Page } from '@playwright/test';
import { type Branch, startBranch } from '../../launcher/branch.ts';

export const KIOSK_TIMING = { inactivityMs: 6_000, timeoutPromptMs: 4_000, goodbyeMs: 2_500 };
/** The video teller call: a short wait in the queue before the callback offer. */
export const KIOSK_CALL_TIMING = {
  queueTimeoutMs: 5_000,
  reconnectMs: 15_000,
  endedMs: 6_000,
  requestTimeoutMs: 8_000,
};

/** A whole branch per worker: backend, device simulators on PTY pairs, kiosk host. */
export const test = base.extend<{ kiosk: Page }, { branch: Branch }>({
  branch: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
    async ({}, use) => {
      const branch = await startBranch({
        rootDir: fileURLToPath(new URL('../..', import.meta.url)),
        dataDir: mkdtempSync(join(tmpdir(), 'ventanilla-e2e-')),
        hostPort: 0,
        backendPort: 0,
        kiosk: { ...KIOSK_TIMING, heartbeatMs: 500, devicePollMs: 200, call: KIOSK_CALL_TIMING },
        // Tens of ms per card, and no simulated customer: a card at the exit waits for `POST /take`.
        cardPrinter: { timing: 'fast', autoTakeMs: 0, byteDelayMs: 0 },
        idScanner: { timing: 'fast' },
        backendHeartbeatTimeoutMs: 3_000,
        waitForDevices: true,
      });
      await use(branch);
      await branch.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  kiosk: async ({ page, branch }, use) => {
    await page.goto(branch.kioskUrl);
    await use(page);
  },
});

export { expect } from '@playwright/test';

/** Calls the simulator's control API directly (as the technician panel would, via the host). */
export async function simulator(branch: Branch, method: string, path: string, body?: unknown) {
  const response = await fetch(new URL(path, branch.receiptPrinter.controlUrl), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok && response.status !== 404)
    throw new Error(`simulator ${method} ${path}: ${response.status}`);
  return response;
}
