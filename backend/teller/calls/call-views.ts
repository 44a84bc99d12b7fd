import type {
  ActiveCall,
  CallStatus,
  IceServer,
  QueuedCall,
  TellerConsoleState,
} from '../../../contracts/teller.ts';
import { type Call, type OnlineTeller, serves, signedIn } from './call-model.ts';

/** What each party is shown, computed from the router's records; no state of its own. */
export interface RouterView {
  /** Waiting and offered calls, head of the queue first. */
  queue: readonly Call[];
  active: Iterable<Call>;
  tellers: ReadonlyMap<string, OnlineTeller>;
  averageHandleSeconds: number;
  iceServers: readonly IceServer[];
  callbacks(): number;
}

/** 1 + the calls ahead of it that could go to the same tellers (simplified: same language). */
export function positionOf(call: Call, queue: readonly Call[]): number {
  let ahead = 0;
  for (const other of queue) {
    if (other === call) break;
    if (other.language === call.language) ahead += 1;
  }
  return ahead + 1;
}

/** Seconds until a teller is likely free for it; null when no teller for it is signed in. */
export function etaSeconds(call: Call, position: number, view: RouterView): number | null {
  let eligible = 0;
  for (const teller of view.tellers.values()) {
    if (signedIn(teller) && serves(teller.profile, call)) eligible += 1;
  }
  if (eligible === 0) return null;
  return Math.ceil((position * view.averageHandleSeconds) / eligible);
}

/** The kiosk's view of an open call (an ended call's status is sent once, by the router). */
export function kioskStatusOf(call: Call, view: RouterView): CallStatus | null {
  switch (call.state) {
    case 'waiting': {
      const position = positionOf(call, view.queue);
      return { callId: call.callId, state: 'queued', position, etaSeconds: etaSeconds(call, position, view) };
    }
    case 'offered':
      return { callId: call.callId, state: 'ringing' };
    case 'active': {
      const teller = call.tellerId ? view.tellers.get(call.tellerId) : undefined;
      return {
        callId: call.callId,
        state: 'connected',
        leg: call.leg,
        tellerName: teller?.profile.displayName ?? '',
        iceServers: [...view.iceServers],
      };
    }
    default:
      return null;
  }
}

export function queuedCallOf(call: Call, queue: readonly Call[]): QueuedCall {
  return {
    callId: call.callId,
    kioskId: call.kioskId,
    kioskName: call.kioskName,
    language: call.language,
    topic: call.topic,
    requestedAt: new Date(call.requestedAt).toISOString(),
    position: positionOf(call, queue),
  };
}

export function activeCallOf(call: Call, iceServers: readonly IceServer[]): ActiveCall {
  const { document } = call;
  return {
    callId: call.callId,
    leg: call.leg,
    kioskId: call.kioskId,
    kioskName: call.kioskName,
    topic: call.topic,
    context: call.context,
    acceptedAt: new Date(call.acceptedAt ?? call.requestedAt).toISOString(),
    kioskLink: call.kioskLink,
    iceServers: [...iceServers],
    approvals: call.approvals.map((a) => ({ ...a, summary: { ...a.summary } })),
    timeline: call.timeline.map((entry) => ({ ...entry })),
    document: document
      ? (() => {
          const { image, ...fields } = document;
          return { ...fields, hasImage: image !== null };
        })()
      : null,
  };
}

/** The whole state of one teller's console. */
export function consoleStateOf(teller: OnlineTeller, view: RouterView): TellerConsoleState {
  const { profile } = teller;
  const queue: QueuedCall[] = [];
  let offer: QueuedCall | null = null;
  for (const call of view.queue) {
    if (call.state === 'offered' && call.tellerId === profile.tellerId)
      offer = queuedCallOf(call, view.queue);
    else if (call.state === 'waiting' && serves(profile, call)) queue.push(queuedCallOf(call, view.queue));
  }
  let mine: Call | undefined;
  for (const call of view.active) if (call.tellerId === profile.tellerId) mine = call;
  const tellers = [...view.tellers.values()]
    .filter((other) => other !== teller && signedIn(other) && other.profile.role === 'teller')
    .map((other) => ({
      tellerId: other.profile.tellerId,
      displayName: other.profile.displayName,
      presence: other.presence,
      languages: [...other.profile.languages],
      topics: [...other.profile.topics],
    }));
  return {
    me: { ...profile, presence: teller.presence },
    queue,
    offer,
    call: mine ? activeCallOf(mine, view.iceServers) : null,
    tellers,
    supervisor: profile.role === 'supervisor' ? supervisorViewOf(view) : null,
  };
}

function supervisorViewOf(view: RouterView): NonNullable<TellerConsoleState['supervisor']> {
  const calls = [...view.active].map((call) => ({
    callId: call.callId,
    kioskName: call.kioskName,
    tellerName: (call.tellerId && view.tellers.get(call.tellerId)?.profile.displayName) || '',
    topic: call.topic,
    language: call.language,
    acceptedAt: new Date(call.acceptedAt ?? call.requestedAt).toISOString(),
  }));
  return {
    queue: view.queue.map((call) => queuedCallOf(call, view.queue)),
    calls,
    callbacks: view.callbacks(),
  };
}
