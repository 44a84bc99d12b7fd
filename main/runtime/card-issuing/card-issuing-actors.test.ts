import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createActor, createMachine } from 'xstate';
import type {
  ApproveCardOutput,
  AwaitCardTakenOutput,
  CheckPrinterOutput,
  CompleteIssuingOutput,
} from '../../../state-machines/card-issuing/card-issuing-types.ts';
import { CARD_PRINTER_DEVICE, PRODUCE_CARD_ACTION } from './card-journal.ts';
import { databaseText, ORDER_REF, runPromise, runProduce, setUpCardIssuing } from './card-test-kit.ts';

type Kit = ReturnType<typeof setUpCardIssuing>;

const approve = (kit: Kit, attemptId: string, attempt = 1) =>
  runPromise<ApproveCardOutput, unknown>(kit.card.actors.approveCard, {
    orderRef: ORDER_REF,
    attemptId,
    attempt,
  });
const produce = (kit: Kit, attemptId: string, attempt = 1) =>
  runProduce(kit.card.actors.produceCard, { orderRef: ORDER_REF, attemptId, attempt });
const awaitTaken = (kit: Kit, attemptId: string, takeDeadline = Date.now() + 1_000) =>
  runPromise<AwaitCardTakenOutput, unknown>(kit.card.actors.awaitCardTaken, { attemptId, takeDeadline });

const cardIntents = (kit: Kit) =>
  kit.journal
    .search({ type: 'device.intent', limit: 100 })
    .filter((e) => (e.data as { device: string }).device === CARD_PRINTER_DEVICE);
const outcomes = (kit: Kit) =>
  kit.journal
    .search({ type: 'device.outcome', limit: 100 })
    .map((e) => e.data as { action: string; outcome: string; details?: Record<string, unknown> })
    .filter((o) => o.action === PRODUCE_CARD_ACTION);
const openCardIntents = (kit: Kit) =>
  kit.journal.openIntents().filter((i) => i.device === CARD_PRINTER_DEVICE);

/** No card number, track, or holder name anywhere SQLite wrote. */
function expectNoCardDataStored(kit: Kit) {
  const text = databaseText(kit.path);
  expect(text.length).toBeGreaterThan(0);
  for (const card of kit.issued) {
    expect(text).not.toContain(card.pan);
    expect(text).not.toContain(card.pan.slice(6, 12));
    expect(text).not.toContain('ESPINOSA');
  }
  expect(text).not.toContain('%B');
}

