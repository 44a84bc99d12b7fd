import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  CALL_BACKEND_EVENTS,
  CALL_KIOSK_EVENTS,
  type CallAck,
  type CallRequestAck,
  type CallStatus,
  TELLER_BACKEND_EVENTS,
  TELLER_EVENTS,
  TELLER_NAMESPACE,
  type TellerConsoleState,
  type AuditEntry,
  type CallSignal,
  type TellerActionMessage,
} from '../../contracts/teller.ts';
import type { Language } from '../../contracts/language.ts';
import type { TellerSeed } from '../../backend/teller/accounts/teller-seed.ts';
import { kioskAuth, type TestBackend, type TestKiosk, waitUntil } from '../backend-harness.ts';

/** Tellers of the call tests: ana speaks es and zh, bea es only; sol supervises. */
export const PASSWORD = 'teller password 1';
export const TELLERS: TellerSeed[] = [
  { username: 'ana', displayName: 'Ana', password: PASSWORD, languages: ['es', 'zh'], topics: ['general'] },
  { username: 'bea', displayName: 'Bea', password: PASSWORD, languages: ['es'], topics: ['general'] },
  {
    username: 'sol',
    displayName: 'Sol',
    password: PASSWORD,
    role: 'supervisor',
    languages: ['es'],
    topics: ['general'],
  },
];

export interface Console {
  socket: Socket;
  token: string;
  tellerId: string;
  states: TellerConsoleState[];
  signals: CallSignal[];
  state(): TellerConsoleState;
  /** Resolves with the first state (latest first) that `check` accepts. */
  until(check: (state: TellerConsoleState) => boolean, label: string): Promise<TellerConsoleState>;
  emit(event: string, payload: unknown): Promise<CallAck>;
}

export async function login(
  backend: TestBackend,
  username: string,
): Promise<{ token: string; tellerId: string }> {
  const response = await fetch(`${backend.url}/api/teller/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login of ${username} answered ${response.status}`);
  const reply = (await response.json()) as { token: string; teller: { tellerId: string } };
  return { token: reply.token, tellerId: reply.teller.tellerId };
}

export function openTellerSocket(backend: TestBackend, auth: unknown): Socket {
  return io(`${backend.url}${TELLER_NAMESPACE}`, {
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

export async function openConsole(
  backend: TestBackend,
  username: string,
  session?: { token: string; tellerId: string },
): Promise<Console> {
  const { token, tellerId } = session ?? (await login(backend, username));
  const socket = openTellerSocket(backend, { token });
  const states: TellerConsoleState[] = [];
  const signals: CallSignal[] = [];
  socket.on(TELLER_BACKEND_EVENTS.state, (state: TellerConsoleState) => states.push(state));
  socket.on(TELLER_BACKEND_EVENTS.signal, (signal: CallSignal) => signals.push(signal));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const view: Console = {
    socket,
    token,
    tellerId,
    states,
    signals,
    state: () => {
      const last = states.at(-1);
      if (!last) throw new Error(`${username} has no state yet`);
      return last;
    },
    async until(check, label) {
      await waitUntil(() => states.length > 0 && check(view.state()), 3000, `${username}: ${label}`);
      return view.state();
    },
    emit: (event, payload) => socket.timeout(3000).emitWithAck(event, payload),
  };
  await view.until(() => true, 'first state');
  return view;
}

export interface KioskCaller {
  socket: Socket;
  statuses: CallStatus[];
  signals: CallSignal[];
  actions: TellerActionMessage[];
  status(): CallStatus | undefined;
  until(check: (status: CallStatus) => boolean, label: string): Promise<CallStatus>;
  request(language?: Language): Promise<string>;
  emit(event: string, payload: unknown): Promise<CallAck>;
}

export async function openKiosk(backend: TestBackend, kiosk?: TestKiosk): Promise<KioskCaller> {
  const socket = await backend.connect(kioskAuth({}, kiosk));
  const statuses: CallStatus[] = [];
  const signals: CallSignal[] = [];
  const actions: TellerActionMessage[] = [];
  socket.on(CALL_BACKEND_EVENTS.status, (status: CallStatus) => statuses.push(status));
  socket.on(CALL_BACKEND_EVENTS.signal, (signal: CallSignal) => signals.push(signal));
  socket.on(CALL_BACKEND_EVENTS.action, (action: TellerActionMessage) => actions.push(action));
  const caller: KioskCaller = {
    socket,
    statuses,
    signals,
    actions,
    status: () => statuses.at(-1),
    async until(check, label) {
      await waitUntil(
        () => statuses.length > 0 && check(statuses.at(-1) as CallStatus),
        3000,
        `kiosk: ${label}`,
      );
      return statuses.at(-1) as CallStatus;
    },
    async request(language = 'es') {
      const ack: CallRequestAck = await socket.timeout(3000).emitWithAck(CALL_KIOSK_EVENTS.request, {
        requestId: randomUUID(),
        topic: 'general',
        context: { language, flow: null, step: null },
      });
      if (!ack.ok) throw new Error(`call request refused: ${ack.error.code}`);
      return ack.callId;
    },
    emit: (event, payload) => socket.timeout(3000).emitWithAck(event, payload),
  };
  return caller;
}

/** The teller becomes available, the kiosk asks for a teller in Spanish, the teller takes the offer. */
export async function acceptedCall(kiosk: KioskCaller, teller: Console): Promise<string> {
  await teller.emit(TELLER_EVENTS.presence, { presence: 'available' });
  const callId = await kiosk.request('es');
  await teller.until((s) => s.offer?.callId === callId, 'offer');
  await teller.emit(TELLER_EVENTS.accept, { callId });
  return callId;
}

export async function auditOf(backend: TestBackend, token: string, callId: string): Promise<AuditEntry[]> {
  const response = await fetch(`${backend.url}/api/teller/audit?callId=${callId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`GET /api/teller/audit answered ${response.status}`);
  return ((await response.json()) as { entries: AuditEntry[] }).entries;
}
