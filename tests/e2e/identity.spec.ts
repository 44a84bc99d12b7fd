import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Branch } from '../../launcher/branch.ts';
import { deviceControl, expectEveryPickedCardAccountedFor, kioskIdle, takeCard } from './card-kit.ts';
import { expect, test } from './fixtures.ts';

/**
 * Identifying the customer at the kiosk, end to end: a passport laid on the simulated scanner is
 * read by the kiosk's OCR and confirmed by the customer, and a QR code from the bank's app is read
 * over the simulated HID scanner and verified offline. The demo person of the passport has an open
 * card order at the bank (launcher/demo-card-orders.json), found by the document.
 */

const PASSPORT = { id: 'passport-esp', surname: 'GARCIA LOPEZ', number: 'PAB123456' };
const basic = (password: string) => `Basic ${Buffer.from(`operator:${password}`).toString('base64')}`;

async function chooseMethod(kiosk: Page, method: 'idScan' | 'qr') {
  await kiosk.getByRole('button', { name: /Touch to start/ }).click();
  await kiosk.getByRole('button', { name: 'English' }).click();
  await kiosk.getByRole('button', { name: 'Get a debit card' }).click();
  await expect(kiosk.getByTestId('card-step-chooseMethod')).toBeVisible();
  await kiosk.getByTestId(`card-method-${method}`).click();
}

/** A card order opened in the bank's app: the signed code its QR carries. */
async function appCodeOfNewOrder(branch: Branch): Promise<string> {
  const response = await fetch(new URL('/api/card-orders', branch.backendUrl), {
    method: 'POST',
    headers: {
      authorization: basic(branch.credentials.operatorPassword),
      'content-type': 'application/json',
    },
    body: JSON.stringify({ accountNumber: '10000000001' }),
  });
  expect(response.status).toBe(201);
  const { appCode } = (await response.json()) as { appCode: string | null };
  expect(appCode).toMatch(/^VQ1\./);
  return appCode as string;
}

/** Every byte of the kiosk's database files (the main file, its WAL and shared memory). */
function kioskDatabaseBytes(branch: Branch): string {
  const dataDir = join(branch.logDir, '..');
  return readdirSync(dataDir)
    .filter((name) => name.startsWith('kiosk.sqlite'))
    .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
    .join('');
}

test.describe('identify the customer', () => {
  test('a passport on the scanner: read, confirmed, its card order found and the card made', async ({
    kiosk,
    branch,
  }) => {
    test.setTimeout(60_000);
    await chooseMethod(kiosk, 'idScan');
    await expect(kiosk.getByTestId('identify-step-placeDocument')).toBeVisible();
    await deviceControl(branch, 'idScanner', 'POST', '/place', { documentId: PASSPORT.id });

    const facts = kiosk.getByTestId('identify-document');
    await expect(kiosk.getByTestId('identify-step-confirmDocument')).toBeVisible({ timeout: 15_000 });
    await expect(facts).toContainText(PASSPORT.surname);
    await expect(facts).toContainText('MARIA JOSE');
    await expect(facts).toContainText(PASSPORT.number);
    await expect(facts).toContainText('March 15, 1985');
    await kiosk.getByTestId('identify-confirm').click();

    // Found by the document at the bank; the data leaves the screen with the step.
    await expect(kiosk.getByTestId('card-step-confirmOrder')).toBeVisible({ timeout: 10_000 });
    await expect(kiosk.getByTestId('card-step-confirmOrder')).toContainText('M**** J*** G***** L****');
    await expect(kiosk.getByText(PASSPORT.number)).toHaveCount(0);
    await kiosk.getByTestId('card-confirm').click();
    await expect(kiosk.getByTestId('card-step-presenting')).toBeVisible({ timeout: 20_000 });
    await takeCard(branch);
    await expect(kiosk.getByTestId('card-step-done')).toBeVisible({ timeout: 10_000 });
    await kioskIdle(branch);
    await expectEveryPickedCardAccountedFor(branch);

    // Nothing of the document is left in the kiosk's database, in any form a file read would show.
    const bytes = kioskDatabaseBytes(branch);
    expect(bytes).not.toContain(PASSPORT.number);
    expect(bytes).not.toContain(PASSPORT.surname);
  });

  test('a page that is not a document is never accepted: the customer is asked to scan again', async ({
    kiosk,
    branch,
  }) => {
    await chooseMethod(kiosk, 'idScan');
    await deviceControl(branch, 'idScanner', 'POST', '/place', { documentId: 'mrz-half-covered' });
    await expect(kiosk.getByTestId('identify-step-rescan')).toBeVisible({ timeout: 15_000 });
    await expect(kiosk.getByTestId('identify-message')).toBeVisible();
    await expect(kiosk.getByTestId('identify-step-confirmDocument')).toHaveCount(0);
    await kiosk.getByTestId('identify-back').click();
    await expect(kiosk.getByTestId('card-step-chooseMethod')).toBeVisible();
  });

  test('a QR code from the app is verified and opens its order; an altered one is refused', async ({
    kiosk,
    branch,
  }) => {
    const appCode = await appCodeOfNewOrder(branch);
    await chooseMethod(kiosk, 'qr');
    await expect(kiosk.getByTestId('identify-step-scanQr')).toBeVisible();

    // One character of the payload changed: the signature no longer matches.
    const at = appCode.indexOf('.') + 5;
    const forged = appCode.slice(0, at) + (appCode[at] === 'A' ? 'B' : 'A') + appCode.slice(at + 1);
    await deviceControl(branch, 'qrScanner', 'POST', '/scan', { text: forged });
    await expect(kiosk.getByTestId('identify-step-rescan')).toBeVisible({ timeout: 10_000 });
    await expect(kiosk.getByTestId('identify-message')).toContainText(/not valid|altered|bank/i);

    await kiosk.getByTestId('identify-rescan').click();
    await expect(kiosk.getByTestId('identify-step-scanQr')).toBeVisible();
    await deviceControl(branch, 'qrScanner', 'POST', '/scan', { text: appCode });
    await expect(kiosk.getByTestId('card-step-confirmOrder')).toBeVisible({ timeout: 10_000 });
    await kiosk.getByTestId('card-cancel').click();
    await kioskIdle(branch);
  });
});