describe('card issuing actors: one card, start to finish', () => {
  it('approves, makes, presents and issues a card; records exactly one card.issued and prints one receipt', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();

    const approved = await approve(kit, attemptId);
    const card = kit.issued[0]!;
    expect(approved).toEqual({
      status: 'approved',
      cardId: card.cardId,
      panLast4: card.pan.slice(-4),
      expiry: '11/29',
    });
    expect(kit.vault.get(attemptId)).toBeDefined();

    // The number is gone from memory before the front is printed.
    let vaultAtPrint: unknown = 'not called';
    kit.fake.on('printFront', () => {
      vaultAtPrint = kit.vault.get(attemptId);
    });
    const produced = await produce(kit, attemptId);
    expect(produced.result).toEqual({ outcome: 'presented' });
    expect(produced.produced).toBe(1);
    expect(produced.phases).toEqual(['picking', 'encoding', 'printing', 'ejecting']);
    expect(vaultAtPrint).toBeUndefined();
    expect(kit.vault.attempts()).toEqual([]);
    expect(kit.activity()).toBe(4);
    expect(kit.fake.calls).toEqual(['readState', 'pickCard', 'encodeMagstripe', 'printFront', 'ejectCard']);
    expect(kit.fake.encoded[0]!.track2).toContain(card.pan);
    expect(kit.card.active()).toBe(true);
    // Presented, not yet issued: the intent stays open until the card is taken.
    expect(openCardIntents(kit)).toHaveLength(1);
    expect(kit.records('card.issued')).toHaveLength(0);

    expect(await awaitTaken(kit, attemptId)).toEqual({ outcome: 'taken' });
    expect(kit.card.active()).toBe(false);
    expect(openCardIntents(kit)).toHaveLength(0);
    const issued = kit.records('card.issued');
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({
      attemptId,
      orderRef: ORDER_REF,
      cardId: card.cardId,
      panMasked: `${card.pan.slice(0, 6)}******${card.pan.slice(-4)}`,
      taken: true,
      detectedBy: 'flow',
      attempt: 1,
    });
    expect(outcomes(kit).map((o) => o.outcome)).toEqual(['issued']);
    expect(kit.records('card.spoiled')).toHaveLength(0);
    expect(kit.records('card.voided')).toHaveLength(0);

    const complete = () =>
      runPromise<CompleteIssuingOutput, unknown>(kit.card.actors.completeIssuing, {
        attemptId,
        orderRef: ORDER_REF,
      });
    expect(await complete()).toEqual({ receipt: 'printed' });
    expect(await complete()).toEqual({ receipt: 'printed' });
    expect(kit.receipts.printed).toHaveLength(1);
    const receiptText = kit.receipts.printed[0]!.lines.map((l) => ('text' in l ? l.text : '')).join('\n');
    expect(receiptText).toContain(`**** ${card.pan.slice(-4)}`);
    expect(receiptText).toContain('11/29');
    expect(receiptText).not.toContain(card.pan);

    expect(kit.recorded.count).toBe(1);
    expectNoCardDataStored(kit);
  });

  it('journals the intent with the counters before the pick, the masked number and ids only', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    const before = kit.fake.counters();
    await produce(kit, attemptId);
    const [intent] = cardIntents(kit);
    const card = kit.issued[0]!;
    expect(intent!.data).toEqual({
      device: 'cardPrinter',
      action: 'produceCard',
      context: {
        attemptId,
        orderRef: ORDER_REF,
        cardId: card.cardId,
        panMasked: `${card.pan.slice(0, 6)}******${card.pan.slice(-4)}`,
        attempt: 1,
        counters: before,
      },
    });
  });
});

