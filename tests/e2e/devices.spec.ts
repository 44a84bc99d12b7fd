import type { Page } from '@playwright/test';
import type { Branch } from '../../launcher/branch.ts';
import { expect, simulator, test } from './fixtures.ts';

async function openTechnicianPanel(page: Page, branch: Branch) {
  await page.goto(branch.technicianUrl);
  await page.getByLabel('PIN').fill(branch.credentials.technicianPin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const printer = page.getByRole('region', { name: 'Receipt printer' });
  await expect(printer).toBeVisible();
  return printer;
}

async function openFleetPage(page: Page, branch: Branch) {
  const context = await page
    .context()
    .browser()!
    .newContext({ httpCredentials: { username: 'operator', password: branch.credentials.operatorPassword } });
  const fleet = await context.newPage();
  await fleet.goto(branch.fleetUrl);
  return {
    fleet,
    row: fleet.locator(`tr[data-kiosk-id="${branch.credentials.kioskId}"]`),
    close: () => context.close(),
  };
}

test.describe('receipt printer faults, seen by customer, technician and operations', () => {
  test.afterEach(async ({ branch }) => {
    await simulator(branch, 'DELETE', '/faults');
    await simulator(branch, 'POST', '/replenish');
  });

  test('paper out from the technician panel: panel and fleet show it, goodbye says no receipt', async ({
    kiosk,
    branch,
    browser,
  }) => {
    const panelPage = await browser.newPage();
    const printer = await openTechnicianPanel(panelPage, branch);
    await expect(printer).toHaveAttribute('data-ready', 'true');
    await printer.getByRole('button', { name: 'Inject Paper out' }).click();
    await expect(printer).toHaveAttribute('data-ready', 'false');
    await expect(printer).toContainText('paper');
    await expect(printer).toContainText('out');

    const { row, close } = await openFleetPage(kiosk, branch);
    await expect(row).toContainText('Online');
    await expect(row).toContainText(/receiptPrinter: online — not ready — paper out/);
    await close();

    await kiosk.getByRole('button', { name: /Touch to start/ }).click();
    await kiosk.getByRole('button', { name: 'English' }).click();
    await kiosk.getByRole('button', { name: 'Finish' }).click();
    await expect(kiosk.getByRole('status')).toHaveText(
      'The receipt printer is not available, so there is no receipt this time',
    );

    await printer.getByRole('button', { name: 'Clear Paper out' }).click();
    await expect(printer).toHaveAttribute('data-ready', 'true');
    await panelPage.close();
  });

  test('a pulled cable shows offline in panel and fleet, and recovers when plugged back', async ({
    page,
    branch,
  }) => {
    const printer = await openTechnicianPanel(page, branch);
    await printer.getByRole('button', { name: 'Inject Cable unplugged' }).click();
    await expect(printer).toHaveAttribute('data-state', 'offline');
    const { row, close } = await openFleetPage(page, branch);
    await expect(row).toContainText('receiptPrinter: offline');
    await printer.getByRole('button', { name: 'Clear Cable unplugged' }).click();
    await expect(printer).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
    await expect(row).toContainText('receiptPrinter: online — ready', { timeout: 15_000 });
    await close();
  });

  test('garbage bytes from the printer show a hardware error and clear', async ({ page, branch }) => {
    const printer = await openTechnicianPanel(page, branch);
    await printer.getByRole('button', { name: 'Inject Garbage replies' }).click();
    await expect(printer).toHaveAttribute('data-state', 'hardwareError');
    await printer.getByRole('button', { name: 'Clear Garbage replies' }).click();
    await expect(printer).toHaveAttribute('data-state', 'online');
  });

  test('a printer that stops answering goes offline and comes back', async ({ page, branch }) => {
    const printer = await openTechnicianPanel(page, branch);
    await printer.getByRole('button', { name: 'Inject No reply' }).click();
    await expect(printer).toHaveAttribute('data-state', 'offline');
    await printer.getByRole('button', { name: 'Clear No reply' }).click();
    await expect(printer).toHaveAttribute('data-state', 'online');
  });

  test('a crashed simulator shows the printer offline until it is restarted', async ({ page, branch }) => {
    const printer = await openTechnicianPanel(page, branch);
    const pid = Number(branch.children.get('receipt-printer-simulator')!.ready.pid);
    process.kill(pid, 'SIGKILL');
    await expect(printer).toHaveAttribute('data-state', 'offline');
    // The launcher restarts a crashed simulator on the same PTY links; the driver reopens by itself.
    await expect(printer).toHaveAttribute('data-state', 'online', { timeout: 20_000 });
  });

  test('the last receipt is shown to the technician as an image', async ({ kiosk, page, branch }) => {
    await kiosk.getByRole('button', { name: /Touch to start/ }).click();
    await kiosk.getByRole('button', { name: '中文' }).click();
    await kiosk.getByRole('button', { name: '结束' }).click();
    await expect(kiosk.getByRole('status')).toHaveAttribute('data-receipt', 'printed');
    const printer = await openTechnicianPanel(page, branch);
    const image = printer.getByRole('img', { name: 'Last receipt' });
    await expect(image).toBeVisible();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalHeight))
      .toBeGreaterThan(100);
    await expect(printer).toContainText('感谢您的光临');
  });
});
