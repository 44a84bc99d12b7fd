import type { Language } from '../../../contracts/language.ts';
import type {
  ApprovalDecision,
  ApprovalRequest,
  CallAck,
  CallErrorCode,
  CallTimelineEntry,
  CallTopic,
  CustomerContext,
  SharedDocument,
  TellerPresence,
  TellerProfile,
} from '../../../contracts/teller.ts';
import type { TimerHandle } from './call-ports.ts';

/** The router's in-memory records of calls and signed-in tellers. Nothing here is persisted. */

export type CallState = 'waiting' | 'offered' | 'active' | 'ended';

export interface Call {
  callId: string;
  requestId: string;
  kioskId: string;
  kioskName: string;
  language: Language;
  topic: CallTopic;
  context: CustomerContext;
  requestedAt: number;
  state: CallState;
  /** The teller it is offered to (offered) or assigned to (active). */
  tellerId: string | null;
  /** Peer connections so far; grows on every (re)assignment and on a kiosk's resume. */
  leg: number;
  acceptedAt: number | null;
  /** An offer made by a transfer: when declined or unanswered, the call goes back to the head of the queue. */
  transfer: boolean;
  /** Tellers who declined it: not offered it again. */
  declinedBy: Set<string>;
  offerTimer: TimerHandle | null;
  kioskLink: 'online' | 'reconnecting';
  kioskGraceTimer: TimerHandle | null;
  approvals: (ApprovalRequest & { decision: ApprovalDecision | null })[];
  timeline: CallTimelineEntry[];
  /** Kept in memory for the call only; dropped on end, transfer and requeue. */
  document: SharedDocument | null;
}

export interface OnlineTeller {
  profile: TellerProfile;
  presence: TellerPresence;
  /** Since when the teller has been free; the free teller idle longest is offered first. */
  idleSince: number;
  /** Ids of the console's sockets (one per tab). */
  sockets: Set<string>;
  /** Set while every socket is gone and the teller may still come back. */
  graceTimer: TimerHandle | null;
}

export const MAX_WAITING_CALLS = 500;
export const MAX_APPROVALS = 20;
export const MAX_TIMELINE = 200;
/** Finished calls the average handle time is taken over. */
export const HANDLE_TIME_WINDOW = 20;
export const DEFAULT_HANDLE_SECONDS = 120;

export const OK: CallAck = { ok: true };

export function refusal(
  code: CallErrorCode,
  message: string,
): { ok: false; error: { code: CallErrorCode; message: string } } {
  return { ok: false, error: { code, message } };
}

export function isOpen(call: Call): boolean {
  return call.state !== 'ended';
}

export function isQueued(call: Call): boolean {
  return call.state === 'waiting' || call.state === 'offered';
}

/** Whether a teller serves this kind of call; supervisors watch and do not take calls. */
export function serves(profile: TellerProfile, call: Pick<Call, 'language' | 'topic'>): boolean {
  return (
    profile.role === 'teller' &&
    profile.languages.includes(call.language) &&
    (profile.topics.includes(call.topic) || profile.topics.includes('general'))
  );
}

/** A teller with at least one console open (not waiting out a lost link). */
export function signedIn(teller: OnlineTeller): boolean {
  return teller.sockets.size > 0;
}
