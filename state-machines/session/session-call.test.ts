import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, type EventObject, fromCallback, fromPromise } from 'xstate';
import { type CallStatus, KioskView, type ReceiptOutcome } from '../../contracts/index.ts';
import { cardIssuingMachine } from '../card-issuing/card-issuing-machine.ts';
import type { CardIssuingInput } from '../card-issuing/card-issuing-types.ts';
import { createFakeCardIssuingActors } from '../card-issuing/fake-card-issuing-actors.ts';
import { identifyCustomerMachine } from '../identify-customer/identify-customer-machine.ts';
import type {
  IdentifyActorEvent,
  ScanDocumentInput,
  ScanDocumentOutput,
} from '../identify-customer/identify-customer-types.ts';
import { createFakeTellerLink } from '../video-teller/fake-teller-link.ts';
import { videoTellerMachine } from '../video-teller/video-teller-machine.ts';
import { SESSION_MACHINE_VERSION, sessionMachine } from './session-machine.ts';
import { screenOf, sessionCallDocumentOnScreen, toKioskView } from './session-view.ts';

/**
 * The video teller call inside the session: it lies over the menu or a flow step, which the
 * customer finds again when it ends; it holds off the inactivity prompt; it ends with the session.
 */

const timing = { inactivityMs: 30_000, timeoutPromptMs: 15_000, goodbyeMs: 5_000 };
const call = { queueTimeoutMs: 600_000, reconnectMs: 20_000, endedMs: 5_000, requestTimeoutMs: 10_000 };
const card: CardIssuingInput = {
  methods: { orderCode: true, qr: false, idScan: true },
  maxAttempts: 2,
  takeTimeoutMs: 30_000,
  maxCodeAttempts: 3,
  displayMs: 5_000,
};
const CALL = '6f1c2a4e-0000-4000-8000-000000000001';
const ACTION = '6f1c2a4e-0000-4000-8000-00000000000a';
const queued: CallStatus = { callId: CALL, state: 'queued', position: 1, etaSeconds: 60 };
const connected: CallStatus = { callId: CALL, state: 'connected', leg: 1, tellerName: 'Ana', iceServers: [] };

/** One scanner for both identify steps (the flow's and the call's); the test decides what it reads. */
function fakeScanner() {
  let sendBack: ((event: IdentifyActorEvent) => void) | null = null;
  let runs = 0;
  const actor = fromCallback<EventObject, ScanDocumentInput>(({ sendBack: send }) => {
    runs += 1;
    sendBack = send as (event: IdentifyActorEvent) => void;
    return () => {
      sendBack = null;
    };
  });
  return {
    actor,
    get runs() {
      return runs;
    },
    scanned(output: ScanDocumentOutput) {
      if (!sendBack) throw new Error('scanner not running');
      sendBack({ type: 'IDENTIFY_SCANNED', output });
    },
  };
}

function start() {
  const link = createFakeTellerLink();
  const scanner = fakeScanner();
  const cardFakes = createFakeCardIssuingActors();
  const identify = identifyCustomerMachine.provide({
    actors: { scanDocument: scanner.actor, readAppCode: scanner.actor },
  });
  const machine = sessionMachine.provide({
    actors: {
      printSessionReceipt: fromPromise(async () => 'printed' as ReceiptOutcome),
      cancelFlow: fromPromise(async () => {}),
      cardIssuing: cardIssuingMachine.provide({
        actors: { ...cardFakes.actors, identifyCustomer: identify },
      }),
      videoTeller: videoTellerMachine.provide({
        actors: { tellerLink: link.actor, identifyCustomer: identify },
      }),
    },
  });
  const actor = createActor(machine, { input: { timing, card, call } }).start();
  actor.send({ type: 'SERVICE_CHANGED', inService: true, reason: null });
  actor.send({ type: 'MENU_CHANGED', availableFlows: ['cardIssuing', 'videoTeller'] });
  actor.send({ type: 'START' });
  actor.send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
  const view = () =>
    KioskView.parse(toKioskView(actor.getSnapshot(), { revision: 1, menu: [], backendOnline: true }));
  return { actor, link, scanner, cardFakes, view, screen: () => screenOf(actor.getSnapshot()) };
}

