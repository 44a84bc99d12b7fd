import { expect, test } from './fixtures.ts';

test.describe('offline and back', () => {
  // Whatever happens in the test, the shared branch gets its backend back.
  test.afterEach(async ({ branch }) => {
    await branch.startBackend();
  });

  test('the backend goes away: the kiosk serves offline, queues its records, and drains them when it returns', async ({
    kiosk,
    branch,
    browser,
  }) => {
    const context = await browser.newContext({
      httpCredentials: { username: 'operator', password: branch.credentials.operatorPassword },
    });
    const fleet = await context.newPage();
    await fleet.goto(branch.fleetUrl);
    const row = fleet.locator(`tr[data-kiosk-id="${branch.credentials.kioskId}"]`);
    await expect(row).toContainText('Online');
    await expect(row).toContainText('nothing pending');
    const fleetJson = async () =>
      (await (await fleet.request.get(`${branch.backendUrl}/api/fleet`)).json()) as {
        kiosks: Array<{ kioskId: string; sync: { highWaterMark: number } }>;
      };
    const markBefore = (await fleetJson()).kiosks[0]!.sync.highWaterMark;

    const panel = await context.newPage();
    await panel.goto(branch.technicianUrl);
    await panel.getByLabel('PIN').fill(branch.credentials.technicianPin);
    await panel.getByRole('button', { name: 'Sign in' }).click();
    const backlog = panel.locator('dd[data-backlog-pending]');
    await expect(backlog).toContainText('All synced');

    await branch.stopBackend();
    await kiosk.getByRole('button', { name: /Touch to start/ }).click();
    await kiosk.getByRole('button', { name: 'English' }).click();
    // Said plainly on the menu; the session itself works offline.
    await expect(kiosk.getByRole('status')).toContainText('Working offline');
    await kiosk.getByRole('button', { name: 'Finish' }).click();
    await expect(kiosk.getByRole('status')).toHaveText('Please take your receipt');
    await expect(kiosk.locator('[data-screen]')).toHaveAttribute('data-screen', 'attract', {
      timeout: 10_000,
    });

    // The session record waits in the kiosk's outbox, as the technician sees.
    await expect(backlog).toContainText(/\d+ waiting, oldest \d+ s/);

    await branch.startBackend();
    await fleet.reload();
    await expect(row).toContainText('Online', { timeout: 15_000 });
    await expect(row).toContainText('nothing pending', { timeout: 15_000 });
    await expect
      .poll(async () => (await fleetJson()).kiosks[0]!.sync.highWaterMark, { timeout: 15_000 })
      .toBeGreaterThan(markBefore);
    await expect(backlog).toContainText('All synced', { timeout: 15_000 });
    await context.close();
  });
});
