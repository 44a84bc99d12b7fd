import type { Browser, Page } from '@playwright/test';
import type { PrintedReceipt } from '../../contracts/simulator-control.ts';
import type { Branch } from '../../launcher/branch.ts';
import {
  cardPrinter,
  cardPrinterCount,
  enterOrderCode,
  expectEveryPickedCardAccountedFor,
  fleet,
  FULL_CARD_NUMBER,
  journal,
  kioskIdle,
  lastPrintedCard,
  newCardOrder,
  startCardFlow,
  takeCard,
  watchKiosk,
} from './card-kit.ts';
import { expect, test } from './fixtures.ts';

/** The technician panel, signed in, and its card printer section. */
async function openTechnicianPanel(browser: Browser, branch: Branch) {
  const panel = await browser.newPage({ viewport: { width: 1400, height: 2400 } });
  await panel.goto(branch.technicianUrl);
  await panel.getByLabel('PIN').fill(branch.credentials.technicianPin);
  await panel.getByRole('button', { name: 'Sign in' }).click();
  const printer = panel.getByRole('region', { name: 'Card printer' });
  await expect(printer).toBeVisible();
  return { panel, printer };
}

/** Searches the panel's journal for one entry type; answers the table's rows. */
async function searchJournal(panel: Page, type: string) {
  const journalSection = panel.locator('section[data-view="journal"]');
  await journalSection.getByLabel('Entry type').fill(type);
  await journalSection.getByRole('button', { name: 'Search' }).click();
  return journalSection.locator('tbody tr');
}

/** The fleet page as operations see it (Basic auth). */
async function openFleetPage(browser: Browser, branch: Branch) {
  const context = await browser.newContext({
    httpCredentials: { username: 'operator', password: branch.credentials.operatorPassword },
  });
  const page = await context.newPage();
  await page.goto(branch.fleetUrl);
  return {
    page,
    kioskRow: page.locator(`tr[data-kiosk-id="${branch.credentials.kioskId}"]`),
    cardRows: page.locator('#card-rows tr'),
    close: () => context.close(),
  };
}

/** The last four digits of the card the printer made, read from its masked stripe. */
function last4OfStripe(masked: string): string {
  const match = /990000\*{6}(\d{4})/.exec(masked);
  if (!match?.[1]) throw new Error(`no masked card number on the stripe: ${masked}`);
  return match[1];
}

