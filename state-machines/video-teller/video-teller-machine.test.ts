import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, type EventObject, fromCallback } from 'xstate';
import { type CallStatus, VideoTellerView } from '../../contracts/index.ts';
import { identifyCustomerMachine } from '../identify-customer/identify-customer-machine.ts';
import type {
  IdentifyActorEvent,
  ScanDocumentInput,
  ScanDocumentOutput,
} from '../identify-customer/identify-customer-types.ts';
import { createFakeTellerLink } from './fake-teller-link.ts';
import { MAX_NOTES, videoTellerMachine } from './video-teller-machine.ts';
import type { VideoTellerInput } from './video-teller-types.ts';
import { callDocumentOnScreen, toVideoTellerView } from './video-teller-view.ts';

/**
 * The kiosk's call machine alone, with a fake link the test answers for the backend and a fake
 * document scanner for the teller's "show your ID".
 */

const CALL = '6f1c2a4e-0000-4000-8000-000000000001';
const ACTION = '6f1c2a4e-0000-4000-8000-00000000000a';
const timing = { queueTimeoutMs: 60_000, reconnectMs: 20_000, endedMs: 5_000, requestTimeoutMs: 10_000 };
const input: VideoTellerInput = {
  topic: 'cards',
  origin: 'help',
  context: { language: 'en', flow: 'cardIssuing', step: null },
  timing,
};

const queued = (position: number): CallStatus => ({
  callId: CALL,
  state: 'queued',
  position,
  etaSeconds: 120,
});
const connected = (leg: number): CallStatus => ({
  callId: CALL,
  state: 'connected',
  leg,
  tellerName: 'Ana',
  iceServers: [{ urls: 'stun:stun.example.org' }],
});

function fakeScanner() {
  let sendBack: ((event: IdentifyActorEvent) => void) | null = null;
  const actor = fromCallback<EventObject, ScanDocumentInput>(({ sendBack: send }) => {
    sendBack = send as (event: IdentifyActorEvent) => void;
    return () => {
      sendBack = null;
    };
  });
  return {
    actor,
    scanned(output: ScanDocumentOutput) {
      if (!sendBack) throw new Error('scanner not running');
      sendBack({ type: 'IDENTIFY_SCANNED', output });
    },
  };
}

function start(overrides: Partial<VideoTellerInput> = {}) {
  const link = createFakeTellerLink();
  const scanner = fakeScanner();
  const machine = videoTellerMachine.provide({
    actors: {
      tellerLink: link.actor,
      identifyCustomer: identifyCustomerMachine.provide({
        actors: { scanDocument: scanner.actor, readAppCode: scanner.actor },
      }),
    },
  });
  const actor = createActor(machine, { input: { ...input, ...overrides } }).start();
  const view = () => VideoTellerView.parse(toVideoTellerView(actor.getSnapshot()));
  return { actor, link, scanner, view };
}

/** Consent given, request taken, a teller connected on leg 1. */
function startConnected() {
  const t = start();
  t.actor.send({ type: 'CALL_CONSENT' });
  t.link.send({ type: 'LINK_REQUESTED', callId: CALL });
  t.link.send({ type: 'LINK_STATUS', status: queued(1) });
  t.link.send({ type: 'LINK_STATUS', status: { callId: CALL, state: 'ringing' } });
  t.link.send({ type: 'LINK_STATUS', status: connected(1) });
  return t;
}