describe('card issuing actors: a card that fails', () => {
  it('a stripe that does not verify: rejected, spoiled and retryable', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    kit.fake.fail('encodeMagstripe', {
      code: 'hardwareError',
      errorCode: 'ERR_WRITE_MAGNETIC',
      message: 'mismatch',
    });
    const produced = await produce(kit, attemptId);
    expect(produced.result).toEqual({ outcome: 'spoiled', reason: 'encodingFailed', retryable: true });
    expect(produced.phases).toEqual(['picking', 'encoding', 'rejecting']);
    expect(kit.fake.calls).toContain('rejectCard');
    expect(kit.fake.calls).not.toContain('printFront');
    expect(kit.fake.position()).toBe('none');
    expect(kit.records('card.spoiled')).toEqual([
      expect.objectContaining({
        attemptId,
        reason: 'encodingFailed',
        disposition: 'rejectBin',
        detectedBy: 'flow',
      }),
    ]);
    expect(outcomes(kit)).toEqual([
      expect.objectContaining({ outcome: 'spoiled', details: expect.objectContaining({ retryable: true }) }),
    ]);
    expect(openCardIntents(kit)).toHaveLength(0);
    expect(kit.vault.attempts()).toEqual([]);
    expect(kit.card.active()).toBe(false);
    expectNoCardDataStored(kit);
  });

  it('the ribbon ends mid-print: spoiled, not retryable', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    kit.fake.fail('printFront', { code: 'userError', errorCode: 'RIBBON_ENDED', message: 'ribbon' });
    const produced = await produce(kit, attemptId);
    expect(produced.result).toEqual({ outcome: 'spoiled', reason: 'ribbonEnded', retryable: false });
    expect(kit.records('card.spoiled')).toEqual([
      expect.objectContaining({ reason: 'ribbonEnded', disposition: 'rejectBin' }),
    ]);
  });

  it('a jam the printer cannot reject: the card stays in the printer', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    kit.fake.fail('printFront', { code: 'hardwareError', errorCode: 'ERR_MECHANICAL', message: 'jam' });
    kit.fake.fail('rejectCard', { code: 'hardwareError', errorCode: 'ERR_MECHANICAL', message: 'jam' });
    const produced = await produce(kit, attemptId);
    expect(produced.result).toEqual({ outcome: 'spoiled', reason: 'jam', retryable: false });
    expect(kit.records('card.spoiled')).toEqual([
      expect.objectContaining({ reason: 'jam', disposition: 'inPrinter' }),
    ]);
    expect(openCardIntents(kit)).toHaveLength(0);
  });

  it('an encoding failure with the card stuck is not retryable', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    kit.fake.fail('encodeMagstripe', {
      code: 'hardwareError',
      errorCode: 'ERR_WRITE_MAGNETIC',
      message: 'x',
    });
    kit.fake.fail('rejectCard', { code: 'hardwareError', errorCode: 'ERR_MECHANICAL', message: 'jam' });
    expect((await produce(kit, attemptId)).result).toEqual({
      outcome: 'spoiled',
      reason: 'encodingFailed',
      retryable: false,
    });
  });

  it('a printer that stops answering with the card inside: in doubt, intent left open for recovery', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    kit.fake.on('printFront', () => kit.fake.silent(true));
    const produced = await produce(kit, attemptId);
    expect(produced.result).toEqual({ outcome: 'inDoubt' });
    expect(produced.phases).toEqual(['picking', 'encoding', 'printing', 'rejecting']);
    expect(openCardIntents(kit)).toHaveLength(1);
    expect(kit.records('card.spoiled')).toHaveLength(0);
    expect(kit.records('card.jobInDoubt')).toEqual([expect.objectContaining({ attemptId, step: 'print' })]);
    expect(kit.vault.attempts()).toEqual([]);
  });

  it('a printer timeout that the reject survives: spoiled as printer lost', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    kit.fake.fail('ejectCard', { code: 'timeout', message: 'no reply' });
    expect((await produce(kit, attemptId)).result).toEqual({
      outcome: 'spoiled',
      reason: 'printerLost',
      retryable: false,
    });
  });

  it('a pick that takes no card: not picked, the number voided, nothing else touched', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    kit.fake.fail('pickCard', { code: 'userError', errorCode: 'FEEDER_EMPTY', message: 'empty' });
    const produced = await produce(kit, attemptId);
    expect(produced.result).toEqual({ outcome: 'notPicked' });
    expect(kit.fake.calls).toEqual(['readState', 'pickCard', 'readState']);
    expect(outcomes(kit).map((o) => o.outcome)).toEqual(['notPicked']);
    expect(kit.records('card.voided')).toEqual([
      expect.objectContaining({ attemptId, cardId: kit.issued[0]!.cardId, reason: 'printerUnavailable' }),
    ]);
    expect(kit.vault.attempts()).toEqual([]);
  });

  it('a pick that failed but moved a card: the card is rejected and spoiled, not voided', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    kit.fake.fail('pickCard', { code: 'hardwareError', errorCode: 'ERR_MECHANICAL', message: 'jam' });
    kit.fake.on('pickCard', () => kit.fake.place('inPrinter', { picked: kit.fake.counters().picked + 1 }));
    const produced = await produce(kit, attemptId);
    expect(produced.result).toEqual({ outcome: 'spoiled', reason: 'jam', retryable: false });
    expect(kit.records('card.voided')).toHaveLength(0);
    expect(kit.records('card.spoiled')).toHaveLength(1);
  });

  it('a card front that cannot be rendered costs no card', async () => {
    const kit = setUpCardIssuing({
      personalise: () => {
        throw new Error('no font');
      },
    });
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    expect((await produce(kit, attemptId)).result).toEqual({ outcome: 'notPicked' });
    expect(kit.fake.calls).toEqual([]);
    expect(cardIntents(kit)).toHaveLength(0);
    expect(kit.records('card.voided')).toEqual([expect.objectContaining({ reason: 'cardDataLost' })]);
  });

  it('a card number that fails its check digit is never picked for', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    const card = { ...(await import('./card-test-kit.ts')).testCard(7) };
    card.pan = `${card.pan.slice(0, -1)}${(Number(card.pan.at(-1)) + 1) % 10}`;
    kit.answerIssue(async () => ({ status: 'approved', card }));
    await approve(kit, attemptId);
    expect((await produce(kit, attemptId)).result).toEqual({ outcome: 'notPicked' });
    expect(kit.fake.calls).not.toContain('pickCard');
  });

  it('a card left inside by an earlier job is rejected (and journaled) before the pick', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    kit.fake.place('inPrinter');
    const rejectedBefore = kit.fake.counters().rejected;
    const produced = await produce(kit, attemptId);
    expect(produced.result).toEqual({ outcome: 'presented' });
    expect(kit.fake.calls.slice(0, 4)).toEqual(['readState', 'rejectCard', 'readState', 'pickCard']);
    expect(kit.records('card.leftoverRejected')).toEqual([
      expect.objectContaining({ attemptId, position: 'inPrinter', code: 'success' }),
    ]);
    // The counters journaled are those after the leftover went to the bin.
    const context = (cardIntents(kit)[0]!.data as { context: { counters: { rejected: number } } }).context;
    expect(context.counters.rejected).toBe(rejectedBefore + 1);
  });

  it('no card data in memory (a restart before the pick): cardDataMissing, nothing picked', async () => {
    const kit = setUpCardIssuing();
    const produced = await produce(kit, randomUUID());
    expect(produced.result).toEqual({ outcome: 'cardDataMissing' });
    expect(kit.fake.calls).toEqual([]);
    expect(kit.records('card.voided')).toHaveLength(0);
  });
});

