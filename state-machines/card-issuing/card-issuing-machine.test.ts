import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, type EventObject, fromCallback } from 'xstate';
import { CardIssuingView, type CardOrderStatus } from '../../contracts/index.ts';
import { cardIssuingMachine } from './card-issuing-machine.ts';
import type { CardIssuingInput, ProduceCardInput } from './card-issuing-types.ts';
import { toCardIssuingView } from './card-issuing-view.ts';
import { createFakeCardIssuingActors, type FakeCardIssuingActors } from './fake-card-issuing-actors.ts';

const input: CardIssuingInput = {
  // The kiosk has no ID scanner here; identify-customer.test.ts covers the scanners' way.
  methods: { orderCode: true, qr: false, idScan: false },
  maxAttempts: 2,
  takeTimeoutMs: 30_000,
  maxCodeAttempts: 3,
  displayMs: 5_000,
};

const CODE = 'AB23CD45';
const ORDER_REF = 'order-ref-0001';
const FOUND = {
  status: 'found',
  orderRef: ORDER_REF,
  holderNameMasked: 'A*** E*****',
  product: 'debit',
  orderStatus: 'open',
  tellerApproval: false,
} as const;
const APPROVED = {
  status: 'approved',
  cardId: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  panLast4: '4242',
  expiry: '09/29',
} as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Lets settled fake actors deliver their outcome to the machine. */
const settle = () => vi.advanceTimersByTimeAsync(0);

function start(fakes: FakeCardIssuingActors = createFakeCardIssuingActors(), settings = input) {
  const actor = createActor(cardIssuingMachine.provide({ actors: fakes.actors }), {
    input: settings,
  }).start();
  // Every view the UI could get must pass the contract's schema.
  const view = () => CardIssuingView.parse(toCardIssuingView(actor.getSnapshot()));
  return { actor, fakes, view, context: () => actor.getSnapshot().context };
}

type Started = ReturnType<typeof start>;

async function toConfirmOrder(a: Started) {
  a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
  a.actor.send({ type: 'CARD_ORDER_CODE', code: CODE });
  a.fakes.resolve('lookupOrder', FOUND);
  await settle();
}

/** Order confirmed, printer ready, the bank approves: a card is in the printer. */
async function toProducing(a: Started) {
  await toConfirmOrder(a);
  a.fakes.queue('checkPrinter', { output: { ready: true } });
  a.fakes.queue('approveCard', { output: APPROVED });
  a.actor.send({ type: 'CARD_CONFIRM' });
  await settle();
}

async function toPresenting(a: Started) {
  await toProducing(a);
  a.fakes.produce({ type: 'CARD_PRODUCED', result: { outcome: 'presented' } });
}

async function toCompleting(a: Started) {
  await toPresenting(a);
  a.fakes.resolve('awaitCardTaken', { outcome: 'taken' });
  await settle();
}

async function toOfferMailOffline(a: Started) {
  a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
  a.actor.send({ type: 'CARD_ORDER_CODE', code: CODE });
  a.fakes.resolve('lookupOrder', { status: 'offline' });
  await settle();
}

function persistAndRestore(a: Started) {
  const persisted = JSON.parse(JSON.stringify(a.actor.getPersistedSnapshot()));
  a.actor.stop();
  const fakes = createFakeCardIssuingActors();
  const actor = createActor(cardIssuingMachine.provide({ actors: fakes.actors }), {
    input,
    snapshot: persisted,
  }).start();
  return {
    actor,
    fakes,
    view: () => CardIssuingView.parse(toCardIssuingView(actor.getSnapshot())),
    context: () => actor.getSnapshot().context,
    persisted: persisted as unknown,
  };
}

