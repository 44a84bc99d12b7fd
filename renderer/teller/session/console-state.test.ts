import { describe, expect, it } from 'vitest';
import { APPROVAL_ID, activeCall, consoleState, queued } from './console-fixtures.ts';
import { parseConsoleState } from './console-state.ts';

const roundTrip = (value: unknown) => parseConsoleState(JSON.parse(JSON.stringify(value)));

describe('teller:state shape check', () => {
  it('accepts an idle state, one with an offer and queue, a call, and a supervisor view', () => {
    const idle = consoleState();
    expect(roundTrip(idle)).toEqual(idle);
    const ringing = consoleState({ queue: [queued()], offer: queued() });
    expect(roundTrip(ringing)).toEqual(ringing);
    const onCall = consoleState({
      call: activeCall({
        approvals: [
          {
            approvalId: APPROVAL_ID,
            kind: 'cardIssue',
            flow: 'cardIssuing',
            step: 'awaitingTeller',
            summary: { name: 'M. G.' },
            decision: null,
          },
        ],
        timeline: [{ at: '2026-01-01T10:02:00.000Z', actionId: 'a', kind: 'message', text: 'Hola' }],
      }),
    });
    expect(roundTrip(onCall)).toEqual(onCall);
    const supervising = consoleState({
      supervisor: {
        queue: [queued()],
        calls: [
          {
            callId: APPROVAL_ID,
            kioskName: 'k',
            tellerName: 'Ana',
            topic: 'general',
            language: 'en',
            acceptedAt: '2026-01-01T10:00:00.000Z',
          },
        ],
        callbacks: 2,
      },
    });
    expect(roundTrip(supervising)).toEqual(supervising);
  });

  it('refuses what the console could not render', () => {
    expect(parseConsoleState(null)).toBeNull();
    expect(parseConsoleState('state')).toBeNull();
    const { queue: _queue, ...withoutQueue } = consoleState();
    expect(parseConsoleState(withoutQueue)).toBeNull();
    expect(parseConsoleState(consoleState({ queue: [{ callId: 'x' } as never] }))).toBeNull();
    expect(parseConsoleState({ ...consoleState(), offer: undefined })).toBeNull();
    expect(parseConsoleState(consoleState({ call: activeCall({ leg: 'one' as never }) }))).toBeNull();
    expect(parseConsoleState(consoleState({ call: activeCall({ approvals: [{} as never] }) }))).toBeNull();
    expect(parseConsoleState({ ...consoleState(), me: { displayName: 'Ana' } })).toBeNull();
    expect(parseConsoleState({ ...consoleState(), supervisor: { queue: [] } })).toBeNull();
  });
});