test.describe('instant card issuing', () => {
  test.afterEach(async ({ branch }) => {
    // Leave the printer as the next test expects it: no fault, full feeder and ribbon, empty bin.
    await cardPrinter(branch, 'DELETE', '/faults');
    await cardPrinter(branch, 'POST', '/replenish');
    await kioskIdle(branch);
  });

  test('a customer collects the card ordered in the app: made on screen, taken, recorded everywhere', async ({
    kiosk,
    branch,
    browser,
  }) => {
    const watch = await watchKiosk(kiosk);
    const code = await newCardOrder(branch, '10000000001');
    const feederBefore = await cardPrinterCount(branch, 'feederCards');
    const pickedBefore = await cardPrinterCount(branch, 'picked');

    await startCardFlow(kiosk);
    await enterOrderCode(kiosk, code);
    await expect(kiosk.getByTestId('card-step-confirmOrder')).toBeVisible();
    await expect(kiosk.locator('[data-holder]')).toHaveText('D*** A** E******');
    await kiosk.getByTestId('card-confirm').click();

    const presenting = kiosk.getByTestId('card-step-presenting');
    await expect(presenting).toBeVisible({ timeout: 15_000 });
    await expect(presenting.getByRole('heading', { level: 1 })).toHaveText('Take your card now');
    await expect(kiosk.getByTestId('card-take-countdown')).toBeVisible();
    // The customer watched the card being made, each phase ticked off before the next began.
    const milestones = ['confirmOrder', 'approving', 'producing', 'presenting'];
    expect(watch.steps().filter((step) => step !== null && milestones.includes(step))).toEqual(milestones);
    expect(watch.phases()).toEqual(['picking', 'encoding', 'printing', 'ejecting']);
    expect(watch.frames.filter((f) => f.phase !== null).map((f) => f.phases)).toEqual([
      'picking:current,encoding:pending,printing:pending,ejecting:pending',
      'picking:done,encoding:current,printing:pending,ejecting:pending',
      'picking:done,encoding:done,printing:current,ejecting:pending',
      'picking:done,encoding:done,printing:done,ejecting:current',
    ]);
    expect((await lastPrintedCard(branch)).location).toBe('atExit');

    await takeCard(branch);
    const done = kiosk.getByTestId('card-step-done');
    await expect(done).toBeVisible({ timeout: 10_000 });
    const card = await lastPrintedCard(branch);
    expect(card.location).toBe('taken');
    expect(card.printed).toBe(true);
    expect(card.tracks.map((t) => [t.track, t.valid])).toEqual([
      [1, true],
      [2, true],
    ]);
    const last4 = last4OfStripe(card.tracks[1]?.masked ?? '');
    const panMasked = `990000******${last4}`;
    await expect(done.locator('.card-issued')).toHaveAttribute('data-last4', last4);
    await expect(done.locator('.card-issued')).toHaveText(
      `Your debit card ending in ${last4} has been issued.`,
    );
    await expect(done.locator('[data-receipt]')).toHaveAttribute('data-receipt', 'printed');
    const receipt = (await (
      await fetch(new URL('/receipts/last', branch.receiptPrinter.controlUrl))
    ).json()) as PrintedReceipt;
    expect(receipt.complete).toBe(true);
    expect(receipt.lines.join('\n')).toContain('DEBIT CARD ISSUED');
    expect(receipt.lines.join('\n')).toContain(`**** ${last4}`);
    await kiosk.getByTestId('card-finish').click();
    await expect(kiosk.locator('[data-screen]')).toHaveAttribute('data-screen', 'goodbye');
    expect(await cardPrinterCount(branch, 'picked')).toBe(pickedBefore + 1);

    // The technician sees one card fewer in the feeder, and the card as it was printed.
    const { panel, printer } = await openTechnicianPanel(browser, branch);
    await expect(printer.locator('[data-supply="feeder"]')).toContainText(`${feederBefore - 1} cards`);
    const image = printer.getByTestId('card-printer-last-image');
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1016);
    await expect(printer.locator('[data-location]')).toHaveAttribute('data-location', 'taken');
    await expect(printer.getByTestId('card-printer-tracks').locator('li[data-valid="true"]')).toHaveCount(2);
    // The journal holds the card, by its masked number only.
    const issuedRows = await searchJournal(panel, 'card.issued');
    await expect(issuedRows.filter({ hasText: panMasked })).toHaveCount(1);
    await expect(issuedRows.filter({ hasText: panMasked })).toContainText('"detectedBy":"flow"');

    // Operations see the card, masked, and the kiosk's card stock.
    const fleetPage = await openFleetPage(browser, branch);
    await expect(fleetPage.cardRows.filter({ hasText: panMasked })).toContainText('issued');
    await expect(fleetPage.kioskRow).toContainText(`Feeder: ${feederBefore - 1} cards`);
    await expect(fleetPage.kioskRow).toContainText('Ribbon:');
    await expect(fleetPage.kioskRow).toContainText('Reject bin: 0 of');

    // Nowhere is the full card number: not on any page, the bridge, the journal or the receipt.
    for (const page of [kiosk, panel, fleetPage.page]) {
      expect(await page.content()).not.toMatch(FULL_CARD_NUMBER);
    }
    expect(watch.leaks).toEqual([]);
    expect(JSON.stringify(await journal(branch))).not.toMatch(FULL_CARD_NUMBER);
    expect(JSON.stringify(receipt)).not.toMatch(FULL_CARD_NUMBER);
    expect(JSON.stringify(card)).not.toMatch(FULL_CARD_NUMBER);
    await expectEveryPickedCardAccountedFor(branch);
    await fleetPage.close();
    await panel.close();
  });

  test('the ribbon ends while printing: the card is destroyed, mail offered, card issuing down until restocked', async ({
    kiosk,
    branch,
  }) => {
    const watch = await watchKiosk(kiosk);
    const code = await newCardOrder(branch, '10000000003');
    const pickedBefore = await cardPrinterCount(branch, 'picked');
    const binBefore = await cardPrinterCount(branch, 'rejectBinCards');
    const ejectedBefore = await cardPrinterCount(branch, 'ejected');
    expect((await cardPrinter(branch, 'POST', '/faults', { fault: 'ribbonEndsMidJob' })).status).toBe(200);

    await startCardFlow(kiosk);
    await enterOrderCode(kiosk, code);
    await expect(kiosk.locator('[data-holder]')).toHaveText('S***** S**** F*******');
    await kiosk.getByTestId('card-confirm').click();

    const failed = kiosk.getByTestId('card-step-failed');
    await expect(failed).toBeVisible({ timeout: 15_000 });
    await expect(failed.getByTestId('card-message')).toHaveAttribute('data-message', 'cardSpoiled');
    await expect(failed.getByRole('alert')).toHaveText(
      'Something went wrong while your card was being made.',
    );
    await expect(failed.locator('[data-card-destroyed="true"]')).toBeVisible();
    // It failed while printing, was taken out of the way, and never reached the slot.
    expect(watch.phases()).toEqual(['picking', 'encoding', 'printing', 'rejecting']);
    expect(watch.steps()).not.toContain('presenting');

    const card = await lastPrintedCard(branch);
    expect(card.location).toBe('rejectBin');
    expect(card.printed).toBe(false);
    expect(await cardPrinterCount(branch, 'rejectBinCards')).toBe(binBefore + 1);
    expect(await cardPrinterCount(branch, 'ejected')).toBe(ejectedBefore);
    const panMasked = `990000******${last4OfStripe(card.tracks[1]?.masked ?? '')}`;
    const spoiled = (await journal(branch, 'card.spoiled')).find(
      (entry) => entry.data.panMasked === panMasked,
    );
    expect(spoiled?.data).toMatchObject({
      reason: 'ribbonEnded',
      disposition: 'rejectBin',
      detectedBy: 'flow',
    });
    await expect
      .poll(async () => (await fleet(branch)).cards.recent.find((c) => c.panMasked === panMasked), {
        timeout: 10_000,
      })
      .toMatchObject({ status: 'spoiled', spoilReason: 'ribbonEnded' });

    // The order is still good: a new card by mail instead.
    await failed.getByTestId('card-request-mail').click();
    const mailed = kiosk.getByTestId('card-step-mailRequested');
    await expect(mailed).toBeVisible();
    await expect(mailed.getByRole('heading', { level: 1 })).toHaveText('Your card will be sent by mail');
    expect(
      (await journal(branch, 'card.mailRequested')).some(
        (entry) => entry.data.orderRef === spoiled?.data.orderRef && entry.data.reason === 'cardFailed',
      ),
    ).toBe(true);
    await kiosk.getByTestId('card-finish').click();
    await expect(kiosk.locator('[data-screen]')).toHaveAttribute('data-screen', 'goodbye');

    // With no ribbon left the next customer finds card issuing down, and why.
    await kiosk.getByRole('button', { name: /Touch to start/ }).click({ timeout: 15_000 });
    await kiosk.getByRole('button', { name: 'English' }).click();
    const cardIssuing = kiosk.locator('.menu-item[data-flow="cardIssuing"]');
    await expect(cardIssuing).toHaveAttribute('data-available', 'false');
    await expect(cardIssuing).toHaveAttribute('aria-disabled', 'true');
    await expect(cardIssuing).toContainText('Temporarily unavailable');
    // A touch on it does nothing (it is announced as disabled, so the touch is forced).
    await cardIssuing.click({ force: true });
    await expect(kiosk.locator('[data-screen]')).toHaveAttribute('data-screen', 'menu');

    // Clearing the fault alone is not enough: the ribbon is still used up.
    await cardPrinter(branch, 'DELETE', '/faults');
    await expect(cardIssuing).toHaveAttribute('data-available', 'false');
    await cardPrinter(branch, 'POST', '/replenish');
    await expect(cardIssuing).toHaveAttribute('data-available', 'true');
    await expect(cardIssuing).not.toContainText('Temporarily unavailable');
    await cardIssuing.click();
    await expect(kiosk.getByTestId('card-step-chooseMethod')).toBeVisible();
    await kiosk.getByTestId('card-cancel').click();
    await kiosk.getByTestId('card-finish').click();

    expect(await cardPrinterCount(branch, 'picked')).toBe(pickedBefore + 1);
    expect(watch.leaks).toEqual([]);
    await expectEveryPickedCardAccountedFor(branch);
  });

  test('a crash with a card in the printer: the card is destroyed on restart, the order can be collected again', async ({
    kiosk,
    branch,
  }) => {
    const watch = await watchKiosk(kiosk);
    const code = await newCardOrder(branch, '10000000002');
    const pickedBefore = await cardPrinterCount(branch, 'picked');
    expect((await cardPrinter(branch, 'POST', '/faults', { fault: 'powerLossBeforeEject' })).status).toBe(
      200,
    );

    await startCardFlow(kiosk);
    await enterOrderCode(kiosk, code);
    await expect(kiosk.locator('[data-holder]')).toHaveText('T*** T**** P*****');
    await kiosk.getByTestId('card-confirm').click();
    // Printed, and the printer went dark with the card inside while it was being ejected.
    await expect(kiosk.getByTestId('card-phase-ejecting')).toHaveAttribute('data-state', 'current', {
      timeout: 15_000,
    });
    const inside = await lastPrintedCard(branch);
    expect(inside).toMatchObject({ location: 'inPrinter', printed: true });
    const framesBeforeCrash = watch.frames.length;

    await branch.crashKiosk();
    // Power is back: the printer answers again, with the card still inside.
    expect((await cardPrinter(branch, 'DELETE', '/faults/powerLossBeforeEject')).status).toBe(200);
    await kiosk.reload();

    const failed = kiosk.getByTestId('card-step-failed');
    await expect(failed).toBeVisible({ timeout: 15_000 });
    await expect(failed.getByTestId('card-message')).toHaveAttribute('data-message', 'interrupted');
    await expect(failed.getByRole('alert')).toHaveText(
      'The card printer stopped while your card was being made.',
    );
    await expect(failed.locator('[data-card-destroyed="true"]')).toContainText(
      'destroyed inside the machine',
    );
    // The printer stopped with the card's fate unknown: no mail offer for it.
    await expect(failed.getByTestId('card-request-mail')).toHaveCount(0);

    // Recovery took the card out of the way, and recorded it once.
    await expect
      .poll(async () => (await lastPrintedCard(branch)).location, { timeout: 15_000 })
      .toBe('rejectBin');
    expect((await lastPrintedCard(branch)).id).toBe(inside.id);
    const spoiledCard = `990000******${last4OfStripe(inside.tracks[1]?.masked ?? '')}`;
    const spoiledRecords = async () =>
      (await journal(branch, 'card.spoiled')).filter((e) => e.data.panMasked === spoiledCard);
    await expect.poll(async () => (await spoiledRecords()).length, { timeout: 10_000 }).toBe(1);
    const [spoiled] = await spoiledRecords();
    expect(spoiled?.data).toMatchObject({ detectedBy: 'recovery', disposition: 'rejectBin' });
    expect(['interrupted', 'printerLost']).toContain(spoiled?.data.reason);
    expect(await cardPrinterCount(branch, 'picked')).toBe(pickedBefore + 1);
    // The bank learns the card was destroyed, so its order is open again.
    await expect
      .poll(async () => (await fleet(branch)).cards.recent.find((c) => c.panMasked === spoiledCard)?.status, {
        timeout: 10_000,
      })
      .toBe('spoiled');
    await kioskIdle(branch);
    // The old page lost the kiosk mid-eject; the restored session went from there straight to
    // the apology (no new session, no other step in between), then closed.
    const afterCrash = watch.frames.slice(framesBeforeCrash);
    expect(afterCrash[0]).toMatchObject({ step: 'producing', phase: 'ejecting', overlay: 'disconnected' });
    const untilApology = afterCrash.slice(
      0,
      afterCrash.findIndex((f) => f.step === 'failed'),
    );
    expect(untilApology.every((f) => ['flow', 'none', 'connecting'].includes(f.screen))).toBe(true);
    expect(new Set(afterCrash.map((f) => f.step))).toEqual(new Set(['producing', null, 'failed']));
    expect(await cardPrinterCount(branch, 'picked')).toBe(pickedBefore + 1);

    // The same code in a new session: a new attempt, journaled as such, and the card is issued.
    await startCardFlow(kiosk);
    await enterOrderCode(kiosk, code);
    await expect(kiosk.getByTestId('card-step-confirmOrder')).toBeVisible();
    await kiosk.getByTestId('card-confirm').click();
    await expect(kiosk.getByTestId('card-step-presenting')).toBeVisible({ timeout: 15_000 });
    await takeCard(branch);
    const done = kiosk.getByTestId('card-step-done');
    await expect(done).toBeVisible({ timeout: 10_000 });
    const second = await lastPrintedCard(branch);
    expect(second.id).not.toBe(inside.id);
    expect(second.location).toBe('taken');
    const last4 = last4OfStripe(second.tracks[1]?.masked ?? '');
    await expect(done.locator('.card-issued')).toHaveAttribute('data-last4', last4);
    const issued = (await journal(branch, 'card.issued')).find(
      (e) => e.data.panMasked === `990000******${last4}`,
    );
    expect(issued?.data).toMatchObject({ orderRef: spoiled?.data.orderRef, detectedBy: 'flow', taken: true });
    expect(issued?.data.attemptId).not.toBe(spoiled?.data.attemptId);
    expect(issued?.data.cardId).not.toBe(spoiled?.data.cardId);
    await kiosk.getByTestId('card-finish').click();
    expect(await cardPrinterCount(branch, 'picked')).toBe(pickedBefore + 2);
    expect(watch.leaks).toEqual([]);
    await expectEveryPickedCardAccountedFor(branch);
  });
});
