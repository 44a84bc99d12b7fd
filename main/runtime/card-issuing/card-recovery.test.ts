import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskPan } from '../../../contracts/index.ts';
import { createMemoryLogger } from '../../../platform/log.ts';
import { recoverInDoubtActions } from '../recovery/in-doubt.ts';
import {
  CARD_PRINTER_DEVICE,
  type CardIntentContext,
  cardRecords,
  createCardJournal,
} from './card-journal.ts';
import { createCardRecovery } from './card-recovery.ts';
import { createFakeCardPrinter } from './fake-card-printer.ts';
import {
  ORDER_REF,
  openTestJournal,
  runPromise,
  runProduce,
  setUpCardIssuing,
  testCard,
} from './card-test-kit.ts';

/** A journal and a printer as a crash left them: one open produce-card intent per call to `crashedJob`. */
function setUp(options: { busy?: () => boolean } = {}) {
  const { journal } = openTestJournal();
  const fake = createFakeCardPrinter();
  const cards = createCardJournal({ journal: () => journal, onRecorded: () => undefined });
  let recorded = 0;
  const log = createMemoryLogger();
  const recovery = createCardRecovery({
    printer: fake.printer,
    journal: () => journal,
    onRecorded: () => {
      recorded += 1;
    },
    printerBusy: options.busy ?? (() => false),
    log,
  });
  const crashedJob = () => {
    const card = testCard(Math.floor(Math.random() * 1000));
    const context: CardIntentContext = {
      attemptId: randomUUID(),
      orderRef: ORDER_REF,
      cardId: card.cardId,
      panMasked: maskPan(card.pan),
      attempt: 1,
      counters: fake.counters(),
    };
    return cards.recordIntent(context);
  };
  const records = (type: string) =>
    journal.search({ type, limit: 100 }).map((entry) => entry.data as Record<string, unknown>);
  const outcomeOf = (intentSeq: number) =>
    journal
      .search({ type: 'device.outcome', limit: 100 })
      .map((e) => e.data as { intentSeq: number; outcome: string; details: Record<string, unknown> })
      .find((o) => o.intentSeq === intentSeq);
  const open = () => journal.openIntents().filter((i) => i.device === CARD_PRINTER_DEVICE);
  return {
    journal,
    fake,
    cards,
    recovery,
    crashedJob,
    records,
    outcomeOf,
    open,
    recorded: () => recorded,
    log,
  };
}

/** Recovery only ever reads the printer and takes a card back. */
function expectOnlyReadsAndRejects(calls: string[]) {
  for (const call of calls) expect(['readState', 'rejectCard']).toContain(call);
}