describe('card issuing actors: at the exit', () => {
  it('a card not taken in time is taken back and recorded spoiled (notTaken)', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    await produce(kit, attemptId);
    kit.fake.customerTakes(false);
    expect(await awaitTaken(kit, attemptId)).toEqual({ outcome: 'retained' });
    expect(kit.fake.position()).toBe('none');
    expect(kit.records('card.spoiled')).toEqual([
      expect.objectContaining({ reason: 'notTaken', disposition: 'rejectBin', detectedBy: 'flow' }),
    ]);
    expect(kit.records('card.issued')).toHaveLength(0);
    expect(openCardIntents(kit)).toHaveLength(0);
  });

  it('a printer error while waiting leaves the card in doubt', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    await produce(kit, attemptId);
    kit.fake.fail('waitCardTaken', { code: 'hardwareError', message: 'sensor' });
    expect(await awaitTaken(kit, attemptId)).toEqual({ outcome: 'inDoubt' });
    expect(openCardIntents(kit)).toHaveLength(1);
  });

  it('waits no longer than the take timeout, whatever the deadline', async () => {
    const waits: number[] = [];
    const kit = setUpCardIssuing({ takeTimeoutMs: 5_000 });
    const original = kit.fake.printer.waitCardTaken;
    kit.fake.printer.waitCardTaken = (ms, options) => {
      waits.push(ms);
      return original(ms, options);
    };
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    await produce(kit, attemptId);
    await awaitTaken(kit, attemptId, Date.now() + 3_600_000);
    expect(waits).toEqual([5_000]);
  });
});

