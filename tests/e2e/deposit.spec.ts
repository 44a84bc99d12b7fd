import type { Branch } from '../../launcher/branch.ts';
import { expect, test } from './fixtures.ts';

/** A customer's hand at a cash simulator: puts a note or coin into the device. */
async function insert(branch: Branch, device: 'billValidator' | 'coinAcceptor', value: number) {
  const response = await fetch(new URL('/insert', branch.simulators[device]!.controlUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ value }),
  });
  expect(response.status).toBe(200);
}

/** The validator takes notes only once the flow has enabled it (master inhibit off). */
async function validatorEnabled(branch: Branch) {
  await expect
    .poll(async () => (await simulatorState(branch, 'billValidator')).supplies.masterEnabled, {
      timeout: 5_000,
    })
    .toBeTruthy();
}

async function simulatorState(branch: Branch, device: 'billValidator' | 'coinAcceptor') {
  return (await (await fetch(new URL('/state', branch.simulators[device]!.controlUrl))).json()) as {
    supplies: Record<string, number>;
  };
}

test.describe('cash deposit', () => {
  test('a customer deposits notes and coins into a confirmed account and gets a receipt', async ({
    kiosk,
    branch,
  }) => {
    const stackedBefore = Number((await simulatorState(branch, 'billValidator')).supplies.stackerNotes ?? 0);
    await kiosk.getByRole('button', { name: /Touch to start/ }).click();
    await kiosk.getByRole('button', { name: 'English' }).click();
    await kiosk.getByRole('button', { name: 'Deposit cash' }).click();

    const step = kiosk.locator('[data-deposit-step]');
    await expect(step).toHaveAttribute('data-deposit-step', 'account');
    for (const digit of '10000000001') await kiosk.getByRole('button', { name: digit, exact: true }).click();
    await kiosk.getByRole('button', { name: 'Continue' }).click();
    await expect(step).toHaveAttribute('data-deposit-step', 'confirmHolder');
    await expect(kiosk.getByText('D*** A** E******')).toBeVisible();
    await kiosk.getByRole('button', { name: 'Yes, it is' }).click();
    await expect(step).toHaveAttribute('data-deposit-step', 'inserting');
    await validatorEnabled(branch);

    await insert(branch, 'billValidator', 2000);
    await expect(step).toHaveAttribute('data-deposit-step', 'escrow');
    await kiosk.getByRole('button', { name: 'Add it' }).click();
    await expect(kiosk.locator('[data-total]')).toHaveAttribute('data-total', '2000');
    await insert(branch, 'coinAcceptor', 200);
    await insert(branch, 'coinAcceptor', 50);
    await expect(kiosk.locator('[data-total]')).toHaveAttribute('data-total', '2250');

    await kiosk.getByRole('button', { name: 'Done' }).click();
    await expect(step).toHaveAttribute('data-deposit-step', 'confirming');
    await kiosk.getByRole('button', { name: /Deposit .*22[.,]50/ }).click();
    await expect(step).toHaveAttribute('data-deposit-step', 'done', { timeout: 15_000 });
    await expect(kiosk.getByText('Please take your receipt.')).toBeVisible();

    const receipt = await (await fetch(new URL('/receipts/last', branch.receiptPrinter.controlUrl))).json();
    expect(receipt.lines.join('\n')).toContain('CASH DEPOSIT');
    // The account appears by its last four digits only.
    expect(receipt.lines.join('\n')).toContain('0001');
    expect(receipt.lines.join('\n')).not.toContain('10000000001');
    expect(receipt.lines.join('\n')).toMatch(/22[.,]50/);
    const stackedAfter = Number((await simulatorState(branch, 'billValidator')).supplies.stackerNotes ?? 0);
    expect(stackedAfter).toBe(stackedBefore + 1);

    // The backend credits it once the record syncs.
    const deposits = async () =>
      (await (
        await fetch(`${branch.backendUrl}/api/fleet/kiosks/${branch.credentials.kioskId}/deposits`, {
          headers: {
            authorization: `Basic ${Buffer.from(`operator:${branch.credentials.operatorPassword}`).toString('base64')}`,
          },
        })
      ).json()) as { deposits: Array<{ total: number }> };
    await expect
      .poll(async () => (await deposits()).deposits.some((d) => d.total === 2250), { timeout: 10_000 })
      .toBe(true);
    await expect(kiosk.locator('[data-screen]')).toHaveAttribute('data-screen', 'goodbye', {
      timeout: 15_000,
    });

    // Operations see the cash the kiosk holds, from its heartbeats.
    const cashboxNotes = async () => {
      const fleet = (await (
        await fetch(`${branch.backendUrl}/api/fleet`, {
          headers: {
            authorization: `Basic ${Buffer.from(`operator:${branch.credentials.operatorPassword}`).toString('base64')}`,
          },
        })
      ).json()) as { kiosks: Array<{ cash: { cashbox: Record<string, number> } | null }> };
      return fleet.kiosks[0]?.cash?.cashbox['2000'] ?? 0;
    };
    await expect.poll(cashboxNotes, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  });

  test('a customer has a note in escrow given back, cancels, and nothing is deposited', async ({
    kiosk,
    branch,
  }) => {
    const stackedBefore = Number((await simulatorState(branch, 'billValidator')).supplies.stackerNotes ?? 0);
    await kiosk.getByRole('button', { name: /Touch to start/ }).click();
    await kiosk.getByRole('button', { name: 'Español' }).click();
    await kiosk.getByRole('button', { name: 'Depositar efectivo' }).click();
    const step = kiosk.locator('[data-deposit-step]');
    for (const digit of '10000000002') await kiosk.getByRole('button', { name: digit, exact: true }).click();
    await kiosk.getByRole('button', { name: 'Continuar' }).click();
    await kiosk.getByRole('button', { name: 'Sí, es mía' }).click();
    await expect(step).toHaveAttribute('data-deposit-step', 'inserting');
    await validatorEnabled(branch);
    await insert(branch, 'billValidator', 5000);
    await expect(step).toHaveAttribute('data-deposit-step', 'escrow');
    await kiosk.getByRole('button', { name: 'Devolvérmelo' }).click();
    await expect(step).toHaveAttribute('data-deposit-step', 'inserting');
    await kiosk.getByRole('button', { name: 'Cancelar' }).click();
    await expect(step).toHaveAttribute('data-deposit-step', 'cancelled', { timeout: 15_000 });
    const state = await simulatorState(branch, 'billValidator');
    expect(Number(state.supplies.stackerNotes ?? 0)).toBe(stackedBefore);
    expect(Number(state.supplies.escrowValue ?? 0)).toBe(0);
  });
});

test('the technician panel puts cash into the simulators, and shows the cash the kiosk holds', async ({
  kiosk,
  branch,
  browser,
}) => {
  await kiosk.getByRole('button', { name: /Touch to start/ }).click();
  await kiosk.getByRole('button', { name: 'English' }).click();
  await kiosk.getByRole('button', { name: 'Deposit cash' }).click();
  for (const digit of '10000000003') await kiosk.getByRole('button', { name: digit, exact: true }).click();
  await kiosk.getByRole('button', { name: 'Continue' }).click();
  await kiosk.getByRole('button', { name: 'Yes, it is' }).click();
  const step = kiosk.locator('[data-deposit-step]');
  await expect(step).toHaveAttribute('data-deposit-step', 'inserting');

  const panel = await browser.newPage({ viewport: { width: 1400, height: 2400 } });
  await panel.goto(branch.technicianUrl);
  await panel.getByLabel('PIN').fill(branch.credentials.technicianPin);
  await panel.getByRole('button', { name: 'Sign in' }).click();
  const coinAcceptor = panel.getByRole('region', { name: 'Coin acceptor' });
  await expect(coinAcceptor).toHaveAttribute('data-state', 'online');
  await coinAcceptor.getByRole('button', { name: 'Insert 2.00 €' }).click();
  await expect(kiosk.locator('[data-total]').first()).toHaveAttribute('data-total', '200');
  await kiosk.getByRole('button', { name: 'Done' }).click();
  await kiosk.getByRole('button', { name: /Deposit .*2[.,]00/ }).click();
  await expect(step).toHaveAttribute('data-deposit-step', 'done', { timeout: 15_000 });
  // The cash section counts the 2 € coin in the cashbox.
  const cash = panel.getByRole('region', { name: 'Cash' });
  await expect(
    cash
      .getByRole('row')
      .filter({ hasText: /2[.,]00/ })
      .first(),
  ).toBeVisible();
  await panel.close();
});