describe('card recovery at start-up', () => {
  it('a card still inside is taken back and recorded spoiled (interrupted)', async () => {
    const kit = setUp();
    const intent = kit.crashedJob();
    kit.fake.place('inPrinter', { picked: kit.fake.counters().picked + 1 });
    expect(await kit.recovery.settle()).toEqual({ settled: 1, open: 0 });
    expect(kit.fake.calls).toEqual(['readState', 'rejectCard']);
    expect(kit.fake.position()).toBe('none');
    expect(kit.records('card.spoiled')).toEqual([
      expect.objectContaining({
        attemptId: intent.card.attemptId,
        reason: 'interrupted',
        disposition: 'rejectBin',
        detectedBy: 'recovery',
      }),
    ]);
    expect(kit.outcomeOf(intent.journalSeq)?.outcome).toBe('spoiled');
    expect(kit.recorded()).toBe(1);
  });

  it('a card waiting at the exit is taken back too', async () => {
    const kit = setUp();
    kit.crashedJob();
    const c = kit.fake.counters();
    kit.fake.place('atExit', { picked: c.picked + 1, ejected: c.ejected + 1 });
    await kit.recovery.settle();
    expect(kit.fake.calls).toContain('rejectCard');
    expect(kit.records('card.spoiled')).toEqual([expect.objectContaining({ reason: 'interrupted' })]);
    expect(kit.records('card.issued')).toHaveLength(0);
  });

  it('a card stuck for good: recorded in the printer; a printer not ready: left for later', async () => {
    const kit = setUp();
    kit.crashedJob();
    kit.fake.place('inPrinter', { picked: kit.fake.counters().picked + 1 });
    kit.fake.fail('rejectCard', { code: 'deviceNotReady', errorCode: 'ERR_COVER_OPEN', message: 'cover' });
    expect(await kit.recovery.settle()).toEqual({ settled: 0, open: 1 });
    kit.fake.fail('rejectCard', { code: 'hardwareError', errorCode: 'ERR_MECHANICAL', message: 'jam' });
    expect(await kit.recovery.settle()).toEqual({ settled: 1, open: 0 });
    expect(kit.records('card.spoiled')).toEqual([expect.objectContaining({ disposition: 'inPrinter' })]);
  });

  it('no card and the eject counter grew: issued, presumed taken (taken: null)', async () => {
    const kit = setUp();
    const intent = kit.crashedJob();
    const c = kit.fake.counters();
    kit.fake.place('none', { picked: c.picked + 1, ejected: c.ejected + 1 });
    await kit.recovery.settle();
    expect(kit.records('card.issued')).toEqual([
      expect.objectContaining({ attemptId: intent.card.attemptId, taken: null, detectedBy: 'recovery' }),
    ]);
    expect(kit.outcomeOf(intent.journalSeq)?.outcome).toBe('issued');
    expect(kit.fake.calls).toEqual(['readState']);
  });

  it('no card and the reject counter grew: spoiled, in the reject bin', async () => {
    const kit = setUp();
    kit.crashedJob();
    const c = kit.fake.counters();
    // Ejected and then pulled back: the bin is where it ended.
    kit.fake.place('none', { picked: c.picked + 1, ejected: c.ejected + 1, rejected: c.rejected + 1 });
    await kit.recovery.settle();
    expect(kit.records('card.spoiled')).toEqual([
      expect.objectContaining({ reason: 'interrupted', disposition: 'rejectBin', detectedBy: 'recovery' }),
    ]);
    expect(kit.records('card.issued')).toHaveLength(0);
    expect(kit.fake.calls).toEqual(['readState']);
  });

  it('nothing was picked: not picked, and the number voided (cardDataLost)', async () => {
    const kit = setUp();
    const intent = kit.crashedJob();
    await kit.recovery.settle();
    expect(kit.outcomeOf(intent.journalSeq)?.outcome).toBe('notPicked');
    expect(kit.records('card.voided')).toEqual([
      expect.objectContaining({
        attemptId: intent.card.attemptId,
        cardId: intent.card.cardId,
        reason: 'cardDataLost',
      }),
    ]);
  });

  it('counters that went backwards prove nothing: in doubt, reported to the backend', async () => {
    const kit = setUp();
    const intent = kit.crashedJob();
    kit.fake.place('none', { picked: 0, ejected: 0, rejected: 0 });
    await kit.recovery.settle();
    expect(kit.outcomeOf(intent.journalSeq)?.outcome).toBe('inDoubt');
    expect(kit.records('device.actionInDoubt')).toEqual([
      expect.objectContaining({
        intentSeq: intent.journalSeq,
        device: 'cardPrinter',
        resolution: 'countersReset',
      }),
    ]);
    expect(kit.records('card.issued')).toHaveLength(0);
  });

  it('several open intents: each judged by the counters before the next one', async () => {
    const kit = setUp();
    const older = kit.crashedJob();
    // The older card went out of the exit before the next job started.
    const c = kit.fake.counters();
    kit.fake.place('none', { picked: c.picked + 1, ejected: c.ejected + 1 });
    const newer = kit.crashedJob();
    kit.fake.place('inPrinter', { picked: c.picked + 2 });
    expect(await kit.recovery.settle()).toEqual({ settled: 2, open: 0 });
    expect(kit.outcomeOf(older.journalSeq)?.outcome).toBe('issued');
    expect(kit.outcomeOf(newer.journalSeq)?.outcome).toBe('spoiled');
  });

  it('a record written just before a crash is not written twice: only the outcome is added', async () => {
    const kit = setUp();
    const intent = kit.crashedJob();
    kit.journal.record({
      type: 'card.issued',
      data: cardRecords.issued(intent.card, true, 'flow', new Date()).data,
      durability: 'moneyOrCard',
      sync: true,
    });
    await kit.recovery.settle();
    expect(kit.records('card.issued')).toHaveLength(1);
    expect(kit.outcomeOf(intent.journalSeq)?.outcome).toBe('issued');
    expect(kit.fake.calls).toEqual([]);
  });

  it('never picks, encodes, prints or ejects', async () => {
    const kit = setUp();
    kit.crashedJob();
    kit.fake.place('inPrinter', { picked: kit.fake.counters().picked + 1 });
    await kit.recovery.settle();
    expectOnlyReadsAndRejects(kit.fake.calls);
  });
});