describe('card issuing machine', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  describe('an order the bank wants a teller to approve', () => {
    async function toAwaitingTeller(a: Started) {
      a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
      a.actor.send({ type: 'CARD_ORDER_CODE', code: CODE });
      a.fakes.resolve('lookupOrder', { ...FOUND, tellerApproval: true });
      await settle();
      a.actor.send({ type: 'CARD_CONFIRM' });
      await settle();
    }

    it('waits for the teller with a minimised summary, then goes on to the printer and the bank', async () => {
      const a = start();
      await toAwaitingTeller(a);
      expect(a.view()).toMatchObject({ step: 'awaitingTeller', holderNameMasked: 'A*** E*****' });
      expect(a.fakes.calls.tellerApproval).toEqual([
        {
          kind: 'cardIssue',
          flow: 'cardIssuing',
          step: 'confirmOrder',
          summary: { holder: 'A*** E*****', product: 'debit' },
        },
      ]);
      // Nothing moves before the teller decides.
      expect(a.fakes.calls.checkPrinter).toBe(0);
      expect(a.fakes.calls.approveCard).toEqual([]);
      a.fakes.queue('checkPrinter', { output: { ready: true } });
      a.fakes.resolve('tellerApproval', { decision: 'approved' });
      await settle();
      expect(a.view().step).toBe('approving');
      expect(a.fakes.calls.approveCard).toHaveLength(1);
    });

    it.each([
      [{ output: { decision: 'rejected' as const } }, 'tellerRejected'],
      [{ output: { decision: 'unavailable' as const } }, 'tellerUnavailable'],
      [{ error: new Error('no call') }, 'tellerUnavailable'],
    ] as const)(
      'ends without a card, and without mail, when the teller says %o',
      async (outcome, message) => {
        const a = start();
        await toAwaitingTeller(a);
        if ('output' in outcome) a.fakes.resolve('tellerApproval', outcome.output);
        else a.fakes.reject('tellerApproval', outcome.error);
        await settle();
        expect(a.view()).toMatchObject({ step: 'failed', message, canRequestMail: false });
        expect(a.fakes.calls.approveCard).toEqual([]);
      },
    );

    it('is cancelled while waiting, and asks again after a restore', async () => {
      const a = start();
      await toAwaitingTeller(a);
      const restored = persistAndRestore(a);
      await settle();
      expect(restored.view().step).toBe('awaitingTeller');
      expect(restored.fakes.calls.tellerApproval).toHaveLength(1);
      restored.actor.send({ type: 'CARD_CANCEL' });
      expect(restored.view().step).toBe('cancelled');
      expect(restored.fakes.isRunning('tellerApproval')).toBe(false);
    });

    it('an order without the flag goes straight to the printer check', async () => {
      const a = start();
      await toConfirmOrder(a);
      a.actor.send({ type: 'CARD_CONFIRM' });
      expect(a.actor.getSnapshot().value).toBe('checkingPrinter');
      expect(a.fakes.calls.tellerApproval).toEqual([]);
    });
  });

  it('issues a card: method, code, order, printer, approval, production, exit, record, receipt', async () => {
    const a = start();
    expect(a.view()).toMatchObject({ step: 'chooseMethod', codeAttemptsLeft: 3, attempt: 0, message: null });
    a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
    expect(a.view().step).toBe('enterCode');
    a.actor.send({ type: 'CARD_ORDER_CODE', code: CODE });
    expect(a.view().step).toBe('lookingUp');
    expect(a.fakes.calls.lookupOrder).toEqual([{ by: 'code', orderCode: CODE }]);
    a.fakes.resolve('lookupOrder', FOUND);
    await settle();
    expect(a.view()).toMatchObject({
      step: 'confirmOrder',
      holderNameMasked: 'A*** E*****',
      product: 'debit',
    });
    // Online the order is known by its reference: the typed code is dropped.
    expect(a.context()).toMatchObject({ orderCode: null, orderRef: ORDER_REF });

    a.actor.send({ type: 'CARD_CONFIRM' });
    // The printer check shows as part of the wait after "Print my card".
    expect(a.actor.getSnapshot().value).toBe('checkingPrinter');
    expect(a.view()).toMatchObject({ step: 'approving', attempt: 0 });
    a.fakes.resolve('checkPrinter', { ready: true });
    await settle();
    expect(a.view()).toMatchObject({ step: 'approving', attempt: 1 });
    const attemptId = a.context().attemptId;
    expect(attemptId).toMatch(UUID);
    expect(a.fakes.calls.approveCard).toEqual([{ orderRef: ORDER_REF, attemptId, attempt: 1 }]);

    a.fakes.resolve('approveCard', APPROVED);
    await settle();
    expect(a.view()).toMatchObject({ step: 'producing', panLast4: '4242', expiry: '09/29', phase: null });
    expect(a.context().cardId).toBe(APPROVED.cardId);
    expect(a.fakes.calls.produceCard).toEqual([{ orderRef: ORDER_REF, attemptId, attempt: 1 }]);
    a.fakes.produce({ type: 'CARD_PHASE', phase: 'encoding' });
    expect(a.view().phase).toBe('encoding');
    a.fakes.produce({ type: 'CARD_PHASE', phase: 'printing' });
    expect(a.view().phase).toBe('printing');

    const presentedAt = Date.now();
    a.fakes.produce({ type: 'CARD_PRODUCED', result: { outcome: 'presented' } });
    expect(a.view()).toMatchObject({ step: 'presenting', takeDeadline: presentedAt + 30_000, phase: null });
    expect(a.fakes.isRunning('produceCard')).toBe(false);
    expect(a.fakes.calls.awaitCardTaken).toEqual([{ attemptId, takeDeadline: presentedAt + 30_000 }]);

    a.fakes.resolve('awaitCardTaken', { outcome: 'taken' });
    await settle();
    expect(a.view()).toMatchObject({ step: 'completing', receipt: 'printing', takeDeadline: null });
    expect(a.fakes.calls.completeIssuing).toEqual([{ attemptId, orderRef: ORDER_REF }]);
    a.fakes.resolve('completeIssuing', { receipt: 'printed' });
    await settle();
    expect(a.view()).toMatchObject({ step: 'done', receipt: 'printed', panLast4: '4242', message: null });

    await vi.advanceTimersByTimeAsync(4_999);
    expect(a.actor.getSnapshot().status).toBe('active');
    await vi.advanceTimersByTimeAsync(1);
    expect(a.actor.getSnapshot().status).toBe('done');
    expect(a.actor.getSnapshot().output).toEqual({ ending: 'issued', receipt: 'printed' });
  });

  describe('choosing how to identify', () => {
    it('offers only methods the kiosk offers, and refuses the others', () => {
      const a = start();
      expect(a.view().methods).toEqual([
        { method: 'orderCode', available: true },
        { method: 'qr', available: false },
        { method: 'idScan', available: false },
      ]);
      a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'qr' });
      a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'idScan' });
      expect(a.view().step).toBe('chooseMethod');
    });

    it('refuses the order code when the kiosk does not offer it', () => {
      const a = start(undefined, { ...input, methods: { orderCode: false, qr: false, idScan: false } });
      a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
      expect(a.view().step).toBe('chooseMethod');
    });

    it.each(['CARD_BACK', 'CARD_CANCEL'] as const)('%s on the method choice cancels', async (type) => {
      const a = start();
      a.actor.send({ type });
      expect(a.view()).toMatchObject({ step: 'cancelled', receipt: null });
      await vi.advanceTimersByTimeAsync(5_000);
      expect(a.actor.getSnapshot().output).toEqual({ ending: 'cancelled', receipt: null });
    });
  });

  describe('the order code', () => {
    it('back returns to the method choice; cancel cancels', () => {
      const a = start();
      a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
      a.actor.send({ type: 'CARD_BACK' });
      expect(a.view().step).toBe('chooseMethod');
      a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
      a.actor.send({ type: 'CARD_CANCEL' });
      expect(a.view().step).toBe('cancelled');
    });

    it('each code that finds no order it can issue costs one attempt; the last one ends the flow', async () => {
      const a = start();
      a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
      a.actor.send({ type: 'CARD_ORDER_CODE', code: CODE });
      a.fakes.resolve('lookupOrder', { status: 'notFound' });
      await settle();
      expect(a.view()).toMatchObject({ step: 'enterCode', message: 'orderNotFound', codeAttemptsLeft: 2 });
      expect(a.context().orderCode).toBeNull();

      a.actor.send({ type: 'CARD_ORDER_CODE', code: CODE });
      expect(a.view().message).toBeNull();
      a.fakes.resolve('lookupOrder', { ...FOUND, orderStatus: 'expired' });
      await settle();
      expect(a.view()).toMatchObject({
        step: 'enterCode',
        message: 'orderExpired',
        codeAttemptsLeft: 1,
        holderNameMasked: null,
      });
      expect(a.context().orderRef).toBeNull();

      a.actor.send({ type: 'CARD_ORDER_CODE', code: CODE });
      a.fakes.resolve('lookupOrder', { ...FOUND, orderStatus: 'issued' });
      await settle();
      expect(a.view()).toMatchObject({ step: 'failed', message: 'orderNotOpen', codeAttemptsLeft: 0 });
      // No order is known: nothing to mail.
      expect(a.actor.getSnapshot().can({ type: 'CARD_REQUEST_MAIL' })).toBe(false);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(a.actor.getSnapshot().output).toEqual({ ending: 'failed', receipt: null });
    });

    it('an order whose card is being made is in progress, not closed', async () => {
      const a = start();
      a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
      a.actor.send({ type: 'CARD_ORDER_CODE', code: CODE });
      a.fakes.resolve('lookupOrder', { ...FOUND, orderStatus: 'issuing' });
      await settle();
      expect(a.view()).toMatchObject({ step: 'enterCode', message: 'orderInProgress', codeAttemptsLeft: 2 });
    });

    it.each(['issued', 'mailRequested', 'cancelled'] satisfies CardOrderStatus[])(
      'an order %s is not open',
      async (orderStatus) => {
        const a = start();
        a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
        a.actor.send({ type: 'CARD_ORDER_CODE', code: CODE });
        a.fakes.resolve('lookupOrder', { ...FOUND, orderStatus });
        await settle();
        expect(a.view()).toMatchObject({ step: 'enterCode', message: 'orderNotOpen', codeAttemptsLeft: 2 });
      },
    );

    it('one attempt allowed: the first wrong code ends the flow', async () => {
      const a = start(undefined, { ...input, maxCodeAttempts: 1 });
      a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
      a.actor.send({ type: 'CARD_ORDER_CODE', code: CODE });
      a.fakes.resolve('lookupOrder', { status: 'notFound' });
      await settle();
      expect(a.view()).toMatchObject({ step: 'failed', message: 'orderNotFound', codeAttemptsLeft: 0 });
    });

    it('going back and forth does not give the codes back', async () => {
      const a = start();
      a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
      a.actor.send({ type: 'CARD_ORDER_CODE', code: CODE });
      a.fakes.resolve('lookupOrder', { status: 'notFound' });
      await settle();
      a.actor.send({ type: 'CARD_BACK' });
      a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
      expect(a.view()).toMatchObject({ step: 'enterCode', codeAttemptsLeft: 2, message: null });
    });
  });

  describe('offline and mail', () => {
    it('offline lookup offers mail by the typed code; the request is recorded once, by its id', async () => {
      const a = start();
      await toOfferMailOffline(a);
      expect(a.view()).toMatchObject({ step: 'offerMail', message: 'offline', codeAttemptsLeft: 3 });
      a.actor.send({ type: 'CARD_REQUEST_MAIL' });
      expect(a.view().step).toBe('requestingMail');
      const [request] = a.fakes.calls.requestMail;
      expect(request).toEqual({
        requestId: a.context().mailRequestId,
        orderRef: null,
        orderCode: CODE,
        reason: 'offline',
      });
      expect(request?.requestId).toMatch(UUID);
      a.fakes.resolve('requestMail', undefined);
      await settle();
      expect(a.view()).toMatchObject({ step: 'mailRequested', message: null });
      await vi.advanceTimersByTimeAsync(5_000);
      expect(a.actor.getSnapshot().output).toEqual({ ending: 'mailRequested', receipt: null });
    });

    it('a lookup that fails outright is treated as offline', async () => {
      const a = start();
      a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
      a.actor.send({ type: 'CARD_ORDER_CODE', code: CODE });
      a.fakes.reject('lookupOrder', new Error('socket closed'));
      await settle();
      expect(a.view()).toMatchObject({ step: 'offerMail', message: 'offline', codeAttemptsLeft: 3 });
      expect(a.context().mailReason).toBe('offline');
    });

    it('cancel on the offer cancels', async () => {
      const a = start();
      await toOfferMailOffline(a);
      a.actor.send({ type: 'CARD_CANCEL' });
      expect(a.view().step).toBe('cancelled');
      expect(a.fakes.calls.requestMail).toEqual([]);
    });

    it('a mail request that fails ends failed, and mail is not offered again', async () => {
      const a = start();
      await toOfferMailOffline(a);
      a.actor.send({ type: 'CARD_REQUEST_MAIL' });
      a.fakes.reject('requestMail', new Error('journal closed'));
      await settle();
      expect(a.view()).toMatchObject({ step: 'failed', message: 'offline' });
      expect(a.actor.getSnapshot().can({ type: 'CARD_REQUEST_MAIL' })).toBe(false);
    });
  });

  describe('confirming the order and the printer', () => {
    it('back forgets the order and returns to the code without costing an attempt; cancel cancels', async () => {
      const a = start();
      await toConfirmOrder(a);
      a.actor.send({ type: 'CARD_BACK' });
      expect(a.view()).toMatchObject({
        step: 'enterCode',
        holderNameMasked: null,
        product: null,
        codeAttemptsLeft: 3,
      });
      expect(a.context().orderRef).toBeNull();

      const b = start();
      await toConfirmOrder(b);
      b.actor.send({ type: 'CARD_CANCEL' });
      expect(b.view().step).toBe('cancelled');
    });

    it('a printer not ready offers mail by the order reference, before the bank is asked', async () => {
      const a = start();
      await toConfirmOrder(a);
      a.actor.send({ type: 'CARD_CONFIRM' });
      a.fakes.resolve('checkPrinter', { ready: false });
      await settle();
      expect(a.view()).toMatchObject({ step: 'offerMail', message: 'printerUnavailable', attempt: 0 });
      expect(a.fakes.calls.approveCard).toEqual([]);
      a.actor.send({ type: 'CARD_REQUEST_MAIL' });
      expect(a.fakes.calls.requestMail[0]).toMatchObject({
        orderRef: ORDER_REF,
        orderCode: null,
        reason: 'printerUnavailable',
      });
    });

    it('a printer check that fails outright counts as not ready', async () => {
      const a = start();
      await toConfirmOrder(a);
      a.actor.send({ type: 'CARD_CONFIRM' });
      a.fakes.reject('checkPrinter', new Error('usb gone'));
      await settle();
      expect(a.view()).toMatchObject({ step: 'offerMail', message: 'printerUnavailable' });
    });
  });

  describe('approval', () => {
    it.each([
      ['tooManyAttempts', 'declined'],
      ['unknownOrder', 'declined'],
      ['orderNotOpen', 'orderNotOpen'],
      ['orderExpired', 'orderExpired'],
    ] as const)('declined (%s) ends failed with %s, without a mail offer', async (reason, message) => {
      const a = start();
      await toConfirmOrder(a);
      a.fakes.queue('checkPrinter', { output: { ready: true } });
      a.fakes.queue('approveCard', { output: { status: 'declined', reason } });
      a.actor.send({ type: 'CARD_CONFIRM' });
      await settle();
      expect(a.view()).toMatchObject({ step: 'failed', message, panLast4: null });
      expect(a.fakes.calls.produceCard).toEqual([]);
      expect(a.actor.getSnapshot().can({ type: 'CARD_REQUEST_MAIL' })).toBe(false);
    });

    it.each([
      ['offline', { output: { status: 'offline' } }],
      ['failing outright', { error: new Error('timeout') }],
    ] as const)('the bank %s offers mail by the order reference', async (_name, outcome) => {
      const a = start();
      await toConfirmOrder(a);
      a.fakes.queue('checkPrinter', { output: { ready: true } });
      a.fakes.queue('approveCard', outcome);
      a.actor.send({ type: 'CARD_CONFIRM' });
      await settle();
      expect(a.view()).toMatchObject({ step: 'offerMail', message: 'offline' });
      a.actor.send({ type: 'CARD_REQUEST_MAIL' });
      expect(a.fakes.calls.requestMail[0]).toMatchObject({
        orderRef: ORDER_REF,
        orderCode: null,
        reason: 'offline',
      });
    });
  });

  describe('production', () => {
    it('a retryable spoiled card is followed by a new card with a new attempt id, up to the limit', async () => {
      const a = start();
      await toProducing(a);
      const first = a.context().attemptId;
      a.fakes.queue('approveCard', { output: { ...APPROVED, panLast4: '1111' } });
      a.fakes.produce({ type: 'CARD_PHASE', phase: 'encoding' });
      a.fakes.produce({
        type: 'CARD_PRODUCED',
        result: { outcome: 'spoiled', reason: 'encodingFailed', retryable: true },
      });
      expect(a.view()).toMatchObject({ step: 'approving', attempt: 2, message: 'retrying', panLast4: null });
      const second = a.context().attemptId;
      expect(second).toMatch(UUID);
      expect(second).not.toBe(first);
      await settle();
      expect(a.fakes.calls.approveCard.at(-1)).toEqual({
        orderRef: ORDER_REF,
        attemptId: second,
        attempt: 2,
      });
      expect(a.view()).toMatchObject({ step: 'producing', attempt: 2, message: 'retrying', phase: null });
      expect(a.fakes.calls.produceCard.at(-1)).toEqual({
        orderRef: ORDER_REF,
        attemptId: second,
        attempt: 2,
      });

      // maxAttempts is 2: the second spoiled card ends the flow, even if a third might pass.
      a.fakes.produce({
        type: 'CARD_PRODUCED',
        result: { outcome: 'spoiled', reason: 'encodingFailed', retryable: true },
      });
      expect(a.view()).toMatchObject({ step: 'failed', message: 'cardSpoiled', attempt: 2 });
      expect(a.fakes.calls.approveCard).toHaveLength(2);
    });

    it('a spoiled card that is not retryable ends the flow on the first attempt; the order may go by mail', async () => {
      const a = start();
      await toProducing(a);
      a.fakes.produce({
        type: 'CARD_PRODUCED',
        result: { outcome: 'spoiled', reason: 'jam', retryable: false },
      });
      expect(a.view()).toMatchObject({ step: 'failed', message: 'cardSpoiled', attempt: 1 });
      a.actor.send({ type: 'CARD_REQUEST_MAIL' });
      expect(a.view().step).toBe('requestingMail');
      expect(a.fakes.calls.requestMail[0]).toMatchObject({
        orderRef: ORDER_REF,
        orderCode: null,
        reason: 'cardFailed',
      });
      a.fakes.resolve('requestMail', undefined);
      await settle();
      expect(a.view().step).toBe('mailRequested');
      await vi.advanceTimersByTimeAsync(5_000);
      expect(a.actor.getSnapshot().output).toEqual({ ending: 'mailRequested', receipt: null });
    });

    it('no card picked offers mail (printer unavailable)', async () => {
      const a = start();
      await toProducing(a);
      a.fakes.produce({ type: 'CARD_PRODUCED', result: { outcome: 'notPicked' } });
      expect(a.view()).toMatchObject({ step: 'offerMail', message: 'printerUnavailable' });
      expect(a.context().mailReason).toBe('printerUnavailable');
    });

    it('a card in doubt ends failed as interrupted, without a mail offer', async () => {
      const a = start();
      await toProducing(a);
      a.fakes.produce({ type: 'CARD_PRODUCED', result: { outcome: 'inDoubt' } });
      expect(a.view()).toMatchObject({ step: 'failed', message: 'interrupted' });
      expect(a.actor.getSnapshot().can({ type: 'CARD_REQUEST_MAIL' })).toBe(false);
    });

    it('a producer that fails outright is treated as a card in doubt', async () => {
      const fakes = createFakeCardIssuingActors();
      const broken = fromCallback<EventObject, ProduceCardInput>(() => {
        throw new Error('printer link lost');
      });
      const a = start({ ...fakes, actors: { ...fakes.actors, produceCard: broken } });
      await toProducing(a);
      expect(a.view()).toMatchObject({ step: 'failed', message: 'interrupted' });
      expect(a.actor.getSnapshot().can({ type: 'CARD_REQUEST_MAIL' })).toBe(false);
    });

    it('lost card data asks the bank again for the same card: same attempt id, same attempt', async () => {
      const a = start();
      await toProducing(a);
      const { attemptId } = a.context();
      a.fakes.queue('approveCard', { output: { ...APPROVED, panLast4: '9999' } });
      a.fakes.produce({ type: 'CARD_PRODUCED', result: { outcome: 'cardDataMissing' } });
      expect(a.view()).toMatchObject({ step: 'approving', attempt: 1, panLast4: null, message: null });
      expect(a.context().attemptId).toBe(attemptId);
      await settle();
      expect(a.fakes.calls.approveCard).toEqual([
        { orderRef: ORDER_REF, attemptId, attempt: 1 },
        { orderRef: ORDER_REF, attemptId, attempt: 1 },
      ]);
      expect(a.view()).toMatchObject({ step: 'producing', attempt: 1, panLast4: '9999' });
      expect(a.fakes.calls.produceCard.at(-1)).toEqual({ orderRef: ORDER_REF, attemptId, attempt: 1 });
    });

    it('ignores the customer while a card is in the printer', async () => {
      const a = start();
      await toProducing(a);
      for (const type of ['CARD_CANCEL', 'CARD_BACK', 'CARD_REQUEST_MAIL', 'CARD_CONFIRM'] as const) {
        expect(a.actor.getSnapshot().can({ type })).toBe(false);
        a.actor.send({ type });
      }
      expect(a.view().step).toBe('producing');
      expect(a.fakes.producerStops).toBe(0);
    });
  });

  describe('presenting and completing', () => {
    it.each([
      ['retained', { output: { outcome: 'retained' } }, 'cardRetained', true],
      ['in doubt', { output: { outcome: 'inDoubt' } }, 'interrupted', false],
      ['failing outright', { error: new Error('sensor') }, 'interrupted', false],
    ] as const)('a card %s ends failed (%s)', async (_name, outcome, message, mailOffered) => {
      const a = start();
      await toProducing(a);
      a.fakes.queue('awaitCardTaken', outcome);
      a.fakes.produce({ type: 'CARD_PRODUCED', result: { outcome: 'presented' } });
      await settle();
      expect(a.view()).toMatchObject({ step: 'failed', message, takeDeadline: null });
      expect(a.actor.getSnapshot().can({ type: 'CARD_REQUEST_MAIL' })).toBe(mailOffered);
      expect(a.fakes.calls.completeIssuing).toEqual([]);
    });

    it('ignores the customer while the card waits at the exit or is being recorded', async () => {
      const a = start();
      await toPresenting(a);
      expect(a.actor.getSnapshot().can({ type: 'CARD_CANCEL' })).toBe(false);
      a.fakes.resolve('awaitCardTaken', { outcome: 'taken' });
      await settle();
      expect(a.actor.getSnapshot().can({ type: 'CARD_CANCEL' })).toBe(false);
    });

    it('a completion that fails outright still ends issued, with the receipt failed', async () => {
      const a = start();
      await toCompleting(a);
      a.fakes.reject('completeIssuing', new Error('journal closed'));
      await settle();
      expect(a.view()).toMatchObject({ step: 'done', receipt: 'failed' });
      a.actor.send({ type: 'CARD_CANCEL' });
      expect(a.actor.getSnapshot().output).toEqual({ ending: 'issued', receipt: 'failed' });
    });
  });

  describe('the customer walks away (FLOW_ABORT)', () => {
    const before: Record<string, (a: Started) => Promise<void> | void> = {
      chooseMethod: () => {},
      enterCode: (a) => a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' }),
      lookingUp: (a) => {
        a.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
        a.actor.send({ type: 'CARD_ORDER_CODE', code: CODE });
      },
      confirmOrder: toConfirmOrder,
      checkingPrinter: async (a) => {
        await toConfirmOrder(a);
        a.actor.send({ type: 'CARD_CONFIRM' });
      },
      offerMail: toOfferMailOffline,
      approving: async (a) => {
        await toConfirmOrder(a);
        a.fakes.queue('checkPrinter', { output: { ready: true } });
        a.actor.send({ type: 'CARD_CONFIRM' });
        await settle();
      },
    };

    it.each(Object.entries(before))('in %s: closes at once, timed out', async (state, reach) => {
      const a = start();
      await reach(a);
      expect(a.actor.getSnapshot().value).toBe(state);
      a.actor.send({ type: 'FLOW_ABORT' });
      expect(a.actor.getSnapshot().status).toBe('done');
      expect(a.actor.getSnapshot().output).toEqual({ ending: 'timedOut', receipt: null });
      // Whatever was asked is stopped: the runtime voids a number issued to an abandoned approval.
      for (const name of ['lookupOrder', 'checkPrinter', 'approveCard'] as const)
        expect(a.fakes.isRunning(name)).toBe(false);
    });

    it('while producing: the card is finished, taken, recorded; no last screen', async () => {
      const a = start();
      await toProducing(a);
      a.actor.send({ type: 'FLOW_ABORT' });
      expect(a.view().step).toBe('producing');
      expect(a.fakes.producerStops).toBe(0);
      a.fakes.produce({ type: 'CARD_PRODUCED', result: { outcome: 'presented' } });
      a.fakes.resolve('awaitCardTaken', { outcome: 'taken' });
      await settle();
      a.fakes.resolve('completeIssuing', { receipt: 'printed' });
      await settle();
      expect(a.actor.getSnapshot().status).toBe('done');
      expect(a.actor.getSnapshot().output).toEqual({ ending: 'issued', receipt: 'printed' });
    });

    it('while producing a card the printer could not pick: no offer to nobody; closes, timed out', async () => {
      const a = start();
      await toProducing(a);
      a.actor.send({ type: 'FLOW_ABORT' });
      a.fakes.produce({ type: 'CARD_PRODUCED', result: { outcome: 'notPicked' } });
      // The session waits for the flow to close: a mail offer left open would hold the kiosk on it.
      expect(a.actor.getSnapshot().status).toBe('done');
      expect(a.actor.getSnapshot().output).toEqual({ ending: 'timedOut', receipt: null });
    });

    it('while presenting: the card is retained; the flow ends failed without a last screen', async () => {
      const a = start();
      await toPresenting(a);
      a.actor.send({ type: 'FLOW_ABORT' });
      expect(a.view().step).toBe('presenting');
      a.fakes.resolve('awaitCardTaken', { outcome: 'retained' });
      await settle();
      expect(a.actor.getSnapshot().status).toBe('done');
      expect(a.actor.getSnapshot().output).toEqual({ ending: 'failed', receipt: null });
    });

    it('while completing: the record and receipt finish; no last screen', async () => {
      const a = start();
      await toCompleting(a);
      a.actor.send({ type: 'FLOW_ABORT' });
      expect(a.view().step).toBe('completing');
      a.fakes.resolve('completeIssuing', { receipt: 'unavailable' });
      await settle();
      expect(a.actor.getSnapshot().output).toEqual({ ending: 'issued', receipt: 'unavailable' });
    });

    it('while requesting mail: the request is recorded; no last screen', async () => {
      const a = start();
      await toOfferMailOffline(a);
      a.actor.send({ type: 'CARD_REQUEST_MAIL' });
      a.actor.send({ type: 'FLOW_ABORT' });
      expect(a.view().step).toBe('requestingMail');
      a.fakes.resolve('requestMail', undefined);
      await settle();
      expect(a.actor.getSnapshot().output).toEqual({ ending: 'mailRequested', receipt: null });
    });

    it('on a last screen: closes it at once, keeping how the flow ended', async () => {
      const a = start();
      await toCompleting(a);
      a.fakes.resolve('completeIssuing', { receipt: 'printed' });
      await settle();
      a.actor.send({ type: 'FLOW_ABORT' });
      expect(a.actor.getSnapshot().output).toEqual({ ending: 'issued', receipt: 'printed' });
    });
  });

  describe('last screens', () => {
    const reach: Record<string, (a: Started) => Promise<void>> = {
      done: async (a) => {
        await toCompleting(a);
        a.fakes.resolve('completeIssuing', { receipt: 'printed' });
        await settle();
      },
      failed: async (a) => {
        await toProducing(a);
        a.fakes.produce({ type: 'CARD_PRODUCED', result: { outcome: 'inDoubt' } });
      },
      cancelled: async (a) => {
        a.actor.send({ type: 'CARD_CANCEL' });
      },
      mailRequested: async (a) => {
        await toOfferMailOffline(a);
        a.actor.send({ type: 'CARD_REQUEST_MAIL' });
        a.fakes.resolve('requestMail', undefined);
        await settle();
      },
    };

    it.each(Object.keys(reach))('%s stays for the display time, or until "Finish"', async (state) => {
      const timed = start();
      await reach[state]!(timed);
      expect(timed.view().step).toBe(state);
      expect(timed.context().displayDeadline).toBe(Date.now() + 5_000);
      await vi.advanceTimersByTimeAsync(4_999);
      expect(timed.actor.getSnapshot().status).toBe('active');
      await vi.advanceTimersByTimeAsync(1);
      expect(timed.actor.getSnapshot().status).toBe('done');

      const finished = start();
      await reach[state]!(finished);
      finished.actor.send({ type: 'CARD_CANCEL' });
      expect(finished.actor.getSnapshot().status).toBe('done');
      expect(finished.actor.getSnapshot().output).toEqual(timed.actor.getSnapshot().output);
    });

    it.each(Object.keys(reach))('%s restored keeps its deadline once RESUMED', async (state) => {
      const a = start();
      await reach[state]!(a);
      await vi.advanceTimersByTimeAsync(3_000);
      const restored = persistAndRestore(a);
      expect(restored.view().step).toBe(state);
      // XState does not restore the timer: without RESUMED the screen would stay.
      await vi.advanceTimersByTimeAsync(10_000);
      expect(restored.actor.getSnapshot().status).toBe('active');
      restored.actor.send({ type: 'RESUMED' });
      expect(restored.context().displayDeadline).toBe(a.actor.getSnapshot().context.displayDeadline);
      // The deadline has passed while the kiosk was down: the screen closes at once.
      await settle();
      expect(restored.actor.getSnapshot().status).toBe('done');
    });

    it('a restored last screen ends when it would have, not a whole display time later', async () => {
      const a = start();
      a.actor.send({ type: 'CARD_CANCEL' });
      await vi.advanceTimersByTimeAsync(3_000);
      const restored = persistAndRestore(a);
      restored.actor.send({ type: 'RESUMED' });
      await vi.advanceTimersByTimeAsync(1_900);
      expect(restored.actor.getSnapshot().status).toBe('active');
      await vi.advanceTimersByTimeAsync(100);
      expect(restored.actor.getSnapshot().status).toBe('done');
      expect(restored.actor.getSnapshot().output).toEqual({ ending: 'cancelled', receipt: null });
    });
  });

  describe('restoring a persisted snapshot', () => {
    it('approving re-asks the bank with the same attempt id, without counting a new card', async () => {
      const a = start();
      await toConfirmOrder(a);
      a.fakes.queue('checkPrinter', { output: { ready: true } });
      a.actor.send({ type: 'CARD_CONFIRM' });
      await settle();
      const [first] = a.fakes.calls.approveCard;
      const restored = persistAndRestore(a);
      expect(restored.fakes.calls.approveCard).toEqual([first]);
      expect(restored.view()).toMatchObject({ step: 'approving', attempt: 1 });
    });

    it('producing re-runs the producer for the same attempt; lost data asks the bank again for it', async () => {
      const a = start();
      await toProducing(a);
      a.fakes.produce({ type: 'CARD_PHASE', phase: 'printing' });
      const { attemptId } = a.context();
      const restored = persistAndRestore(a);
      expect(restored.view()).toMatchObject({ step: 'producing', phase: 'printing', panLast4: '4242' });
      expect(restored.fakes.calls.produceCard).toEqual([{ orderRef: ORDER_REF, attemptId, attempt: 1 }]);
      restored.fakes.produce({ type: 'CARD_PRODUCED', result: { outcome: 'cardDataMissing' } });
      expect(restored.fakes.calls.approveCard).toEqual([{ orderRef: ORDER_REF, attemptId, attempt: 1 }]);
      restored.actor.stop();
    });

    it('presenting waits for the same card until the same deadline', async () => {
      const a = start();
      await toPresenting(a);
      const [waiting] = a.fakes.calls.awaitCardTaken;
      await vi.advanceTimersByTimeAsync(10_000);
      const restored = persistAndRestore(a);
      restored.actor.send({ type: 'RESUMED' });
      expect(restored.fakes.calls.awaitCardTaken).toEqual([waiting]);
      expect(restored.view().takeDeadline).toBe(waiting?.takeDeadline);
      restored.actor.stop();
    });

    it('holds no order code once the order is found, and nothing of the card but what the screen shows', async () => {
      const a = start();
      await toPresenting(a);
      const persisted = JSON.stringify(a.actor.getPersistedSnapshot());
      expect(persisted).not.toContain(CODE);
      expect(Object.keys(a.context()).filter((key) => /pan|track/i.test(key))).toEqual(['panLast4']);
    });
  });
});
