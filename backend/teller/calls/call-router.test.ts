import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../contracts/language.ts';
import type {
  CallStatus,
  CallTopic,
  TellerActionMessage,
  TellerConsoleState,
  TellerProfile,
} from '../../../contracts/teller.ts';
import { createMemoryLogger } from '../../../platform/log.ts';
import { MAX_WAITING_CALLS } from './call-model.ts';
import type { AuditSink, CallClock } from './call-ports.ts';
import { CallRouter } from './call-router.ts';

/** A clock whose timers fire only when the test advances it. */
function fakeClock(): CallClock & { advance(ms: number): void } {
  let now = Date.parse('2026-03-02T10:00:00Z');
  const timers: { at: number; action: () => void; done: boolean }[] = [];
  return {
    now: () => now,
    after(ms, action) {
      const timer = { at: now + ms, action, done: false };
      timers.push(timer);
      return {
        cancel: () => {
          timer.done = true;
        },
      };
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => !t.done && t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = due.at;
        due.done = true;
        due.action();
      }
      now = until;
    },
  };
}

function teller(
  id: string,
  languages: Language[],
  topics: CallTopic[] = ['general'],
  role: 'teller' | 'supervisor' = 'teller',
): TellerProfile {
  return { tellerId: id, username: id, displayName: `Teller ${id}`, role, languages, topics };
}

function setUp(options: { offerTimeoutMs?: number } = {}) {
  const clock = fakeClock();
  const statuses = new Map<string, CallStatus[]>();
  const actions: TellerActionMessage[] = [];
  const states = new Map<string, TellerConsoleState>();
  const audit: Parameters<AuditSink['record']>[0][] = [];
  const callbacks: unknown[] = [];
  const router = new CallRouter({
    outputs: {
      kioskStatus: (kioskId, status) => statuses.set(kioskId, [...(statuses.get(kioskId) ?? []), status]),
      kioskAction: (_kioskId, message) => actions.push(message),
      kioskSignal: () => {},
      tellerState: (tellerId, state) => states.set(tellerId, state),
      tellerSignal: () => {},
    },
    audit: { record: (entry) => audit.push(entry) },
    callbacks: { record: (request) => callbacks.push(request), count: () => callbacks.length },
    clock,
    options: {
      iceServers: [],
      offerTimeoutMs: options.offerTimeoutMs ?? 20_000,
      kioskReconnectGraceMs: 20_000,
      tellerReconnectGraceMs: 20_000,
    },
    kioskName: (kioskId) => `Kiosk ${kioskId}`,
    logger: createMemoryLogger(),
  });
  const request = (kioskId: string, language: Language = 'es', topic: CallTopic = 'general') => {
    const ack = router.request(kioskId, {
      requestId: randomUUID(),
      topic,
      context: { language, flow: null, step: null },
    });
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.callId;
  };
  const online = (profile: TellerProfile, presence: 'available' | 'away' = 'available') => {
    router.tellerConnected(profile, `socket-${profile.tellerId}`);
    if (presence === 'available')
      expect(router.setPresence(profile.tellerId, 'available')).toEqual({ ok: true });
  };
  const last = (kioskId: string) => statuses.get(kioskId)?.at(-1);
  return { router, clock, statuses, actions, states, audit, callbacks, request, online, last };
}

