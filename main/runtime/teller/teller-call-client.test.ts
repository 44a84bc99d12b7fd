import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, createMachine, sendTo } from 'xstate';
import { CALL_BACKEND_EVENTS, CALL_KIOSK_EVENTS, type CallSignal } from '../../../contracts/index.ts';
import { createMemoryLogger } from '../../../platform/log.ts';
import { createTellerCallClient, type LinkCommand, type LinkEvent } from './teller-call-client.ts';

const CALL_ID = '6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f';
const CONTEXT = { language: 'es' as const, flow: null, step: null };

/** A stand-in backend: records what the kiosk sent, answers with `reply`. */
async function startBackend() {
  const http = createServer();
  const server = new Server(http);
  const received: { event: string; payload: unknown }[] = [];
  let kiosk: ServerSocket | null = null;
  let reply: (event: string, payload: unknown) => unknown = (event) =>
    event === CALL_KIOSK_EVENTS.request ? { ok: true, callId: CALL_ID } : { ok: true };
  server.on('connection', (socket) => {
    kiosk = socket;
    socket.onAny((event: string, payload: unknown, ack?: (answer: unknown) => void) => {
      received.push({ event, payload });
      ack?.(reply(event, payload));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    kiosk: () => kiosk!,
    setReply: (next: typeof reply) => {
      reply = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Backend = Awaited<ReturnType<typeof startBackend>>;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(extra: { openCallTimeoutMs?: number } = {}) {
  const backend = await startBackend();
  cleanups.push(backend.close);
  const socket: Socket = io(backend.url, { transports: ['websocket'], reconnectionDelay: 50 });
  cleanups.push(() => socket.close());
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const opened: string[] = [];
  const client = createTellerCallClient({
    socket: () => socket,
    sharedDocument: () => null,
    openCall: (topic) => opened.push(topic),
    log: createMemoryLogger(),
    ackTimeoutMs: 1_000,
    ...extra,
  });
  // A machine that only hosts the link and records what it sends back.
  const events: LinkEvent[] = [];
  const host = createActor(
    createMachine({
      invoke: { id: 'link', src: client.linkActor },
      on: {
        COMMAND: {
          actions: sendTo('link', ({ event }) => (event as unknown as { command: LinkCommand }).command),
        },
        '*': { actions: ({ event }) => events.push(event as LinkEvent) },
      },
    }),
  );
  return { backend, socket, client, host, events, opened };
}

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function command(host: { send: (event: never) => void }, value: LinkCommand) {
  host.send({ type: 'COMMAND', command: value } as never);
}

async function queued(setup: Awaited<ReturnType<typeof setUp>>) {
  setup.host.start();
  command(setup.host, { type: 'LINK_REQUEST', topic: 'cards', context: CONTEXT });
  await until(() => setup.events.find((e) => e.type === 'LINK_REQUESTED'), 'the call id');
}

function connect(backend: Backend, leg: number) {
  backend.kiosk().emit(CALL_BACKEND_EVENTS.status, {
    callId: CALL_ID,
    state: 'connected',
    leg,
    tellerName: 'Ana',
    iceServers: [],
  });
}

describe('the kiosk side of a teller call', () => {
  it('queues a request and passes the backend statuses of its own call on, validated', async () => {
    const setup = await setUp();
    await queued(setup);
    const request = setup.backend.received.find((r) => r.event === CALL_KIOSK_EVENTS.request);
    expect(request?.payload).toMatchObject({ topic: 'cards', context: CONTEXT });
    setup.backend
      .kiosk()
      .emit(CALL_BACKEND_EVENTS.status, { callId: CALL_ID, state: 'queued', position: 2, etaSeconds: 240 });
    // Another call's status, and a malformed one, are not this kiosk's business.
    setup.backend.kiosk().emit(CALL_BACKEND_EVENTS.status, {
      callId: '11111111-2222-4333-8444-555555555555',
      state: 'ringing',
    });
    setup.backend.kiosk().emit(CALL_BACKEND_EVENTS.status, { callId: CALL_ID, state: 'sideways' });
    setup.backend.kiosk().emit(CALL_BACKEND_EVENTS.status, { callId: CALL_ID, state: 'ringing' });
    await until(
      () => setup.events.find((e) => e.type === 'LINK_STATUS' && e.status.state === 'ringing'),
      'ringing',
    );
    const statuses = setup.events.filter((e) => e.type === 'LINK_STATUS');
    expect(statuses.map((e) => (e.type === 'LINK_STATUS' ? e.status.state : null))).toEqual([
      'queued',
      'ringing',
    ]);
  });

  it('keeps a status the backend sent before the request’s ack, and passes it on once the call is known', async () => {
    const setup = await setUp();
    setup.backend.setReply((event) => {
      if (event !== CALL_KIOSK_EVENTS.request) return { ok: true };
      // The router offered the call at once: its status leaves before the ack.
      setup.backend.kiosk().emit(CALL_BACKEND_EVENTS.status, { callId: CALL_ID, state: 'ringing' });
      return { ok: true, callId: CALL_ID };
    });
    await queued(setup);
    await until(
      () => setup.events.find((e) => e.type === 'LINK_STATUS' && e.status.state === 'ringing'),
      'the early status',
    );
    const order = setup.events
      .map((e) => e.type)
      .filter((t) => t === 'LINK_REQUESTED' || t === 'LINK_STATUS');
    expect(order).toEqual(['LINK_REQUESTED', 'LINK_STATUS']);
  });

  it('tells the machine when the backend refuses the request', async () => {
    const setup = await setUp();
    setup.backend.setReply(() => ({ ok: false, error: { code: 'rate-limited', message: 'queue full' } }));
    setup.host.start();
    command(setup.host, { type: 'LINK_REQUEST', topic: 'general', context: CONTEXT });
    await until(() => setup.events.find((e) => e.type === 'LINK_REFUSED'), 'the refusal');
    expect(setup.client.inCall()).toBe(false);
  });

  it('relays signaling of the current leg only, both ways', async () => {
    const setup = await setUp();
    await queued(setup);
    const fromTeller: CallSignal[] = [];
    setup.client.onSignal((signal) => fromTeller.push(signal));
    const answer: CallSignal = { callId: CALL_ID, leg: 1, signal: { kind: 'answer', sdp: 'v=0' } };
    // Before the teller took the call there is no leg: nothing goes out.
    expect(await setup.client.sendSignal(answer)).toBe(false);
    connect(setup.backend, 1);
    await until(
      () => setup.events.find((e) => e.type === 'LINK_STATUS' && e.status.state === 'connected'),
      'connected',
    );
    expect(await setup.client.sendSignal(answer)).toBe(true);
    expect(await setup.client.sendSignal({ ...answer, leg: 2 })).toBe(false);
    setup.backend
      .kiosk()
      .emit(CALL_BACKEND_EVENTS.signal, { callId: CALL_ID, leg: 2, signal: { kind: 'offer', sdp: 'old' } });
    setup.backend
      .kiosk()
      .emit(CALL_BACKEND_EVENTS.signal, { callId: CALL_ID, leg: 1, signal: { kind: 'offer' } });
    setup.backend.kiosk().emit(CALL_BACKEND_EVENTS.signal, {
      callId: CALL_ID,
      leg: 1,
      signal: { kind: 'offer', sdp: 'v=0 new' },
    });
    await until(() => fromTeller[0], 'the offer');
    expect(fromTeller).toEqual([{ callId: CALL_ID, leg: 1, signal: { kind: 'offer', sdp: 'v=0 new' } }]);
    const sent = setup.backend.received.filter((r) => r.event === CALL_KIOSK_EVENTS.signal);
    expect(sent).toHaveLength(1);
  });

  it('opens a call for an approval, sends it once queued and settles it with the teller’s decision', async () => {
    const setup = await setUp();
    const decision = setup.client.requestApproval(
      { kind: 'cardIssue', flow: 'cardIssuing', step: 'confirmOrder', summary: { holder: 'M*** G*****' } },
      'cards',
    );
    expect(setup.opened).toEqual(['cards']);
    await queued(setup);
    const sent = await until(
      () => setup.backend.received.find((r) => r.event === CALL_KIOSK_EVENTS.approval),
      'the approval',
    );
    const approvalId = (sent.payload as { approval: { approvalId: string } }).approval.approvalId;
    expect(setup.events).toContainEqual({ type: 'LINK_APPROVAL', pending: true });
    // A decision on an approval this kiosk never raised changes nothing.
    setup.backend.kiosk().emit(CALL_BACKEND_EVENTS.action, {
      callId: CALL_ID,
      action: { kind: 'decision', approvalId: '11111111-2222-4333-8444-555555555555', decision: 'rejected' },
    });
    setup.backend.kiosk().emit(CALL_BACKEND_EVENTS.action, {
      callId: CALL_ID,
      action: { kind: 'decision', approvalId, decision: 'approved' },
    });
    expect(await decision).toBe('approved');
    expect(setup.events).toContainEqual({ type: 'LINK_APPROVAL', pending: false });
  });

  it('withdraws an approval the flow stopped waiting for, so the teller cannot decide it', async () => {
    const setup = await setUp();
    await queued(setup);
    const stop = new AbortController();
    const decision = setup.client.requestApproval(
      { kind: 'cardIssue', flow: 'cardIssuing', step: 'confirmOrder', summary: {} },
      'cards',
      stop.signal,
    );
    const sent = await until(
      () => setup.backend.received.find((r) => r.event === CALL_KIOSK_EVENTS.approval),
      'the approval',
    );
    const approvalId = (sent.payload as { approval: { approvalId: string } }).approval.approvalId;
    stop.abort();
    expect(await decision).toBe('unavailable');
    const withdrawn = await until(
      () => setup.backend.received.find((r) => r.event === CALL_KIOSK_EVENTS.approvalWithdraw),
      'the withdrawal',
    );
    expect(withdrawn.payload).toEqual({ callId: CALL_ID, approvalId });
  });

  it('answers `unavailable` when the call it asked for never begins', async () => {
    const setup = await setUp({ openCallTimeoutMs: 100 });
    // The session is asked to open a call but opens none (no link actor starts).
    const decision = setup.client.requestApproval(
      { kind: 'cardIssue', flow: 'cardIssuing', step: 'confirmOrder', summary: {} },
      'cards',
    );
    expect(setup.opened).toEqual(['cards']);
    expect(await decision).toBe('unavailable');
  });

  it('answers `unavailable` to a waiting approval when the call ends without a decision', async () => {
    const setup = await setUp();
    await queued(setup);
    const decision = setup.client.requestApproval(
      { kind: 'cardIssue', flow: 'cardIssuing', step: 'confirmOrder', summary: {} },
      'cards',
    );
    setup.backend
      .kiosk()
      .emit(CALL_BACKEND_EVENTS.status, { callId: CALL_ID, state: 'ended', reason: 'tellerEnded' });
    expect(await decision).toBe('unavailable');
    expect(setup.client.inCall()).toBe(false);
  });

  it('passes teller messages on, and tells the machine when the link drops and the call is resumed', async () => {
    const setup = await setUp();
    await queued(setup);
    connect(setup.backend, 1);
    const actionId = '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
    setup.backend.kiosk().emit(CALL_BACKEND_EVENTS.action, {
      callId: CALL_ID,
      action: { kind: 'message', actionId, text: 'Hola' },
    });
    await until(() => setup.events.find((e) => e.type === 'LINK_ACTION'), 'the message');
    setup.backend.kiosk().disconnect(true);
    await until(() => setup.events.find((e) => e.type === 'LINK_OFFLINE'), 'offline');
    // The client reconnects by itself (a server-side disconnect is not retried by socket.io: do it).
    setup.socket.connect();
    await until(() => setup.events.find((e) => e.type === 'LINK_RESUMED'), 'resumed');
    expect(setup.events).toContainEqual({ type: 'LINK_RESUMED', ok: true });
    expect(setup.backend.received.some((r) => r.event === CALL_KIOSK_EVENTS.resume)).toBe(true);
  });

  it('ends an open call when the machine stops (the session ended), and sends nothing while offline', async () => {
    const setup = await setUp();
    await queued(setup);
    setup.host.stop();
    const end = await until(
      () => setup.backend.received.find((r) => r.event === CALL_KIOSK_EVENTS.end),
      'end',
    );
    expect(end.payload).toEqual({ callId: CALL_ID, reason: 'sessionEnded' });

    const offline = await setUp();
    offline.socket.disconnect();
    offline.host.start();
    command(offline.host, { type: 'LINK_REQUEST', topic: 'general', context: CONTEXT });
    await until(() => offline.events.find((e) => e.type === 'LINK_REFUSED'), 'the refusal');
    offline.socket.connect();
    await new Promise<void>((resolve) => offline.socket.once('connect', () => resolve()));
    await new Promise((r) => setTimeout(r, 100));
    // socket.io would have buffered the request and delivered it now: it was never emitted.
    expect(offline.backend.received).toEqual([]);
  });
});