describe('card issuing actors: asked again (a restored session)', () => {
  it('produceCard and awaitCardTaken for a settled attempt touch no printer and answer as before', async () => {
    const kit = setUpCardIssuing();
    const issuedId = randomUUID();
    await approve(kit, issuedId);
    await produce(kit, issuedId);
    await awaitTaken(kit, issuedId);

    const spoiledId = randomUUID();
    await approve(kit, spoiledId, 2);
    kit.fake.fail('encodeMagstripe', {
      code: 'hardwareError',
      errorCode: 'ERR_WRITE_MAGNETIC',
      message: 'x',
    });
    const first = await produce(kit, spoiledId, 2);

    kit.fake.resetCalls();
    expect((await produce(kit, issuedId)).result).toEqual({ outcome: 'presented' });
    expect(await awaitTaken(kit, issuedId)).toEqual({ outcome: 'taken' });
    const again = await produce(kit, spoiledId, 2);
    expect(again.result).toEqual(first.result);
    expect(again.phases).toEqual([]);
    expect(kit.fake.calls).toEqual([]);
    expect(kit.records('card.issued')).toHaveLength(1);
    expect(kit.records('card.spoiled')).toHaveLength(1);
  });

  it('a card retained at the exit is reported retained again', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    await produce(kit, attemptId);
    kit.fake.customerTakes(false);
    await awaitTaken(kit, attemptId);
    kit.fake.resetCalls();
    expect(await awaitTaken(kit, attemptId)).toEqual({ outcome: 'retained' });
    expect(kit.fake.calls).toEqual([]);
  });

  it('a production whose card is in doubt is never repeated', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    kit.fake.on('encodeMagstripe', () => kit.fake.silent(true));
    await produce(kit, attemptId);
    kit.fake.silent(false);
    kit.fake.on('encodeMagstripe', () => undefined);
    kit.fake.resetCalls();
    // Even with the card data put back, nothing is picked for this attempt again.
    kit.vault.put(attemptId, kit.issued[0]!);
    expect((await produce(kit, attemptId)).result).toEqual({ outcome: 'inDoubt' });
    expect(kit.fake.calls).toEqual([]);
  });

  it('a second produceCard while the first still works joins it: one pick, one answer each', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    const [a, b] = await Promise.all([produce(kit, attemptId), produce(kit, attemptId)]);
    expect(a.result).toEqual({ outcome: 'presented' });
    expect(b.result).toEqual({ outcome: 'presented' });
    expect(b.produced).toBe(1);
    expect(kit.fake.calls.filter((c) => c === 'pickCard')).toHaveLength(1);
  });

  it('approval is never asked again for an attempt that already has a card', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    await produce(kit, attemptId);
    const again = await approve(kit, attemptId);
    expect(kit.issued).toHaveLength(1);
    expect(again).toMatchObject({ status: 'approved', cardId: kit.issued[0]!.cardId });
  });
});

