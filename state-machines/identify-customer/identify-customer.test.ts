import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, type EventObject, fromCallback } from 'xstate';
import { CardIssuingView, IdentifyView } from '../../contracts/index.ts';
import { cardIssuingMachine } from '../card-issuing/card-issuing-machine.ts';
import type { CardIssuingInput } from '../card-issuing/card-issuing-types.ts';
import { cardDocumentOnScreen, toCardIssuingView } from '../card-issuing/card-issuing-view.ts';
import { createFakeCardIssuingActors } from '../card-issuing/fake-card-issuing-actors.ts';
import { identifyCustomerMachine } from './identify-customer-machine.ts';
import type {
  IdentifyActorEvent,
  IdentifyInput,
  ReadAppCodeOutput,
  ScanDocumentInput,
  ScanDocumentOutput,
} from './identify-customer-types.ts';
import { documentOnScreen, toIdentifyView } from './identify-customer-view.ts';

/**
 * The identify-customer step alone, and inside the card issuing flow. The scanner actors are
 * fakes the test drives: it decides when a document is seen and what the read came to.
 */

function fakeScanners() {
  let sendBack: ((event: IdentifyActorEvent) => void) | null = null;
  const runs = { scanDocument: 0, readAppCode: 0, stopped: 0 };
  const actor = (name: 'scanDocument' | 'readAppCode') =>
    fromCallback<EventObject, ScanDocumentInput>(({ sendBack: send }) => {
      runs[name] += 1;
      sendBack = send as (event: IdentifyActorEvent) => void;
      return () => {
        sendBack = null;
        runs.stopped += 1;
      };
    });
  const send = (event: IdentifyActorEvent) => {
    if (!sendBack) throw new Error('no scanner actor is running');
    sendBack(event);
  };
  return {
    actors: { scanDocument: actor('scanDocument'), readAppCode: actor('readAppCode') },
    runs,
    running: () => sendBack !== null,
    seen: () => send({ type: 'IDENTIFY_INPUT_SEEN' }),
    scanned: (output: ScanDocumentOutput) => send({ type: 'IDENTIFY_SCANNED', output }),
    read: (output: ReadAppCodeOutput) => send({ type: 'IDENTIFY_CODE_READ', output }),
  };
}

const ACCEPTED: ScanDocumentOutput = { status: 'accepted', captureId: 'capture-1', expired: false };
const CARD_ORDER: ReadAppCodeOutput = {
  status: 'verified',
  code: { kind: 'cardOrder', orderCode: 'AB23CD45' },
};

function startIdentify(method: IdentifyInput['method'], maxAttempts = 3) {
  const scanners = fakeScanners();
  const actor = createActor(identifyCustomerMachine.provide({ actors: scanners.actors }), {
    input: { method, maxAttempts, acceptKinds: ['cardOrder'] },
  }).start();
  const view = () => IdentifyView.parse(toIdentifyView(actor.getSnapshot()));
  return { actor, scanners, view };
}

describe('identify customer: ID document', () => {
  it('places, reads, confirms: the output is the capture, and the screen shows it meanwhile', () => {
    const { actor, scanners, view } = startIdentify('idScan');
    expect(view()).toEqual({
      method: 'idScan',
      step: 'placeDocument',
      attemptsLeft: 3,
      message: null,
      document: null,
    });
    scanners.seen();
    expect(view().step).toBe('reading');
    scanners.scanned(ACCEPTED);
    expect(view().step).toBe('confirmDocument');
    expect(documentOnScreen(actor.getSnapshot())).toBe('capture-1');
    expect(scanners.running()).toBe(false);
    actor.send({ type: 'IDENTIFY_CONFIRM' });
    expect(actor.getSnapshot().output).toEqual({ result: 'document', captureId: 'capture-1' });
  });

  it('a read it cannot be certain of costs an attempt; the last one ends where help is', () => {
    const { actor, scanners, view } = startIdentify('idScan', 2);
    scanners.scanned({ status: 'rejected', reason: 'notCertain' });
    expect(view()).toMatchObject({ step: 'rescan', message: 'notCertain', attemptsLeft: 1 });
    expect(documentOnScreen(actor.getSnapshot())).toBeNull();
    actor.send({ type: 'IDENTIFY_RESCAN' });
    expect(view().step).toBe('placeDocument');
    scanners.scanned({ status: 'rejected', reason: 'unreadable' });
    expect(view()).toMatchObject({ step: 'failed', message: 'tooManyAttempts', attemptsLeft: 0 });
    // No scan again from here: only back, to choose another way.
    actor.send({ type: 'IDENTIFY_RESCAN' });
    expect(view().step).toBe('failed');
    actor.send({ type: 'IDENTIFY_BACK' });
    expect(actor.getSnapshot().output).toEqual({ result: 'back' });
  });

  it('an expired document is not accepted, and costs an attempt', () => {
    const { scanners, view } = startIdentify('idScan');
    scanners.scanned({ status: 'accepted', captureId: 'capture-2', expired: true });
    expect(view()).toMatchObject({ step: 'rescan', message: 'documentExpired', attemptsLeft: 2 });
  });

  it('nothing placed in time asks again without costing an attempt', () => {
    const { scanners, view } = startIdentify('idScan');
    scanners.scanned({ status: 'noDocument' });
    expect(view()).toMatchObject({ step: 'rescan', message: 'noDocument', attemptsLeft: 3 });
  });

  it('a scanner that does not work ends the step where help is', () => {
    const { scanners, view } = startIdentify('idScan');
    scanners.scanned({ status: 'unavailable' });
    expect(view()).toMatchObject({ step: 'failed', message: 'scannerUnavailable' });
  });

  it('wrong data on the confirmation: the reading is dropped and the document read again, free', () => {
    const { actor, scanners, view } = startIdentify('idScan');
    scanners.scanned(ACCEPTED);
    actor.send({ type: 'IDENTIFY_RESCAN' });
    expect(view()).toMatchObject({ step: 'placeDocument', attemptsLeft: 3 });
    expect(documentOnScreen(actor.getSnapshot())).toBeNull();
    expect(scanners.runs.scanDocument).toBe(2);
  });

  it('back while scanning stops the scanner and keeps nothing', () => {
    const { actor, scanners } = startIdentify('idScan');
    actor.send({ type: 'IDENTIFY_BACK' });
    expect(scanners.running()).toBe(false);
    expect(scanners.runs.stopped).toBe(1);
    expect(actor.getSnapshot().output).toEqual({ result: 'back' });
  });

  it('back from the confirmation forgets the document', () => {
    const { actor, scanners } = startIdentify('idScan');
    scanners.scanned(ACCEPTED);
    actor.send({ type: 'IDENTIFY_BACK' });
    expect(actor.getSnapshot().output).toEqual({ result: 'back' });
  });
});

