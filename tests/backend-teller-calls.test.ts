import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CALL_KIOSK_EVENTS, TELLER_EVENTS } from '../contracts/teller.ts';
import type { BackendConfig } from '../backend/server.ts';
import { SECOND_KIOSK, startTestBackend, type TestBackend } from './backend-harness.ts';
import {
  acceptedCall,
  auditOf,
  login,
  openConsole,
  openKiosk,
  openTellerSocket,
  TELLERS,
} from './support/teller-call-harness.ts';

/** The video teller's calls over real sockets: a backend on loopback, kiosks and consoles as clients. */

const IMAGE = `data:image/png;base64,${Buffer.from('not really a png').toString('base64')}`;

describe('backend: video teller calls', () => {
  let backend: TestBackend;
  const start = async (overrides: Partial<BackendConfig> = {}) => {
    backend = await startTestBackend({ dbPath: ':memory:', tellers: TELLERS, ...overrides });
    return backend;
  };
  afterEach(() => backend?.stop());

  it('queues, offers, connects, relays signals, prompts, approvals and ends — and refuses another teller', async () => {
    await start({ iceServers: [{ urls: 'stun:stun.example.org' }] });
    const kiosk = await openKiosk(backend);
    const callId = await kiosk.request('es');
    expect(await kiosk.until((s) => s.state === 'queued', 'queued')).toEqual({
      callId,
      state: 'queued',
      position: 1,
      etaSeconds: null,
    });

    const ana = await openConsole(backend, 'ana');
    const bea = await openConsole(backend, 'bea');
    expect(ana.state().me.presence).toBe('away');
    await kiosk.until((s) => s.state === 'queued' && s.etaSeconds === 60, 'ETA with two tellers signed in');
    expect(await ana.emit(TELLER_EVENTS.presence, { presence: 'available' })).toEqual({ ok: true });
    await ana.until((s) => s.offer?.callId === callId, 'offer');
    await kiosk.until((s) => s.state === 'ringing', 'ringing');

    expect(await ana.emit(TELLER_EVENTS.accept, { callId })).toEqual({ ok: true });
    expect(await kiosk.until((s) => s.state === 'connected', 'connected')).toEqual({
      callId,
      state: 'connected',
      leg: 1,
      tellerName: 'Ana',
      iceServers: [{ urls: 'stun:stun.example.org' }],
    });
    await ana.until(
      (s) => s.call?.callId === callId && s.call.leg === 1 && s.me.presence === 'busy',
      'on the call',
    );

    // Signaling both ways, on the call's leg only.
    const offer = { callId, leg: 1, signal: { kind: 'offer', sdp: 'v=0 offer' } };
    expect(await ana.emit(TELLER_EVENTS.signal, offer)).toEqual({ ok: true });
    const answer = { callId, leg: 1, signal: { kind: 'answer', sdp: 'v=0 answer' } };
    expect(await kiosk.emit(CALL_KIOSK_EVENTS.signal, answer)).toEqual({ ok: true });
    await ana.until(() => ana.signals.length === 1, 'the answer');
    expect(kiosk.signals).toEqual([offer]);
    expect(ana.signals).toEqual([answer]);
    expect(bea.signals).toEqual([]);
    expect(await kiosk.emit(CALL_KIOSK_EVENTS.signal, { ...answer, leg: 2 })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    // Another teller: refused, audited, and the call goes on.
    for (const [event, payload] of [
      [TELLER_EVENTS.signal, offer],
      [TELLER_EVENTS.action, { callId, action: { kind: 'message', text: 'hello' } }],
      [TELLER_EVENTS.end, { callId }],
    ] as const) {
      expect(await bea.emit(event, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(kiosk.signals).toHaveLength(1);
    expect(kiosk.status()).toMatchObject({ state: 'connected' });

    // A prompt and its answer.
    expect(
      await ana.emit(TELLER_EVENTS.action, { callId, action: { kind: 'prompt', text: '¿Le ayudo?' } }),
    ).toEqual({
      ok: true,
    });
    await kiosk.until(() => kiosk.actions.length === 1, 'the prompt');
    const prompt = kiosk.actions[0]?.action;
    if (prompt?.kind !== 'prompt') throw new Error('expected a prompt');
    expect(prompt.text).toBe('¿Le ayudo?');
    expect(
      await kiosk.emit(CALL_KIOSK_EVENTS.promptAnswer, { callId, actionId: prompt.actionId, answer: 'yes' }),
    ).toEqual({ ok: true });
    await ana.until(
      (s) => s.call?.timeline.some((e) => e.kind === 'promptAnswer' && e.text === 'yes') === true,
      'the answer in the timeline',
    );

    // An approval and the teller's decision.
    const approvalId = randomUUID();
    const approval = {
      approvalId,
      kind: 'cardIssue',
      flow: 'cardIssuing',
      step: 'awaitingTeller',
      summary: { product: 'debit' },
    };
    expect(await kiosk.emit(CALL_KIOSK_EVENTS.approval, { callId, approval })).toEqual({ ok: true });
    await ana.until((s) => s.call?.approvals[0]?.approvalId === approvalId, 'the approval');
    expect(await bea.emit(TELLER_EVENTS.decide, { callId, approvalId, decision: 'approved' })).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(await ana.emit(TELLER_EVENTS.decide, { callId, approvalId, decision: 'approved' })).toEqual({
      ok: true,
    });
    await kiosk.until(() => kiosk.actions.length === 2, 'the decision');
    expect(kiosk.actions[1]).toEqual({
      callId,
      action: { kind: 'decision', approvalId, decision: 'approved' },
    });

    expect(await ana.emit(TELLER_EVENTS.end, { callId })).toEqual({ ok: true });
    expect(await kiosk.until((s) => s.state === 'ended', 'ended')).toEqual({
      callId,
      state: 'ended',
      reason: 'tellerEnded',
    });
    await ana.until((s) => s.call === null && s.me.presence === 'available', 'free again');

    const sol = await openConsole(backend, 'sol');
    const audit = await auditOf(backend, sol.token, callId);
    const actions = audit.map((e) => `${e.username}:${e.action}`).reverse();
    expect(actions).toEqual(
      expect.arrayContaining(['ana:accept', 'bea:refused', 'ana:prompt', 'ana:approve', 'ana:end']),
    );
    expect(actions.filter((a) => a === 'bea:refused')).toHaveLength(4);
  });

  it('routes by language, passes a declined call on, and moves an unanswered one after the offer timeout', async () => {
    await start({ callOfferTimeoutMs: 300 });
    const kiosk = await openKiosk(backend);
    const bea = await openConsole(backend, 'bea');
    await bea.emit(TELLER_EVENTS.presence, { presence: 'available' });
    const callId = await kiosk.request('zh');
    await kiosk.until((s) => s.state === 'queued', 'queued');
    expect(bea.state().offer).toBeNull();
    expect(bea.state().queue).toEqual([]);

    const ana = await openConsole(backend, 'ana');
    await ana.emit(TELLER_EVENTS.presence, { presence: 'available' });
    await ana.until((s) => s.offer?.callId === callId, 'the zh offer');
    expect(await ana.emit(TELLER_EVENTS.decline, { callId })).toEqual({ ok: true });
    await kiosk.until((s) => s.state === 'queued', 'queued again: nobody else speaks zh');

    const second = await openKiosk(backend, SECOND_KIOSK);
    const esCall = await second.request('es');
    const first = await Promise.race([
      ana.until((s) => s.offer?.callId === esCall, 'es offer').then(() => ana),
      bea.until((s) => s.offer?.callId === esCall, 'es offer').then(() => bea),
    ]);
    const other = first === ana ? bea : ana;
    // Nobody answers: the console goes away and the call rings at the other teller.
    await first.until((s) => s.me.presence === 'away' && s.offer === null, 'away after the timeout');
    await other.until((s) => s.offer?.callId === esCall, 'the offer moved on');
  });

  it('transfers a call to another teller, on a new leg, without the shared document', async () => {
    await start();
    const kiosk = await openKiosk(backend);
    const ana = await openConsole(backend, 'ana');
    const bea = await openConsole(backend, 'bea');
    const callId = await acceptedCall(kiosk, ana);
    await ana.emit(TELLER_EVENTS.action, { callId, action: { kind: 'askIdScan' } });
    await kiosk.until(() => kiosk.actions.length === 1, 'ID request');
    const actionId = kiosk.actions[0]?.action.kind === 'askIdScan' ? kiosk.actions[0].action.actionId : '';
    const document = {
      kind: 'passport',
      surname: 'GARCIA',
      givenNames: 'MARIA',
      documentNumber: 'X1234567',
      nationality: 'ESP',
      issuingState: 'ESP',
      birthDate: '1990-01-01',
      expiryDate: '2030-01-01',
      sex: 'female',
      mrzLines: [
        'P<ESPGARCIA<<MARIA<<<<<<<<<<<<<<<<<<<<<<<<<',
        'X12345678ESP9001011F3001011<<<<<<<<<<<<<<00',
      ],
      image: IMAGE,
    };
    const shared = await kiosk.emit(CALL_KIOSK_EVENTS.document, {
      callId,
      actionId,
      outcome: 'shared',
      document,
    });
    expect(shared).toEqual({ ok: true });
    await ana.until((s) => s.call?.document?.hasImage === true, 'the document');
    const imageUrl = `${backend.url}/api/teller/calls/${callId}/document-image`;
    const image = await fetch(imageUrl, { headers: { authorization: `Bearer ${ana.token}` } });
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).toString()).toBe('not really a png');
    expect((await fetch(imageUrl, { headers: { authorization: `Bearer ${bea.token}` } })).status).toBe(403);

    expect(await ana.emit(TELLER_EVENTS.transfer, { callId, toTellerId: bea.tellerId })).toMatchObject({
      error: { code: 'conflict' },
    });
    await bea.emit(TELLER_EVENTS.presence, { presence: 'available' });
    expect(await ana.emit(TELLER_EVENTS.transfer, { callId, toTellerId: bea.tellerId })).toEqual({
      ok: true,
    });
    await kiosk.until((s) => s.state === 'ringing', 'ringing at bea');
    await bea.until((s) => s.offer?.callId === callId, 'offered to bea');
    await bea.emit(TELLER_EVENTS.accept, { callId });
    expect(await kiosk.until((s) => s.state === 'connected', 'connected to bea')).toMatchObject({
      leg: 2,
      tellerName: 'Bea',
    });
    const call = (await bea.until((s) => s.call?.callId === callId, 'bea on the call')).call;
    expect(call).toMatchObject({ leg: 2, document: null });
    expect(
      await ana.emit(TELLER_EVENTS.signal, { callId, leg: 2, signal: { kind: 'offer', sdp: 'x' } }),
    ).toMatchObject({
      error: { code: 'forbidden' },
    });
  });

  it('a lost kiosk resumes its call on a new leg within the grace', async () => {
    await start({ kioskReconnectGraceMs: 10_000 });
    const kiosk = await openKiosk(backend);
    const ana = await openConsole(backend, 'ana');
    const callId = await acceptedCall(kiosk, ana);
    await kiosk.until((s) => s.state === 'connected', 'connected');
    kiosk.socket.disconnect();
    await ana.until((s) => s.call?.kioskLink === 'reconnecting', 'reconnecting');
    const back = await openKiosk(backend);
    expect(await back.emit(CALL_KIOSK_EVENTS.resume, { callId })).toEqual({ ok: true });
    expect(await back.until((s) => s.state === 'connected', 'connected again')).toMatchObject({ leg: 2 });
    await ana.until((s) => s.call?.kioskLink === 'online' && s.call.leg === 2, 'online on leg 2');
  });

  it('a lost kiosk that does not come back ends its call; a queued call of a lost kiosk ends at once', async () => {
    await start({ kioskReconnectGraceMs: 200 });
    const kiosk = await openKiosk(backend);
    const ana = await openConsole(backend, 'ana');
    const callId = await acceptedCall(kiosk, ana);
    kiosk.socket.disconnect();
    await ana.until((s) => s.call === null && s.me.presence === 'available', 'call ended');
    const back = await openKiosk(backend);
    expect(await back.emit(CALL_KIOSK_EVENTS.resume, { callId })).toMatchObject({
      error: { code: 'unknown-call' },
    });

    const second = await openKiosk(backend, SECOND_KIOSK);
    await ana.emit(TELLER_EVENTS.presence, { presence: 'away' });
    const queued = await second.request('es');
    await ana.until((s) => s.queue.some((q) => q.callId === queued), 'in the queue');
    second.socket.disconnect();
    await ana.until((s) => s.queue.length === 0, 'dropped from the queue');
  });

  it('a callback ends the queued call and is counted for supervisors', async () => {
    await start();
    const sol = await openConsole(backend, 'sol');
    const kiosk = await openKiosk(backend);
    const callId = await kiosk.request('es');
    await sol.until((s) => s.supervisor?.queue.length === 1, 'the queue');
    expect(await kiosk.emit(CALL_KIOSK_EVENTS.callback, { callId, phone: '12' })).toMatchObject({
      error: { code: 'invalid-message' },
    });
    expect(await kiosk.emit(CALL_KIOSK_EVENTS.callback, { callId, phone: '+34600111222' })).toEqual({
      ok: true,
    });
    expect(await kiosk.until((s) => s.state === 'ended', 'ended')).toEqual({
      callId,
      state: 'ended',
      reason: 'callback',
    });
    await sol.until((s) => s.supervisor?.callbacks === 1 && s.supervisor.queue.length === 0, 'the count');
    expect(backend.logLines.join('\n')).not.toContain('600111222');
  });

  it('ends every open call with backendEnded when the backend closes', async () => {
    await start();
    const kiosk = await openKiosk(backend);
    const callId = await kiosk.request('es');
    await kiosk.until((s) => s.state === 'queued', 'queued');
    await backend.close();
    expect(await kiosk.until((s) => s.state === 'ended', 'ended')).toEqual({
      callId,
      state: 'ended',
      reason: 'backendEnded',
    });
  });

  it('answers malformed payloads with invalid-message and refuses consoles without a valid token', async () => {
    await start();
    const kiosk = await openKiosk(backend);
    for (const payload of [
      null,
      'x',
      { requestId: 'nope', topic: 'general', context: {} },
      { topic: 'loans' },
    ]) {
      expect(await kiosk.emit(CALL_KIOSK_EVENTS.request, payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid-message' },
      });
    }
    expect(
      await kiosk.emit(CALL_KIOSK_EVENTS.end, { callId: randomUUID(), reason: 'customerEnded' }),
    ).toMatchObject({
      error: { code: 'unknown-call' },
    });
    const ana = await openConsole(backend, 'ana');
    expect(await ana.emit(TELLER_EVENTS.accept, { callId: 'not-a-uuid' })).toMatchObject({
      error: { code: 'invalid-message' },
    });
    expect(await ana.emit(TELLER_EVENTS.presence, { presence: 'busy' })).toMatchObject({
      error: { code: 'invalid-message' },
    });
    for (const auth of [{}, { token: 'x'.repeat(40) }]) {
      const socket = openTellerSocket(backend, auth);
      const error = await new Promise<Error & { data?: { code: string } }>((resolve, reject) => {
        socket.once('connect', () => reject(new Error('accepted a console without a valid token')));
        socket.once('connect_error', resolve);
      });
      socket.disconnect();
      expect(error.message).toBe('unauthorized');
    }
  });

  it('a console whose session was signed out elsewhere acts no more: refused, and disconnected', async () => {
    await start();
    const session = await login(backend, 'ana');
    const ana = await openConsole(backend, 'ana', session);
    // The same session, signed out from another tab.
    const response = await fetch(`${backend.url}/api/teller/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(response.status).toBe(200);
    const closed = new Promise<string>((resolve) => ana.socket.once('disconnect', resolve));
    expect(await ana.emit(TELLER_EVENTS.presence, { presence: 'available' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await closed).toBe('io server disconnect');
  });
});