describe('call router', () => {
  it('queues calls by language with positions and an ETA from the tellers signed in', () => {
    const t = setUp();
    const a = t.request('k1', 'es');
    t.request('k2', 'zh');
    t.request('k3', 'es');
    expect(t.last('k1')).toEqual({ callId: a, state: 'queued', position: 1, etaSeconds: null });
    expect(t.last('k2')).toMatchObject({ position: 1, etaSeconds: null });
    expect(t.last('k3')).toMatchObject({ position: 2, etaSeconds: null });
    // Signed in but away: counted for the ETA, offered nothing.
    t.online(teller('ana', ['es']), 'away');
    t.online(teller('bea', ['es']), 'away');
    expect(t.last('k3')).toMatchObject({ state: 'queued', position: 2, etaSeconds: 120 });
    expect(t.last('k1')).toMatchObject({ position: 1, etaSeconds: 60 });
    expect(t.last('k2')).toMatchObject({ etaSeconds: null });
    expect(t.states.get('ana')?.queue.map((q) => q.kioskId)).toEqual(['k1', 'k3']);
  });

  it('offers the oldest call to the eligible teller idle longest, and not to a teller of other languages', () => {
    const t = setUp();
    const zh = t.request('k1', 'zh');
    t.online(teller('es-only', ['es']));
    expect(t.states.get('es-only')?.offer).toBeNull();
    expect(t.last('k1')).toMatchObject({ state: 'queued' });
    t.clock.advance(1000);
    t.online(teller('zh-1', ['zh', 'es']));
    t.clock.advance(1000);
    t.online(teller('zh-2', ['zh']));
    expect(t.states.get('zh-1')?.offer?.callId).toBe(zh);
    expect(t.states.get('zh-2')?.offer).toBeNull();
    expect(t.last('k1')).toEqual({ callId: zh, state: 'ringing' });
  });

  it('routes by topic: a cards call goes to a cards or general teller, not a cash-only one', () => {
    const t = setUp();
    t.online(teller('cash', ['es'], ['cash']));
    const call = t.request('k1', 'es', 'cards');
    expect(t.states.get('cash')?.offer).toBeNull();
    t.online(teller('cards', ['es'], ['cards']));
    expect(t.states.get('cards')?.offer?.callId).toBe(call);
  });

  it('a declined call goes to the next teller and never back to the decliner', () => {
    const t = setUp();
    t.online(teller('ana', ['es']));
    t.clock.advance(10);
    t.online(teller('bea', ['es']));
    const call = t.request('k1');
    expect(t.states.get('ana')?.offer?.callId).toBe(call);
    expect(t.router.decline('ana', call)).toEqual({ ok: true });
    expect(t.states.get('ana')?.offer).toBeNull();
    expect(t.states.get('bea')?.offer?.callId).toBe(call);
    expect(t.router.decline('bea', call)).toEqual({ ok: true });
    expect(t.states.get('ana')?.offer).toBeNull();
    expect(t.last('k1')).toMatchObject({ state: 'queued', position: 1 });
    expect(t.audit.map((e) => [e.username, e.action])).toContainEqual(['ana', 'decline']);
  });

  it('an unanswered offer sets the teller away and goes to the next one', () => {
    const t = setUp({ offerTimeoutMs: 5000 });
    t.online(teller('ana', ['es']));
    t.clock.advance(10);
    t.online(teller('bea', ['es']));
    const call = t.request('k1');
    t.clock.advance(4999);
    expect(t.states.get('ana')?.offer?.callId).toBe(call);
    t.clock.advance(1);
    expect(t.states.get('ana')?.me.presence).toBe('away');
    expect(t.states.get('bea')?.offer?.callId).toBe(call);
  });

  it('accept connects the kiosk on leg 1, sets the teller busy; end frees the teller and feeds the handle time', () => {
    const t = setUp();
    t.online(teller('ana', ['es']));
    const call = t.request('k1');
    expect(t.router.accept('ana', call)).toEqual({ ok: true });
    expect(t.last('k1')).toEqual({
      callId: call,
      state: 'connected',
      leg: 1,
      tellerName: 'Teller ana',
      iceServers: [],
    });
    expect(t.states.get('ana')).toMatchObject({
      me: { presence: 'busy' },
      offer: null,
      call: { callId: call, leg: 1 },
    });
    t.clock.advance(60_000);
    expect(t.router.tellerEnd('ana', call)).toEqual({ ok: true });
    expect(t.last('k1')).toEqual({ callId: call, state: 'ended', reason: 'tellerEnded' });
    expect(t.states.get('ana')).toMatchObject({ me: { presence: 'available' }, call: null });
    expect(t.router.averageHandleSeconds()).toBe(60);
  });

  it('an approval the kiosk withdrew leaves the teller’s list and can no longer be decided', () => {
    const t = setUp();
    t.online(teller('ana', ['es']));
    const call = t.request('k1');
    expect(t.router.accept('ana', call)).toEqual({ ok: true });
    const approvalId = randomUUID();
    const approval = {
      approvalId,
      kind: 'cardIssue' as const,
      flow: 'cardIssuing' as const,
      step: 'confirmOrder',
      summary: {},
    };
    expect(t.router.approval('k1', { callId: call, approval })).toEqual({ ok: true });
    expect(t.states.get('ana')?.call?.approvals).toHaveLength(1);
    // Only the call's own kiosk may withdraw it.
    expect(t.router.approvalWithdrawn('k2', { callId: call, approvalId })).toMatchObject({ ok: false });
    expect(t.router.approvalWithdrawn('k1', { callId: call, approvalId })).toEqual({ ok: true });
    expect(t.states.get('ana')?.call?.approvals).toEqual([]);
    expect(t.router.decide('ana', { callId: call, approvalId, decision: 'approved' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(t.actions.filter((a) => a.action.kind === 'decision')).toEqual([]);
  });

  it('a teller may take an eligible call from the queue list, but not one of another language', () => {
    const t = setUp();
    t.online(teller('ana', ['es']), 'away');
    const es = t.request('k1', 'es');
    const zh = t.request('k2', 'zh');
    expect(t.router.accept('ana', zh)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(t.audit.at(-1)).toMatchObject({ action: 'refused', callId: zh });
    expect(t.router.accept('ana', es)).toEqual({ ok: true });
  });

  it("refuses and audits a teller acting on another teller's call", () => {
    const t = setUp();
    t.online(teller('ana', ['es']));
    t.online(teller('eve', ['es']));
    const call = t.request('k1');
    t.router.accept(t.states.get('ana')?.offer ? 'ana' : 'eve', call);
    const owner = t.states.get('ana')?.call ? 'ana' : 'eve';
    const other = owner === 'ana' ? 'eve' : 'ana';
    const attempts = [
      t.router.tellerEnd(other, call),
      t.router.action(other, { callId: call, action: { kind: 'message', text: 'hi' } }),
      t.router.tellerSignal(other, { callId: call, leg: 1, signal: { kind: 'media', state: 'connected' } }),
    ];
    for (const ack of attempts) expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(t.audit.filter((e) => e.action === 'refused' && e.username === other)).toHaveLength(3);
    expect(t.last('k1')).toMatchObject({ state: 'connected' });
  });

  it('a transfer offers the call to the chosen teller; declined, it goes back to the head of the queue', () => {
    const t = setUp();
    t.online(teller('ana', ['es']));
    const first = t.request('k1');
    t.router.accept('ana', first);
    t.online(teller('bea', ['es']), 'away');
    const second = t.request('k2');
    t.router.setPresence('bea', 'available');
    expect(t.states.get('bea')?.offer?.callId).toBe(second);
    expect(t.router.transfer('ana', first, 'bea')).toMatchObject({ ok: false, error: { code: 'conflict' } });
    t.router.decline('bea', second);
    expect(t.router.transfer('ana', first, 'bea')).toEqual({ ok: true });
    expect(t.last('k1')).toEqual({ callId: first, state: 'ringing' });
    expect(t.states.get('bea')?.offer?.callId).toBe(first);
    expect(t.states.get('ana')).toMatchObject({ call: null, me: { presence: 'available' } });
    // ana declined nothing of k2: it is offered to her now.
    expect(t.states.get('ana')?.offer?.callId).toBe(second);
    t.router.decline('bea', first);
    expect(t.states.get('bea')?.queue.map((q) => q.callId)).toEqual([first]);
    expect(t.states.get('ana')?.queue.map((q) => q.callId)).toEqual([first]);
    expect(t.last('k1')).toMatchObject({ state: 'queued', position: 1 });
    expect(t.last('k2')).toMatchObject({ state: 'ringing' });
    // ana passes on k2: the head of the queue, k1, rings at hers next.
    t.router.decline('ana', second);
    expect(t.states.get('ana')?.offer?.callId).toBe(first);
    expect(t.last('k2')).toMatchObject({ state: 'queued', position: 2 });
    // Accepted again, on a new leg.
    expect(t.router.accept('ana', first)).toEqual({ ok: true });
    expect(t.last('k1')).toMatchObject({ state: 'connected', leg: 2 });
    expect(t.last('k2')).toMatchObject({ state: 'queued', position: 1 });
  });

  it('a lost kiosk: a queued call ends at once, an active one waits for resume on a new leg', () => {
    const t = setUp();
    const queued = t.request('k1');
    t.router.kioskDisconnected('k1');
    expect(t.last('k1')).toEqual({ callId: queued, state: 'ended', reason: 'kioskLost' });

    t.online(teller('ana', ['es']));
    const call = t.request('k2');
    t.router.accept('ana', call);
    t.router.kioskDisconnected('k2');
    expect(t.states.get('ana')?.call?.kioskLink).toBe('reconnecting');
    t.clock.advance(19_000);
    t.router.kioskConnected('k2');
    expect(t.router.resume('k2', call)).toEqual({ ok: true });
    expect(t.last('k2')).toMatchObject({ state: 'connected', leg: 2 });
    expect(t.states.get('ana')?.call).toMatchObject({ kioskLink: 'online', leg: 2 });
    t.clock.advance(60_000);
    expect(t.last('k2')).toMatchObject({ state: 'connected' });

    t.router.kioskDisconnected('k2');
    t.clock.advance(20_000);
    expect(t.states.get('ana')?.call).toBeNull();
    expect(t.router.resume('k2', call)).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
  });

  it('a lost kiosk asking for a teller again gets its open call back on a new leg', () => {
    const t = setUp();
    t.online(teller('ana', ['es']));
    const call = t.request('k1');
    t.router.accept('ana', call);
    // Asked again while connected: told the status again, the leg left alone.
    expect(t.request('k1')).toBe(call);
    expect(t.last('k1')).toMatchObject({ state: 'connected', leg: 1 });
    t.router.kioskDisconnected('k1');
    t.router.kioskConnected('k1');
    expect(t.request('k1')).toBe(call);
    expect(t.last('k1')).toMatchObject({ state: 'connected', leg: 2 });
    expect(t.states.get('ana')?.call).toMatchObject({ kioskLink: 'online', leg: 2 });
  });

  it('a lost console: after the grace its call goes back to the head of the queue', () => {
    const t = setUp();
    t.online(teller('ana', ['es']));
    const call = t.request('k1');
    t.router.accept('ana', call);
    t.request('k2');
    t.router.tellerDisconnected('ana', 'socket-ana');
    t.clock.advance(19_999);
    expect(t.last('k1')).toMatchObject({ state: 'connected' });
    t.clock.advance(1);
    expect(t.last('k1')).toMatchObject({ state: 'queued', position: 1 });
    expect(t.last('k2')).toMatchObject({ state: 'queued', position: 2 });
  });

  it('a console back within the grace keeps its call', () => {
    const t = setUp();
    t.online(teller('ana', ['es']));
    const call = t.request('k1');
    t.router.accept('ana', call);
    t.router.tellerDisconnected('ana', 'socket-ana');
    t.clock.advance(5000);
    t.router.tellerConnected(teller('ana', ['es']), 'socket-ana-2');
    t.clock.advance(60_000);
    expect(t.states.get('ana')?.call?.callId).toBe(call);
  });

  it('requests are idempotent; one open call per kiosk; at most 500 waiting', () => {
    const t = setUp();
    const requestId = randomUUID();
    const req = {
      requestId,
      topic: 'general' as const,
      context: { language: 'es' as const, flow: null, step: null },
    };
    const first = t.router.request('k1', req);
    expect(t.router.request('k1', req)).toEqual(first);
    expect(t.router.request('k1', { ...req, requestId: randomUUID() })).toEqual(first);
    expect(t.router.request('k2', req)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (let i = 1; i < MAX_WAITING_CALLS; i += 1) t.request(`kiosk-${i}`);
    expect(t.router.request('k-last', { ...req, requestId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'rate-limited' },
    });
  });

  it('a callback ends a queued call and is stored; supervisors see the queue and the count', () => {
    const t = setUp();
    t.online(teller('sup', ['es'], ['general'], 'supervisor'));
    const call = t.request('k1');
    t.request('k2');
    // Supervisors watch: they are not offered calls.
    expect(t.states.get('sup')?.offer).toBeNull();
    expect(t.states.get('sup')?.supervisor?.queue).toHaveLength(2);
    expect(t.router.callback('k1', { callId: call, phone: '+34600111222' })).toEqual({ ok: true });
    expect(t.last('k1')).toEqual({ callId: call, state: 'ended', reason: 'callback' });
    expect(t.callbacks).toEqual([
      { kioskId: 'k1', language: 'es', topic: 'general', phone: '+34600111222', callId: call },
    ]);
    expect(t.states.get('sup')?.supervisor).toMatchObject({ callbacks: 1 });
    expect(t.states.get('sup')?.supervisor?.queue).toHaveLength(1);
  });

  it('an action that cannot be audited is not taken', () => {
    const t = setUp();
    t.online(teller('ana', ['es']));
    const call = t.request('k1');
    t.router.accept('ana', call);
    const failing = setUp();
    failing.online(teller('ana', ['es']));
    const failingCall = failing.request('k1');
    failing.router.accept('ana', failingCall);
    (failing.router as unknown as { deps: { audit: AuditSink } }).deps.audit = {
      record: () => {
        throw new Error('disk full');
      },
    };
    expect(() =>
      failing.router.action('ana', { callId: failingCall, action: { kind: 'message', text: 'hello' } }),
    ).toThrow();
    expect(failing.actions).toEqual([]);
    expect(failing.states.get('ana')?.call?.timeline).toEqual([]);
  });
});