describe('identify customer: QR code from the app', () => {
  it('a verified card order code ends the step with it', () => {
    const { actor, scanners, view } = startIdentify('qr');
    expect(view().step).toBe('scanQr');
    scanners.seen();
    expect(view().step).toBe('verifyingQr');
    scanners.read(CARD_ORDER);
    expect(actor.getSnapshot().output).toEqual({ result: 'appCode', code: CARD_ORDER.code });
  });

  it.each([
    [{ status: 'refused', reason: 'qrForged' }, 'qrForged'],
    [{ status: 'refused', reason: 'qrExpired' }, 'qrExpired'],
    [{ status: 'refused', reason: 'qrUnknown' }, 'qrUnknown'],
    [
      { status: 'verified', code: { kind: 'accountApplication', applicationRef: 'app-ref-0001' } },
      'qrWrongKind',
    ],
  ] as const)('%j is refused as %s, and costs an attempt', (output, message) => {
    const { actor, scanners, view } = startIdentify('qr');
    scanners.read(output as ReadAppCodeOutput);
    expect(view()).toMatchObject({ step: 'rescan', message, attemptsLeft: 2 });
    actor.send({ type: 'IDENTIFY_RESCAN' });
    expect(view().step).toBe('scanQr');
    expect(scanners.runs.readAppCode).toBe(2);
  });

  it('three refused codes end the step', () => {
    const { scanners, view, actor } = startIdentify('qr');
    for (let i = 0; i < 3; i += 1) {
      scanners.read({ status: 'refused', reason: 'qrForged' });
      if (i < 2) actor.send({ type: 'IDENTIFY_RESCAN' });
    }
    expect(view()).toMatchObject({ step: 'failed', message: 'tooManyAttempts' });
  });

  it('no code shown in time asks again, free', () => {
    const { scanners, view } = startIdentify('qr');
    scanners.read({ status: 'noCode' });
    expect(view()).toMatchObject({ step: 'rescan', message: 'noCode', attemptsLeft: 3 });
  });
});

