import type { ActiveCall, QueuedCall, TellerConsoleState } from '../../../contracts/teller.ts';

/** Console states for the console's tests. */
export const CALL_ID = '6f1c1e38-3f4c-4c8e-9a51-0d8f2b7c1a01';
export const OTHER_CALL_ID = '6f1c1e38-3f4c-4c8e-9a51-0d8f2b7c1a02';
export const APPROVAL_ID = '0b6f3a4e-8a57-4b0e-9d0c-5c1d2f3e4a01';

export function queued(overrides: Partial<QueuedCall> = {}): QueuedCall {
  return {
    callId: CALL_ID,
    kioskId: 'kiosk-1',
    kioskName: 'Sol branch, kiosk 1',
    language: 'es',
    topic: 'cards',
    requestedAt: '2026-01-01T10:00:00.000Z',
    position: 1,
    ...overrides,
  };
}

export function activeCall(overrides: Partial<ActiveCall> = {}): ActiveCall {
  return {
    callId: CALL_ID,
    leg: 1,
    kioskId: 'kiosk-1',
    kioskName: 'Sol branch, kiosk 1',
    topic: 'cards',
    context: { language: 'es', flow: 'cardIssuing', step: 'awaitingTeller' },
    acceptedAt: '2026-01-01T10:01:00.000Z',
    kioskLink: 'online',
    iceServers: [],
    approvals: [],
    timeline: [],
    document: null,
    ...overrides,
  };
}

export function consoleState(overrides: Partial<TellerConsoleState> = {}): TellerConsoleState {
  return {
    me: {
      tellerId: 't1',
      username: 'ana',
      displayName: 'Ana Ruiz',
      role: 'teller',
      languages: ['es', 'en'],
      topics: ['general'],
      presence: 'available',
    },
    queue: [],
    offer: null,
    call: null,
    tellers: [],
    supervisor: null,
    ...overrides,
  };
}