describe('video teller machine', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks consent, requests, queues, rings, connects and goes live on the media of the current leg', () => {
    const t = start();
    expect(t.link.inputs).toEqual([{ topic: 'cards', origin: 'help', context: input.context }]);
    expect(t.view()).toMatchObject({ step: 'consent', origin: 'help', topic: 'cards', callId: null });
    t.actor.send({ type: 'CALL_CONSENT' });
    expect(t.view().step).toBe('requesting');
    expect(t.link.commands).toEqual([{ type: 'LINK_REQUEST', topic: 'cards', context: input.context }]);
    t.link.send({ type: 'LINK_REQUESTED', callId: CALL });
    t.link.send({ type: 'LINK_STATUS', status: queued(3) });
    expect(t.view()).toMatchObject({ step: 'queued', callId: CALL, position: 3, etaSeconds: 120 });
    t.link.send({ type: 'LINK_STATUS', status: { callId: CALL, state: 'ringing' } });
    expect(t.view().step).toBe('ringing');
    // Not answered: back in the queue.
    t.link.send({ type: 'LINK_STATUS', status: queued(1) });
    expect(t.view()).toMatchObject({ step: 'queued', position: 1 });
    t.link.send({ type: 'LINK_STATUS', status: connected(1) });
    expect(t.view()).toMatchObject({ step: 'connecting', leg: 1, tellerName: 'Ana', position: null });
    // A failed peer connection stays in connecting; a report of another leg is not this one's.
    t.actor.send({ type: 'CALL_MEDIA', leg: 1, state: 'failed' });
    expect(t.view().step).toBe('connecting');
    expect(t.actor.getSnapshot().context.mediaFailed).toBe(true);
    t.actor.send({ type: 'CALL_MEDIA', leg: 2, state: 'connected' });
    expect(t.view().step).toBe('connecting');
    t.actor.send({ type: 'CALL_MEDIA', leg: 1, state: 'connected' });
    expect(t.view().step).toBe('live');
    t.actor.send({ type: 'CALL_TOGGLE_MUTE' });
    expect(t.view().muted).toBe(true);
  });

  it('hangs up: tells the link, shows the end until dismissed, outputs ended and stops the link', () => {
    const t = startConnected();
    t.actor.send({ type: 'CALL_END' });
    expect(t.link.commandsOf('LINK_END')).toEqual([{ type: 'LINK_END', reason: 'customerEnded' }]);
    expect(t.view()).toMatchObject({ step: 'ended', endedReason: 'customerEnded' });
    t.actor.send({ type: 'CALL_DISMISS' });
    expect(t.actor.getSnapshot().status).toBe('done');
    expect(t.actor.getSnapshot().output).toEqual({ outcome: 'ended' });
    expect(t.link.disposed).toBe(1);
    // The call was ended already: the disposer ends nothing more.
    expect(t.link.commandsOf('LINK_END')).toHaveLength(1);
  });

  it('declining consent ends at once with outcome declined, without asking the backend', () => {
    const t = start();
    t.actor.send({ type: 'CALL_DECLINE' });
    expect(t.actor.getSnapshot().output).toEqual({ outcome: 'declined' });
    expect(t.link.commands).toEqual([]);
  });

  it('is unavailable when refused or when the request is not taken in time, then done after a while', async () => {
    const refused = start();
    refused.actor.send({ type: 'CALL_CONSENT' });
    refused.link.send({ type: 'LINK_REFUSED' });
    expect(refused.view()).toMatchObject({ step: 'unavailable', endedReason: 'unavailable' });

    const slow = start();
    slow.actor.send({ type: 'CALL_CONSENT' });
    await vi.advanceTimersByTimeAsync(timing.requestTimeoutMs);
    expect(slow.view().step).toBe('unavailable');
    expect(slow.link.commandsOf('LINK_END')).toEqual([{ type: 'LINK_END', reason: 'customerEnded' }]);
    await vi.advanceTimersByTimeAsync(timing.endedMs);
    expect(slow.actor.getSnapshot().output).toEqual({ outcome: 'unavailable' });
  });

  it('offers a callback after waiting too long; keep waiting re-arms it; the number goes to the link only', async () => {
    const t = start();
    t.actor.send({ type: 'CALL_CONSENT' });
    t.link.send({ type: 'LINK_REQUESTED', callId: CALL });
    await vi.advanceTimersByTimeAsync(timing.queueTimeoutMs - 1_000);
    // A position update does not restart the wait.
    t.link.send({ type: 'LINK_STATUS', status: queued(2) });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.view().step).toBe('callbackOffer');
    t.actor.send({ type: 'CALL_KEEP_WAITING' });
    expect(t.view().step).toBe('queued');
    await vi.advanceTimersByTimeAsync(timing.queueTimeoutMs - 1);
    expect(t.view().step).toBe('queued');
    await vi.advanceTimersByTimeAsync(1);
    t.actor.send({ type: 'CALL_CALLBACK' });
    expect(t.view().step).toBe('callbackPhone');
    t.actor.send({ type: 'CALL_CALLBACK_PHONE', phone: '+34600111222' });
    expect(t.view().step).toBe('callbackSending');
    expect(t.link.commandsOf('LINK_CALLBACK')).toEqual([{ type: 'LINK_CALLBACK', phone: '+34600111222' }]);
    expect(JSON.stringify(t.actor.getPersistedSnapshot())).not.toContain('600111222');
    t.link.send({ type: 'LINK_CALLBACK_RECORDED' });
    expect(t.view()).toMatchObject({ step: 'callbackRecorded', endedReason: 'callback' });
    await vi.advanceTimersByTimeAsync(timing.endedMs);
    expect(t.actor.getSnapshot().output).toEqual({ outcome: 'callback' });
  });

  it('a failed callback request goes back to the offer', () => {
    const t = start();
    t.actor.send({ type: 'CALL_CONSENT' });
    t.link.send({ type: 'LINK_REQUESTED', callId: CALL });
    vi.advanceTimersByTime(timing.queueTimeoutMs);
    t.actor.send({ type: 'CALL_CALLBACK' });
    t.actor.send({ type: 'CALL_CALLBACK_PHONE', phone: '600111222' });
    t.link.send({ type: 'LINK_CALLBACK_FAILED' });
    expect(t.view().step).toBe('callbackOffer');
  });

  it('loses a queued call with the link, and ends with the reason the backend gives', () => {
    const t = start();
    t.actor.send({ type: 'CALL_CONSENT' });
    t.link.send({ type: 'LINK_REQUESTED', callId: CALL });
    t.link.send({ type: 'LINK_OFFLINE' });
    expect(t.view()).toMatchObject({ step: 'ended', endedReason: 'kioskLost' });

    const u = startConnected();
    // A status of another call is not this one's.
    u.link.send({
      type: 'LINK_STATUS',
      status: { callId: CALL.replace('01', '02'), state: 'ended', reason: 'backendEnded' },
    });
    expect(u.view().step).toBe('connecting');
    u.link.send({ type: 'LINK_STATUS', status: { callId: CALL, state: 'ended', reason: 'tellerEnded' } });
    expect(u.view()).toMatchObject({ step: 'ended', endedReason: 'tellerEnded' });
  });

  it('reconnects a live call: a new leg connects again; not back in time or resume refused → kioskLost', async () => {
    const t = startConnected();
    t.actor.send({ type: 'CALL_MEDIA', leg: 1, state: 'connected' });
    t.link.send({ type: 'LINK_OFFLINE' });
    expect(t.view().step).toBe('reconnecting');
    t.link.send({ type: 'LINK_ONLINE' });
    t.link.send({ type: 'LINK_RESUMED', ok: true });
    expect(t.view().step).toBe('reconnecting');
    t.link.send({ type: 'LINK_STATUS', status: connected(2) });
    expect(t.view()).toMatchObject({ step: 'connecting', leg: 2 });
    // The old leg's report no longer counts.
    t.actor.send({ type: 'CALL_MEDIA', leg: 1, state: 'connected' });
    expect(t.view().step).toBe('connecting');

    t.link.send({ type: 'LINK_OFFLINE' });
    t.link.send({ type: 'LINK_RESUMED', ok: false });
    expect(t.view()).toMatchObject({ step: 'ended', endedReason: 'kioskLost' });

    const u = startConnected();
    u.link.send({ type: 'LINK_OFFLINE' });
    await vi.advanceTimersByTimeAsync(timing.reconnectMs);
    expect(u.view()).toMatchObject({ step: 'ended', endedReason: 'kioskLost' });
  });

  it('shows the teller notes (the last 20), answers a prompt once, and follows approvals', () => {
    const t = startConnected();
    for (let i = 0; i < MAX_NOTES + 2; i++) {
      const actionId = `6f1c2a4e-0000-4000-8000-${String(100 + i).padStart(12, '0')}`;
      t.link.send({ type: 'LINK_ACTION', action: { kind: 'message', actionId, text: `note ${i}` } });
    }
    expect(t.view().notes).toHaveLength(MAX_NOTES);
    expect(t.view().notes[0]?.text).toBe('note 2');
    t.link.send({
      type: 'LINK_ACTION',
      action: { kind: 'prompt', actionId: ACTION, text: 'Is this your address?' },
    });
    t.actor.send({ type: 'CALL_PROMPT_ANSWER', actionId: ACTION, answer: 'yes' });
    t.actor.send({ type: 'CALL_PROMPT_ANSWER', actionId: ACTION, answer: 'no' });
    expect(t.view().notes.at(-1)).toMatchObject({ kind: 'prompt', answer: 'yes' });
    expect(t.link.commandsOf('LINK_PROMPT_ANSWER')).toEqual([
      { type: 'LINK_PROMPT_ANSWER', actionId: ACTION, answer: 'yes' },
    ]);
    t.link.send({ type: 'LINK_APPROVAL', pending: true });
    expect(t.view().approvalPending).toBe(true);
  });

  it('shares the ID document the customer confirms, with the identify view meanwhile', () => {
    const t = startConnected();
    t.link.send({ type: 'LINK_ACTION', action: { kind: 'askIdScan', actionId: ACTION } });
    expect(t.view().idScan).toEqual({ actionId: ACTION, step: 'asking', identify: null });
    t.actor.send({ type: 'CALL_ID_SCAN_ACCEPT' });
    expect(t.view().idScan).toMatchObject({
      step: 'scanning',
      identify: { method: 'idScan', step: 'placeDocument' },
    });
    t.scanner.scanned({ status: 'accepted', captureId: 'capture-7', expired: false });
    expect(t.view().idScan?.identify?.step).toBe('confirmDocument');
    expect(callDocumentOnScreen(t.actor.getSnapshot())).toBe('capture-7');
    // The video runs on meanwhile.
    t.actor.send({ type: 'CALL_MEDIA', leg: 1, state: 'connected' });
    expect(t.view().step).toBe('live');
    t.actor.send({ type: 'IDENTIFY_CONFIRM' });
    expect(t.view().idScan).toMatchObject({ step: 'sharing', identify: null });
    expect(t.link.commandsOf('LINK_DOCUMENT')).toEqual([
      { type: 'LINK_DOCUMENT', actionId: ACTION, outcome: 'shared', captureId: 'capture-7' },
    ]);
    t.link.send({ type: 'LINK_DOCUMENT_SENT' });
    expect(t.view().idScan?.step).toBe('shared');
  });

  it('answers declined when the customer says no or goes back, and failed when the scan gives up', () => {
    const t = startConnected();
    t.link.send({ type: 'LINK_ACTION', action: { kind: 'askIdScan', actionId: ACTION } });
    t.actor.send({ type: 'CALL_ID_SCAN_DECLINE' });
    expect(t.view().idScan?.step).toBe('declined');
    t.link.send({ type: 'LINK_ACTION', action: { kind: 'askIdScan', actionId: ACTION } });
    t.actor.send({ type: 'CALL_ID_SCAN_ACCEPT' });
    t.actor.send({ type: 'IDENTIFY_BACK' });
    expect(t.view().idScan?.step).toBe('declined');
    t.link.send({ type: 'LINK_ACTION', action: { kind: 'askIdScan', actionId: ACTION } });
    t.actor.send({ type: 'CALL_ID_SCAN_ACCEPT' });
    t.scanner.scanned({ status: 'unavailable' });
    expect(t.view().idScan?.identify?.step).toBe('failed');
    t.actor.send({ type: 'IDENTIFY_BACK' });
    expect(t.view().idScan?.step).toBe('failed');
    expect(t.link.commandsOf('LINK_DOCUMENT').map((c) => [c.outcome, c.captureId])).toEqual([
      ['declined', null],
      ['declined', null],
      ['failed', null],
    ]);
  });

  it('a restored call ends as kioskLost; stopping an open call has the link end it', async () => {
    const t = startConnected();
    const persisted = JSON.parse(JSON.stringify(t.actor.getPersistedSnapshot()));
    t.actor.stop();
    expect(t.link.commands.at(-1)).toEqual({ type: 'LINK_END', reason: 'sessionEnded' });

    const link = createFakeTellerLink();
    const restored = createActor(videoTellerMachine.provide({ actors: { tellerLink: link.actor } }), {
      input,
      snapshot: persisted,
    }).start();
    restored.send({ type: 'RESUMED' });
    expect(toVideoTellerView(restored.getSnapshot())).toMatchObject({
      step: 'ended',
      endedReason: 'kioskLost',
    });
    await vi.advanceTimersByTimeAsync(timing.endedMs);
    expect(restored.getSnapshot().output).toEqual({ outcome: 'ended' });
  });
});