describe('identify step inside card issuing', () => {
  const input: CardIssuingInput = {
    methods: { orderCode: true, qr: true, idScan: true },
    maxAttempts: 2,
    takeTimeoutMs: 30_000,
    maxCodeAttempts: 3,
    displayMs: 5_000,
  };
  const FOUND = {
    status: 'found',
    orderRef: 'order-ref-0001',
    holderNameMasked: 'M**** G*****',
    product: 'debit',
    orderStatus: 'open',
    tellerApproval: false,
  } as const;

  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function startCard() {
    const fakes = createFakeCardIssuingActors();
    const scanners = fakeScanners();
    const machine = cardIssuingMachine.provide({
      actors: {
        ...fakes.actors,
        identifyCustomer: identifyCustomerMachine.provide({ actors: scanners.actors }),
      },
    });
    const actor = createActor(machine, { input }).start();
    const view = () => CardIssuingView.parse(toCardIssuingView(actor.getSnapshot()));
    return { actor, fakes, scanners, view };
  }

  it('offers QR and ID scan when the kiosk does', () => {
    const { view } = startCard();
    expect(view().methods.every((m) => m.available)).toBe(true);
  });

  it('a QR code from the app looks the order up by its code', async () => {
    const { actor, fakes, scanners, view } = startCard();
    actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'qr' });
    expect(view()).toMatchObject({ step: 'identifying', identify: { method: 'qr', step: 'scanQr' } });
    scanners.read(CARD_ORDER);
    expect(view().step).toBe('lookingUp');
    expect(fakes.calls.lookupOrder).toEqual([{ by: 'code', orderCode: 'AB23CD45' }]);
    fakes.resolve('lookupOrder', FOUND);
    await vi.advanceTimersByTimeAsync(0);
    expect(view()).toMatchObject({ step: 'confirmOrder', holderNameMasked: 'M**** G*****', identify: null });
    // Back from an order found by QR goes to the choice, not to typing a code.
    actor.send({ type: 'CARD_BACK' });
    expect(view().step).toBe('chooseMethod');
  });

  it('a document confirmed by the customer looks the order up by the document', async () => {
    const { actor, fakes, scanners, view } = startCard();
    actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'idScan' });
    scanners.seen();
    expect(view().identify).toMatchObject({ step: 'reading' });
    scanners.scanned(ACCEPTED);
    expect(view().identify).toMatchObject({ step: 'confirmDocument' });
    expect(cardDocumentOnScreen(actor.getSnapshot())).toBe('capture-1');
    actor.send({ type: 'IDENTIFY_CONFIRM' });
    expect(view().step).toBe('lookingUp');
    expect(fakes.calls.lookupOrder).toEqual([{ by: 'document', captureId: 'capture-1' }]);
    fakes.resolve('lookupOrder', FOUND);
    await vi.advanceTimersByTimeAsync(0);
    expect(view().step).toBe('confirmOrder');
    expect(actor.getSnapshot().context.captureId).toBeNull();
  });

  it('no order for the document: back to the choice, saying so, with the codes left intact', async () => {
    const { actor, fakes, scanners, view } = startCard();
    actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'idScan' });
    scanners.scanned(ACCEPTED);
    actor.send({ type: 'IDENTIFY_CONFIRM' });
    fakes.resolve('lookupOrder', { status: 'notFound' });
    await vi.advanceTimersByTimeAsync(0);
    expect(view()).toMatchObject({
      step: 'chooseMethod',
      message: 'noOrderForDocument',
      codeAttemptsLeft: 3,
    });
    // Typing a code from here starts clean.
    actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
    expect(view()).toMatchObject({ step: 'enterCode', message: null });
  });

  it('offline with a document: it cannot be mailed, so the flow says so and ends', async () => {
    const { actor, fakes, scanners, view } = startCard();
    actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'idScan' });
    scanners.scanned(ACCEPTED);
    actor.send({ type: 'IDENTIFY_CONFIRM' });
    fakes.resolve('lookupOrder', { status: 'offline' });
    await vi.advanceTimersByTimeAsync(0);
    expect(view()).toMatchObject({ step: 'failed', message: 'offline', canRequestMail: false });
  });

  it('offline with a QR code: mail is offered, by the code', async () => {
    const { actor, fakes, scanners, view } = startCard();
    actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'qr' });
    scanners.read(CARD_ORDER);
    fakes.resolve('lookupOrder', { status: 'offline' });
    await vi.advanceTimersByTimeAsync(0);
    expect(view()).toMatchObject({ step: 'offerMail', message: 'offline', canRequestMail: true });
    expect(actor.getSnapshot().context.orderCode).toBe('AB23CD45');
  });

  it('back from the identify step returns to the choice; cancel and walking away stop the scanner', () => {
    const first = startCard();
    first.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'idScan' });
    first.actor.send({ type: 'IDENTIFY_BACK' });
    expect(first.view()).toMatchObject({ step: 'chooseMethod', identify: null });
    expect(first.scanners.running()).toBe(false);

    const second = startCard();
    second.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'qr' });
    second.actor.send({ type: 'CARD_CANCEL' });
    expect(second.view().step).toBe('cancelled');
    expect(second.scanners.running()).toBe(false);

    const third = startCard();
    third.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'idScan' });
    third.actor.send({ type: 'FLOW_ABORT' });
    expect(third.actor.getSnapshot().status).toBe('done');
    expect(third.scanners.running()).toBe(false);
  });

  it('a persisted session in the identify step restores to a fresh scan', () => {
    const { actor, scanners } = startCard();
    actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'idScan' });
    scanners.scanned({ status: 'rejected', reason: 'notCertain' });
    const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    actor.stop();
    const again = fakeScanners();
    const restored = createActor(
      cardIssuingMachine.provide({
        actors: {
          ...createFakeCardIssuingActors().actors,
          identifyCustomer: identifyCustomerMachine.provide({ actors: again.actors }),
        },
      }),
      { input, snapshot: persisted },
    ).start();
    const view = CardIssuingView.parse(toCardIssuingView(restored.getSnapshot()));
    expect(view).toMatchObject({ step: 'identifying', identify: { step: 'rescan', attemptsLeft: 2 } });
    restored.send({ type: 'IDENTIFY_RESCAN' });
    expect(again.running()).toBe(true);
  });
});