type Session = ReturnType<typeof start>;

/** Consent, queued, a teller answers. */
function connect(s: Session) {
  s.actor.send({ type: 'CALL_CONSENT' });
  s.link.send({ type: 'LINK_REQUESTED', callId: CALL });
  s.link.send({ type: 'LINK_STATUS', status: queued });
  s.link.send({ type: 'LINK_STATUS', status: connected });
}

describe('session: video teller call', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is version 6', () => {
    expect(SESSION_MACHINE_VERSION).toBe(6);
  });

  it('opens from the menu over the menu, and gives the menu back when it ends', async () => {
    const s = start();
    expect(s.view().call).toBeNull();
    s.actor.send({ type: 'SELECT_FLOW', flow: 'videoTeller' });
    expect(s.view()).toMatchObject({
      screen: 'menu',
      flow: null,
      call: { step: 'consent', origin: 'menu', topic: 'general' },
    });
    expect(s.link.inputs).toEqual([
      { topic: 'general', origin: 'menu', context: { language: 'en', flow: null, step: null } },
    ]);
    connect(s);
    s.actor.send({ type: 'CALL_MEDIA', leg: 1, state: 'connected' });
    expect(s.view().call?.step).toBe('live');
    s.actor.send({ type: 'CALL_END' });
    expect(s.link.commandsOf('LINK_END')).toEqual([{ type: 'LINK_END', reason: 'customerEnded' }]);
    s.actor.send({ type: 'CALL_DISMISS' });
    expect(s.view()).toMatchObject({ screen: 'menu', call: null });
    expect(s.link.disposed).toBe(1);
    // Another call may be opened afterwards.
    s.actor.send({ type: 'CALL_TELLER' });
    expect(s.view().call).toMatchObject({ step: 'consent', origin: 'help', topic: 'general' });
  });

  it('does not open from the menu when the menu does not offer it', () => {
    const s = start();
    s.actor.send({ type: 'MENU_CHANGED', availableFlows: ['cardIssuing'] });
    s.actor.send({ type: 'SELECT_FLOW', flow: 'videoTeller' });
    expect(s.view().call).toBeNull();
  });

  it('opens for help at a card flow step and gives back that exact step', async () => {
    const s = start();
    s.actor.send({ type: 'SELECT_FLOW', flow: 'cardIssuing' });
    s.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'orderCode' });
    expect(s.view().card?.step).toBe('enterCode');
    s.actor.send({ type: 'CALL_TELLER' });
    expect(s.view()).toMatchObject({
      screen: 'flow',
      card: { step: 'enterCode' },
      call: { step: 'consent', origin: 'help', topic: 'cards' },
    });
    expect(s.link.inputs[0]?.context).toEqual({ language: 'en', flow: 'cardIssuing', step: null });
    // A second "Need help?" while a call is open opens nothing more.
    s.actor.send({ type: 'CALL_TELLER', topic: 'accounts' });
    expect(s.link.inputs).toHaveLength(1);
    s.actor.send({ type: 'CALL_DECLINE' });
    expect(s.view()).toMatchObject({ screen: 'flow', card: { step: 'enterCode' }, call: null });
  });

  it('opens for a flow awaiting approval (origin approval), and not a second time', () => {
    const s = start();
    s.actor.send({ type: 'TELLER_NEEDED', topic: 'cards' });
    expect(s.view().call).toMatchObject({ origin: 'approval', topic: 'cards' });
    s.actor.send({ type: 'TELLER_NEEDED', topic: 'general' });
    expect(s.link.inputs).toHaveLength(1);
  });

  it('does not ask "more time?" while a call holds the customer, and watches again after it', async () => {
    const s = start();
    s.actor.send({ type: 'CALL_TELLER' });
    connect(s);
    await vi.advanceTimersByTimeAsync(timing.inactivityMs * 4);
    expect(s.view().timeoutPrompt).toBeNull();
    expect(s.view().call?.step).toBe('connecting');
    s.link.send({ type: 'LINK_STATUS', status: { callId: CALL, state: 'ended', reason: 'tellerEnded' } });
    s.actor.send({ type: 'CALL_DISMISS' });
    await vi.advanceTimersByTimeAsync(timing.inactivityMs);
    expect(s.view().timeoutPrompt).not.toBeNull();
  });

  it('still asks when the customer walked away from the consent question', async () => {
    const s = start();
    s.actor.send({ type: 'CALL_TELLER' });
    await vi.advanceTimersByTimeAsync(timing.inactivityMs);
    expect(s.view().timeoutPrompt).not.toBeNull();
  });

  it('END_SESSION during a call stops it, and the link ends the call at the backend', async () => {
    const s = start();
    s.actor.send({ type: 'SELECT_FLOW', flow: 'videoTeller' });
    connect(s);
    s.actor.send({ type: 'END_SESSION' });
    expect(s.screen()).toBe('goodbye');
    expect(s.view().call).toBeNull();
    expect(s.link.disposed).toBe(1);
    expect(s.link.commandsOf('LINK_END')).toEqual([{ type: 'LINK_END', reason: 'sessionEnded' }]);
  });

  it('routes the identify answers to the call while its ID scan reads, and to the flow otherwise', async () => {
    const s = start();
    s.actor.send({ type: 'SELECT_FLOW', flow: 'cardIssuing' });
    s.actor.send({ type: 'CALL_TELLER' });
    connect(s);
    s.link.send({ type: 'LINK_ACTION', action: { kind: 'askIdScan', actionId: ACTION } });
    s.actor.send({ type: 'CALL_ID_SCAN_ACCEPT' });
    expect(s.view().call?.idScan).toMatchObject({ step: 'scanning', identify: { step: 'placeDocument' } });
    s.scanner.scanned({ status: 'accepted', captureId: 'capture-9', expired: false });
    expect(sessionCallDocumentOnScreen(s.actor.getSnapshot())).toBe('capture-9');
    s.actor.send({ type: 'IDENTIFY_CONFIRM' });
    expect(s.view().call?.idScan?.step).toBe('sharing');
    expect(s.link.commandsOf('LINK_DOCUMENT')).toEqual([
      { type: 'LINK_DOCUMENT', actionId: ACTION, outcome: 'shared', captureId: 'capture-9' },
    ]);
    // The flow below was left as it was.
    expect(s.view().card?.step).toBe('chooseMethod');
    expect(s.actor.getSnapshot().context.callScanning).toBe(false);

    // With the call's scan done, the answers are the flow's again.
    s.actor.send({ type: 'CARD_CHOOSE_METHOD', method: 'idScan' });
    expect(s.view().card?.step).toBe('identifying');
    s.actor.send({ type: 'IDENTIFY_BACK' });
    expect(s.view().card?.step).toBe('chooseMethod');
  });

  it('a restored session ends the call it had as kioskLost and keeps the screen below', async () => {
    const s = start();
    s.actor.send({ type: 'SELECT_FLOW', flow: 'videoTeller' });
    connect(s);
    const persisted = JSON.parse(JSON.stringify(s.actor.getPersistedSnapshot()));
    s.actor.stop();
    const link = createFakeTellerLink();
    const machine = sessionMachine.provide({
      actors: {
        printSessionReceipt: fromPromise(async () => 'printed' as ReceiptOutcome),
        cancelFlow: fromPromise(async () => {}),
        videoTeller: videoTellerMachine.provide({ actors: { tellerLink: link.actor } }),
      },
    });
    const restored = createActor(machine, { input: { timing, card, call }, snapshot: persisted }).start();
    restored.send({ type: 'RESUMED' });
    const view = () => toKioskView(restored.getSnapshot(), { revision: 2, menu: [], backendOnline: true });
    expect(view()).toMatchObject({ screen: 'menu', call: { step: 'ended', endedReason: 'kioskLost' } });
    await vi.advanceTimersByTimeAsync(call.endedMs);
    expect(view()).toMatchObject({ screen: 'menu', call: null });
    // The watch runs again after the lost call.
    await vi.advanceTimersByTimeAsync(timing.inactivityMs);
    expect(view().timeoutPrompt).not.toBeNull();
    restored.stop();
  });
});
