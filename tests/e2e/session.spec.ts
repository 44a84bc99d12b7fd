import { expect, KIOSK_TIMING, simulator, test } from './fixtures.ts';

test.describe('customer session', () => {
  test('language, menu, finish, printed receipt, back to attract', async ({ kiosk, branch }) => {
    const screen = kiosk.locator('[data-screen]');
    await expect(screen).toHaveAttribute('data-screen', 'attract');
    await kiosk.getByRole('button', { name: /Toque para empezar/ }).click();
    await expect(screen).toHaveAttribute('data-screen', 'language');
    await kiosk.getByRole('button', { name: 'Español' }).click();

    const menu = kiosk.getByRole('main', { name: '¿Qué desea hacer?' });
    await expect(menu).toBeVisible();
    // Flows not built yet are listed, marked unavailable, and say why; none can be entered.
    const withdrawal = menu.getByRole('button', { name: 'Retirar efectivo' });
    await expect(withdrawal).toHaveAttribute('aria-disabled', 'true');
    await expect(withdrawal).toContainText('Aún no disponible');
    await withdrawal.click({ force: true });
    await expect(screen).toHaveAttribute('data-screen', 'menu');

    await menu.getByRole('button', { name: 'Terminar' }).click();
    await expect(kiosk.getByRole('status')).toHaveText('Por favor, retire su comprobante');
    const receipt = await (await simulator(branch, 'GET', '/receipts/last')).json();
    expect(receipt.complete).toBe(true);
    expect(receipt.lines.join('\n')).toContain('Gracias por su visita');
    expect(receipt.lines.join('\n')).toContain(branch.credentials.kioskId);
    const png = await simulator(branch, 'GET', '/receipts/last.png');
    expect(png.headers.get('content-type')).toBe('image/png');

    await expect(screen).toHaveAttribute('data-screen', 'attract', {
      timeout: KIOSK_TIMING.goodbyeMs + 5_000,
    });
  });

  test('inactivity: more time keeps the screen, no answer returns to attract with nothing left', async ({
    kiosk,
  }) => {
    const screen = kiosk.locator('[data-screen]');
    await kiosk.getByRole('button', { name: /Touch to start/ }).click();
    await kiosk.getByRole('button', { name: 'English' }).click();
    await expect(screen).toHaveAttribute('data-screen', 'menu');

    const prompt = kiosk.getByRole('dialog', { name: 'Do you need more time?' });
    await expect(prompt).toBeVisible({ timeout: KIOSK_TIMING.inactivityMs + 5_000 });
    await prompt.getByRole('button', { name: 'Yes, more time' }).click();
    await expect(prompt).toBeHidden();
    await expect(screen).toHaveAttribute('data-screen', 'menu');

    await expect(prompt).toBeVisible({ timeout: KIOSK_TIMING.inactivityMs + 5_000 });
    await expect(screen).toHaveAttribute('data-screen', 'attract', {
      timeout: KIOSK_TIMING.timeoutPromptMs + 5_000,
    });
    await expect(kiosk.getByText('What would you like to do?')).toHaveCount(0);
    const view = await kiosk.evaluate(() => window.kiosk?.getView());
    expect(view).toMatchObject({ screen: 'attract', language: null, sessionId: null, timeoutPrompt: null });
  });

  test('the bank puts the kiosk out of service from the fleet page API, and back', async ({
    kiosk,
    branch,
  }) => {
    const screen = kiosk.locator('[data-screen]');
    await expect(screen).toHaveAttribute('data-screen', 'attract');
    const setService = (inService: boolean) =>
      fetch(`${branch.backendUrl}/api/fleet/kiosks/${branch.credentials.kioskId}/service`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`operator:${branch.credentials.operatorPassword}`).toString('base64')}`,
        },
        body: JSON.stringify({ inService, reason: inService ? null : 'cash replenishment' }),
      });
    expect((await setService(false)).status).toBe(200);
    await expect(screen).toHaveAttribute('data-screen', 'outOfService');
    await expect(kiosk.getByRole('button')).toHaveCount(0);
    expect((await setService(true)).status).toBe(200);
    await expect(screen).toHaveAttribute('data-screen', 'attract');
  });
});