describe('card recovery while the kiosk runs', () => {
  it('a silent printer leaves the intent open; back online, it is settled', async () => {
    const kit = setUp();
    const intent = kit.crashedJob();
    kit.fake.place('inPrinter', { picked: kit.fake.counters().picked + 1 });
    kit.fake.silent(true);
    const stop = kit.recovery.watchPrinter();
    expect(await kit.recovery.settle()).toEqual({ settled: 0, open: 1 });
    expect(kit.records('card.spoiled')).toHaveLength(0);
    expect(kit.open()).toHaveLength(1);

    kit.fake.setStatus('offline');
    kit.fake.silent(false);
    kit.fake.setStatus('online');
    await vi_waitFor(() => kit.outcomeOf(intent.journalSeq) !== undefined);
    expect(kit.records('card.spoiled')).toEqual([expect.objectContaining({ reason: 'interrupted' })]);
    expect(kit.open()).toHaveLength(0);
    stop();
  });

  it('does nothing while the flow owns the printer', async () => {
    let busy = true;
    const kit = setUp({ busy: () => busy });
    kit.crashedJob();
    kit.fake.place('atExit');
    expect(await kit.recovery.settle()).toEqual({ settled: 0, open: 1 });
    expect(kit.fake.calls).toEqual([]);
    busy = false;
    expect(await kit.recovery.settle()).toEqual({ settled: 1, open: 0 });
  });

  it('a job the printer went silent on is settled as printer lost once the flow hands the printer back', async () => {
    let recoveryRef: ReturnType<typeof createCardRecovery> | null = null;
    const kit = setUpCardIssuing({ onPrinterIdle: () => recoveryRef?.nudge() });
    const recovery = createCardRecovery({
      printer: kit.fake.printer,
      journal: () => kit.journal,
      onRecorded: () => undefined,
      printerBusy: kit.card.active,
      log: createMemoryLogger(),
    });
    recoveryRef = recovery;
    const attemptId = randomUUID();
    await runPromise(kit.card.actors.approveCard, { orderRef: ORDER_REF, attemptId, attempt: 1 });
    kit.fake.on('printFront', () => kit.fake.silent(true));
    const produced = await runProduce(kit.card.actors.produceCard, {
      orderRef: ORDER_REF,
      attemptId,
      attempt: 1,
    });
    expect(produced.result).toEqual({ outcome: 'inDoubt' });
    // Still silent when the job ended: the nudge could not settle it.
    expect(kit.records('card.spoiled')).toHaveLength(0);
    kit.fake.silent(false);
    kit.fake.on('printFront', () => undefined);
    expect(await recovery.settle()).toEqual({ settled: 1, open: 0 });
    expect(kit.records('card.spoiled')).toEqual([
      expect.objectContaining({
        attemptId,
        reason: 'printerLost',
        disposition: 'rejectBin',
        detectedBy: 'recovery',
      }),
    ]);
    // Asked again, the production reports what recovery found, and picks nothing.
    kit.fake.resetCalls();
    const again = await runProduce(kit.card.actors.produceCard, {
      orderRef: ORDER_REF,
      attemptId,
      attempt: 1,
    });
    expect(again.result).toEqual({ outcome: 'spoiled', reason: 'printerLost', retryable: false });
    expect(kit.fake.calls).toEqual([]);
  });

  it('a card presented and waiting is not taken back when the printer comes back online', async () => {
    const kit = setUpCardIssuing();
    const recovery = createCardRecovery({
      printer: kit.fake.printer,
      journal: () => kit.journal,
      onRecorded: () => undefined,
      printerBusy: kit.card.active,
      log: createMemoryLogger(),
    });
    const stop = recovery.watchPrinter();
    const attemptId = randomUUID();
    await runPromise(kit.card.actors.approveCard, { orderRef: ORDER_REF, attemptId, attempt: 1 });
    await runProduce(kit.card.actors.produceCard, { orderRef: ORDER_REF, attemptId, attempt: 1 });
    kit.fake.setStatus('offline');
    kit.fake.setStatus('online');
    await new Promise((r) => setTimeout(r, 20));
    expect(kit.fake.position()).toBe('atExit');
    expect(kit.fake.calls).not.toContain('rejectCard');
    stop();
  });
});