test('the technician panel lays a specimen on the scanner and test-reads it with the kiosk OCR', async ({
  browser,
  branch,
}) => {
  const panel = await browser.newPage({ viewport: { width: 1400, height: 2400 } });
  await panel.goto(branch.technicianUrl);
  await panel.getByLabel('PIN').fill(branch.credentials.technicianPin);
  await panel.getByRole('button', { name: 'Sign in' }).click();
  const scanners = panel.getByTestId('scanners-section');
  await expect(scanners).toBeVisible();
  await expect(scanners).toContainText('Ready');

  await scanners.getByLabel('Document').selectOption('passport-esp');
  await scanners.getByRole('button', { name: 'Test read' }).click();
  const result = scanners.getByTestId('mrz-result');
  await expect(result).toBeVisible({ timeout: 15_000 });
  await expect(result).toHaveAttribute('data-status', 'accepted');
  await expect(result).toContainText('Matches what the specimen expects');
  await expect(scanners.getByTestId('mrz-result-lines')).toContainText('P<ESPGARCIA<LOPEZ<<MARIA<JOSE');

  // A page with no MRZ: rejected, as the specimen expects.
  await scanners.getByLabel('Document').selectOption('blank-page');
  await scanners.getByRole('button', { name: 'Test read' }).click();
  await expect(result).toHaveAttribute('data-status', 'rejected', { timeout: 15_000 });
  await expect(result).toContainText('Matches what the specimen expects');
  await panel.close();
});

test('a pulled ID scanner cable ends the identify step safely, and the customer can choose another way', async ({
  kiosk,
  branch,
}) => {
  const simulator = branch.simulators.idScanner;
  if (!simulator) throw new Error('no ID scanner simulator');
  const fault = (method: string, path: string, body?: unknown) =>
    fetch(new URL(path, simulator.controlUrl), {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : null,
    });
  expect((await fault('POST', '/faults', { fault: 'unplug' })).status).toBe(200);
  try {
    await chooseMethod(kiosk, 'idScan');
    await expect(kiosk.getByTestId('identify-step-failed')).toBeVisible({ timeout: 15_000 });
    // A teller can help from here: the button opens a call (not pressed in this test).
    await expect(kiosk.getByTestId('identify-call-teller')).toBeEnabled();
    await expect(kiosk.getByTestId('identify-call-teller')).not.toHaveAttribute('aria-disabled', 'true');
    await kiosk.getByTestId('identify-back').click();
    await expect(kiosk.getByTestId('card-step-chooseMethod')).toBeVisible();
    await kiosk.getByTestId('card-cancel').click();
  } finally {
    await fault('DELETE', '/faults/unplug');
  }
  await kioskIdle(branch);
});