describe('card issuing actors: approval, printer check, mail, end of flow', () => {
  it('an approval that arrives after the customer left is voided and forgotten', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    let answer!: () => void;
    const card = (await import('./card-test-kit.ts')).testCard(3);
    kit.answerIssue(
      () =>
        new Promise((resolve) => {
          answer = () => resolve({ status: 'approved', card });
        }),
    );
    const actor = createActor(kit.card.actors.approveCard, {
      input: { orderRef: ORDER_REF, attemptId, attempt: 1 },
    });
    actor.start();
    await new Promise((r) => setTimeout(r, 10));
    actor.stop();
    answer();
    await new Promise((r) => setTimeout(r, 20));
    expect(kit.records('card.voided')).toEqual([
      expect.objectContaining({ attemptId, cardId: card.cardId, orderRef: ORDER_REF, reason: 'flowEnded' }),
    ]);
    expect(kit.vault.get(attemptId)).toBeUndefined();
    expect(kit.recorded.count).toBe(1);
  });

  it('declined and offline answers pass through; nothing is kept', async () => {
    const kit = setUpCardIssuing();
    kit.answerIssue(async () => ({ status: 'declined', reason: 'orderExpired' }));
    expect(await approve(kit, randomUUID())).toEqual({ status: 'declined', reason: 'orderExpired' });
    kit.answerIssue(async () => ({ status: 'offline' }));
    expect(await approve(kit, randomUUID())).toEqual({ status: 'offline' });
    expect(kit.vault.attempts()).toEqual([]);
  });

  it('a card presented after its flow stopped does not hold the printer: it is handed to recovery', async () => {
    let idle = 0;
    const kit = setUpCardIssuing({
      onPrinterIdle: () => {
        idle += 1;
      },
    });
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    const parent = createActor(
      createMachine({
        invoke: { src: kit.card.actors.produceCard, input: { orderRef: ORDER_REF, attemptId, attempt: 1 } },
      }),
    );
    kit.fake.on('ejectCard', () => parent.stop());
    parent.start();
    await vi.waitFor(() => expect(kit.fake.position()).toBe('atExit'));
    await vi.waitFor(() => expect(kit.card.active()).toBe(false));
    expect(idle).toBe(1);
    expect(openCardIntents(kit)).toHaveLength(1);
  });

  it('ending the flow voids an approved number no card was taken for, and empties the vault', async () => {
    const kit = setUpCardIssuing();
    const unused = randomUUID();
    await approve(kit, unused);
    kit.card.endFlow();
    expect(kit.vault.attempts()).toEqual([]);
    expect(kit.records('card.voided')).toEqual([
      expect.objectContaining({ attemptId: unused, reason: 'flowEnded' }),
    ]);
  });

  it('the printer is ready only when it says so and has cards in the feeder', async () => {
    const kit = setUpCardIssuing();
    const check = () => runPromise<CheckPrinterOutput, undefined>(kit.card.actors.checkPrinter, undefined);
    expect(await check()).toEqual({ ready: true });
    kit.fake.setStatus('userError', false);
    expect(await check()).toEqual({ ready: false });
    kit.fake.setStatus('online');
    kit.fake.emptyFeeder();
    expect(await check()).toEqual({ ready: false });
    const none = setUpCardIssuing({ printer: null });
    expect(await runPromise(none.card.actors.checkPrinter, undefined)).toEqual({ ready: false });
  });

  it('a request for the card by mail is recorded and synced once', async () => {
    const kit = setUpCardIssuing();
    const input = { orderRef: null, orderCode: 'ABCD2345', reason: 'offline' as const };
    await runPromise(kit.card.actors.requestMail, input);
    await runPromise(kit.card.actors.requestMail, input);
    expect(kit.records('card.mailRequested')).toEqual([
      expect.objectContaining({ orderRef: null, orderCode: 'ABCD2345', reason: 'offline' }),
    ]);
    expect(kit.recorded.count).toBe(1);
    expect(kit.journal.pendingRecords(0, { maxRecords: 10, maxBytes: 100_000 })).toHaveLength(1);
  });

  it('a mail request with its own id is recorded once under that id; another id is another request', async () => {
    const kit = setUpCardIssuing();
    const requestId = randomUUID();
    const input = { requestId, orderRef: ORDER_REF, orderCode: null, reason: 'cardFailed' as const };
    await runPromise(kit.card.actors.requestMail, input);
    await runPromise(kit.card.actors.requestMail, input);
    await runPromise(kit.card.actors.requestMail, { ...input, requestId: randomUUID() });
    const records = kit.records('card.mailRequested');
    expect(records).toHaveLength(2);
    expect(records.map((r) => r.requestId)).toContain(requestId);
  });

  it('no receipt for a card the journal does not show issued', async () => {
    const kit = setUpCardIssuing();
    const attemptId = randomUUID();
    await approve(kit, attemptId);
    await produce(kit, attemptId);
    const out = await runPromise(kit.card.actors.completeIssuing, { attemptId, orderRef: ORDER_REF });
    expect(out).toEqual({ receipt: 'unavailable' });
    expect(kit.receipts.printed).toHaveLength(0);
  });
});