describe('numbers lost with a restart', () => {
  it('an approval no card was taken for is voided at start-up, once; one with a card is not', async () => {
    const kit = setUpCardIssuing();
    const lost = randomUUID();
    const made = randomUUID();
    await runPromise(kit.card.actors.approveCard, { orderRef: ORDER_REF, attemptId: lost, attempt: 1 });
    await runPromise(kit.card.actors.approveCard, { orderRef: ORDER_REF, attemptId: made, attempt: 1 });
    await runProduce(kit.card.actors.produceCard, { orderRef: ORDER_REF, attemptId: made, attempt: 1 });
    // The kiosk restarts: a new recovery over the same journal.
    const recovery = createCardRecovery({
      printer: kit.fake.printer,
      journal: () => kit.journal,
      onRecorded: () => undefined,
      printerBusy: () => false,
      log: createMemoryLogger(),
    });
    const first = await recovery.startUp();
    expect(first.voided).toBe(1);
    expect(kit.records('card.voided')).toEqual([
      expect.objectContaining({ attemptId: lost, cardId: kit.issued[0]!.cardId, reason: 'cardDataLost' }),
    ]);
    // The card left at the exit by the restart is settled too.
    expect(first.settled).toBe(1);
    expect(recovery.voidLostApprovals()).toBe(0);
    expect(kit.records('card.voided')).toHaveLength(1);
  });

  it('the restored flow asks again under the same attempt: the new card is made and recorded', async () => {
    const before = setUpCardIssuing();
    const attemptId = randomUUID();
    await runPromise(before.card.actors.approveCard, { orderRef: ORDER_REF, attemptId, attempt: 1 });
    const recovery = createCardRecovery({
      printer: before.fake.printer,
      journal: () => before.journal,
      onRecorded: () => undefined,
      printerBusy: () => false,
      log: createMemoryLogger(),
    });
    // Restart: the vault is empty, the journal is kept.
    before.vault.wipeAll();
    await recovery.startUp();
    const produce = () =>
      runProduce(before.card.actors.produceCard, { orderRef: ORDER_REF, attemptId, attempt: 1 });
    expect((await produce()).result).toEqual({ outcome: 'cardDataMissing' });
    await runPromise(before.card.actors.approveCard, { orderRef: ORDER_REF, attemptId, attempt: 1 });
    expect((await produce()).result).toEqual({ outcome: 'presented' });
    await runPromise(before.card.actors.awaitCardTaken, { attemptId, takeDeadline: Date.now() + 1_000 });
    expect(before.records('card.voided')).toEqual([
      expect.objectContaining({ cardId: before.issued[0]!.cardId }),
    ]);
    expect(before.records('card.issued')).toEqual([
      expect.objectContaining({ attemptId, cardId: before.issued[1]!.cardId, taken: true }),
    ]);
  });
});

describe('start-up in-doubt recovery and card intents', () => {
  it('leaves card printer intents to card recovery, and still resolves the others', async () => {
    const kit = setUp();
    const card = kit.crashedJob();
    const receipt = kit.journal.recordIntent({
      device: 'receiptPrinter',
      action: 'printCardReceipt',
      context: {},
    });
    expect(await recoverInDoubtActions(kit.journal, { receiptPrinter: null }, createMemoryLogger())).toBe(1);
    expect(kit.open().map((i) => i.journalSeq)).toEqual([card.journalSeq]);
    expect(kit.outcomeOf(receipt.journalSeq)).toMatchObject({
      outcome: 'inDoubt',
      details: { resolution: 'notReprinted' },
    });
  });
});

async function vi_waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
