import { randomUUID } from 'node:crypto';
import type {
  AuditAction,
  CallAck,
  ApprovalWithdraw,
  CallApproval,
  CallbackRequest,
  CallContextUpdate,
  CallEnd,
  CallEndReason,
  CallRequest,
  CallRequestAck,
  CallSignal,
  CallTimelineEntry,
  DecisionRequest,
  DocumentAnswer,
  PromptAnswer,
  TellerAction,
  TellerActionRequest,
  TellerConsoleState,
  TellerProfile,
} from '../../../contracts/teller.ts';
import type { Logger } from '../../../platform/log.ts';
import {
  type Call,
  DEFAULT_HANDLE_SECONDS,
  HANDLE_TIME_WINDOW,
  isQueued,
  MAX_APPROVALS,
  MAX_TIMELINE,
  MAX_WAITING_CALLS,
  OK,
  type OnlineTeller,
  refusal,
  serves,
  signedIn,
} from './call-model.ts';
import type {
  AuditSink,
  CallbackSink,
  CallClock,
  CallRouterOptions,
  CallRouterOutputs,
} from './call-ports.ts';
import { consoleStateOf, kioskStatusOf, type RouterView } from './call-views.ts';

export interface CallRouterDeps {
  outputs: CallRouterOutputs;
  audit: AuditSink;
  callbacks: CallbackSink;
  clock: CallClock;
  options: CallRouterOptions;
  /** The kiosk's name as the fleet knows it. */
  kioskName(kioskId: string): string;
  logger: Logger;
  /**
   * Runs the consoles' state push later (the server passes `setImmediate`): a burst of changes —
   * a hundred kiosks asking at once — then costs each console one state instead of one per
   * change. Left out (unit tests), every change is pushed at once.
   */
  deferConsoleStates?: (push: () => void) => void;
}

/** Request ids remembered for idempotent `call:request`s after their call ended. */
const REMEMBERED_REQUESTS = 2_000;

/**
 * Routes kiosk calls to tellers: the queue, offers and their timeouts, accept, decline, transfer,
 * end, lost links and their grace, and the relay of signaling and teller actions between a call's
 * kiosk and its assigned teller only. No sockets here: what each party must be told goes through
 * `outputs` after every change, recomputed whole (the kiosk's status and every console's state),
 * and sent only when it differs from what that party was last sent.
 */
export class CallRouter {
  private readonly calls = new Map<string, Call>();
  /** Waiting and offered calls, head first. */
  private queue: Call[] = [];
  private readonly openCallOfKiosk = new Map<string, string>();
  private readonly requests = new Map<
    string,
    { kioskId: string; callId: string; ended: CallEndReason | null }
  >();
  private readonly tellers = new Map<string, OnlineTeller>();
  private readonly handleTimes: number[] = [];
  private readonly lastKioskStatus = new Map<string, string>();
  private readonly lastTellerState = new Map<string, string>();
  private consoleStatesDue = false;
  private closed = false;

  constructor(private readonly deps: CallRouterDeps) {}

  // ─── Kiosk side ───────────────────────────────────────────────────────────────────────────

  request(kioskId: string, request: CallRequest): CallRequestAck {
    if (this.closed) return refusal('conflict', 'the backend is shutting down');
    const known = this.requests.get(request.requestId);
    if (known) {
      if (known.kioskId !== kioskId) return refusal('forbidden', 'request id of another kiosk');
      if (known.ended)
        this.deps.outputs.kioskStatus(kioskId, { callId: known.callId, state: 'ended', reason: known.ended });
      else this.askedAgain(kioskId, known.callId);
      return { ok: true, callId: known.callId };
    }
    const open = this.openCallOfKiosk.get(kioskId);
    if (open) {
      this.askedAgain(kioskId, open);
      return { ok: true, callId: open };
    }
    if (this.queue.length >= MAX_WAITING_CALLS)
      return refusal('rate-limited', 'too many calls waiting; try later');
    const call: Call = {
      callId: randomUUID(),
      requestId: request.requestId,
      kioskId,
      kioskName: this.deps.kioskName(kioskId),
      language: request.context.language,
      topic: request.topic,
      context: request.context,
      requestedAt: this.deps.clock.now(),
      state: 'waiting',
      tellerId: null,
      leg: 0,
      acceptedAt: null,
      transfer: false,
      declinedBy: new Set(),
      offerTimer: null,
      kioskLink: 'online',
      kioskGraceTimer: null,
      approvals: [],
      timeline: [],
      document: null,
    };
    this.calls.set(call.callId, call);
    this.queue.push(call);
    this.openCallOfKiosk.set(kioskId, call.callId);
    this.rememberRequest(request.requestId, kioskId, call.callId);
    this.deps.logger.info('call requested', {
      kioskId,
      callId: call.callId,
      language: call.language,
      topic: call.topic,
    });
    this.changed([call.callId]);
    return { ok: true, callId: call.callId };
  }

  /**
   * A kiosk asking again for its open call: a lost kiosk is back (its call resumes on a new leg);
   * otherwise it is told the call's status again, and a live peer connection is left alone.
   */
  private askedAgain(kioskId: string, callId: string): void {
    const call = this.calls.get(callId);
    if (call?.state === 'active' && call.kioskLink === 'reconnecting') this.resume(kioskId, callId);
    else this.publish([callId]);
  }

  kioskEnd(kioskId: string, end: CallEnd): CallAck {
    const found = this.kioskCall(kioskId, end.callId);
    if (!found.ok) return found;
    this.endCall(found.call, end.reason);
    this.changed();
    return OK;
  }

  callback(kioskId: string, request: CallbackRequest): CallAck {
    const found = this.kioskCall(kioskId, request.callId);
    if (!found.ok) return found;
    const { call } = found;
    if (!isQueued(call)) return refusal('conflict', 'only a queued call can become a callback');
    try {
      this.deps.callbacks.record({
        kioskId,
        language: call.language,
        topic: call.topic,
        phone: request.phone,
        callId: call.callId,
      });
    } catch (error) {
      this.deps.logger.error('callback request could not be stored', {
        kioskId,
        callId: call.callId,
        error: error as Error,
      });
      return refusal('internal', 'the callback could not be stored; try again');
    }
    this.endCall(call, 'callback');
    this.changed();
    return OK;
  }

  resume(kioskId: string, callId: string): CallAck {
    const found = this.kioskCall(kioskId, callId);
    if (!found.ok) return found;
    const { call } = found;
    if (call.state === 'active') {
      // The kiosk's peer connection did not survive the lost link: the console offers a new leg.
      call.kioskGraceTimer?.cancel();
      call.kioskGraceTimer = null;
      call.kioskLink = 'online';
      call.leg += 1;
    }
    // The kiosk forgot what it was told: tell it again even if nothing changed.
    this.lastKioskStatus.delete(call.callId);
    this.changed([call.callId]);
    return OK;
  }

  kioskSignal(kioskId: string, signal: CallSignal): CallAck {
    const found = this.kioskCall(kioskId, signal.callId);
    if (!found.ok) return found;
    const { call } = found;
    if (call.state !== 'active' || !call.tellerId) return refusal('conflict', 'the call has no teller');
    if (signal.leg !== call.leg)
      return refusal('conflict', `leg ${signal.leg} is not the call's leg ${call.leg}`);
    this.deps.outputs.tellerSignal(call.tellerId, signal);
    return OK;
  }

  context(kioskId: string, update: CallContextUpdate): CallAck {
    const found = this.kioskCall(kioskId, update.callId);
    if (!found.ok) return found;
    found.call.context = update.context;
    this.changed();
    return OK;
  }

  approval(kioskId: string, request: CallApproval): CallAck {
    const found = this.kioskCall(kioskId, request.callId);
    if (!found.ok) return found;
    const { call } = found;
    const existing = call.approvals.find((a) => a.approvalId === request.approval.approvalId);
    if (existing) return OK;
    if (call.approvals.length >= MAX_APPROVALS) return refusal('conflict', 'too many approvals on this call');
    call.approvals.push({ ...request.approval, decision: null });
    this.changed();
    return OK;
  }

  /**
   * The kiosk's flow stopped waiting: the approval leaves the teller's list (a decision now
   * would decide nothing). One already decided stays, with its decision.
   */
  approvalWithdrawn(kioskId: string, request: ApprovalWithdraw): CallAck {
    const found = this.kioskCall(kioskId, request.callId);
    if (!found.ok) return found;
    const { call } = found;
    const index = call.approvals.findIndex((a) => a.approvalId === request.approvalId);
    if (index < 0 || call.approvals[index]?.decision !== null) return OK;
    call.approvals.splice(index, 1);
    this.addTimeline(call, { actionId: request.approvalId, kind: 'decision', text: 'withdrawn' });
    this.changed();
    return OK;
  }

  promptAnswer(kioskId: string, answer: PromptAnswer): CallAck {
    const found = this.kioskCall(kioskId, answer.callId);
    if (!found.ok) return found;
    const { call } = found;
    if (!this.askedFor(call, answer.actionId, 'prompt'))
      return refusal('conflict', 'no such prompt on this call');
    this.addTimeline(call, { actionId: answer.actionId, kind: 'promptAnswer', text: answer.answer });
    this.changed();
    return OK;
  }

  document(kioskId: string, answer: DocumentAnswer): CallAck {
    const found = this.kioskCall(kioskId, answer.callId);
    if (!found.ok) return found;
    const { call } = found;
    if (!this.askedFor(call, answer.actionId, 'askIdScan'))
      return refusal('conflict', 'no such ID request on this call');
    if ((answer.outcome === 'shared') !== (answer.document !== null)) {
      return refusal('invalid-message', 'a document comes with outcome shared, and only then');
    }
    if (answer.document) call.document = answer.document;
    this.addTimeline(call, { actionId: answer.actionId, kind: 'document', text: answer.outcome });
    this.changed();
    return OK;
  }

  kioskConnected(kioskId: string): void {
    // Nothing to do until the kiosk resumes its call: a reconnect alone does not say the
    // kiosk still has it (the runtime may have restarted and forgotten it).
    this.deps.logger.debug('kiosk link up', { kioskId, openCall: this.openCallOfKiosk.has(kioskId) });
  }

  kioskDisconnected(kioskId: string): void {
    const callId = this.openCallOfKiosk.get(kioskId);
    const call = callId ? this.calls.get(callId) : undefined;
    if (!call) return;
    if (call.state !== 'active') {
      // Nobody would answer a kiosk that is gone: the queue moves on at once.
      this.endCall(call, 'kioskLost');
    } else if (call.kioskLink === 'online') {
      call.kioskLink = 'reconnecting';
      call.kioskGraceTimer = this.deps.clock.after(this.deps.options.kioskReconnectGraceMs, () => {
        call.kioskGraceTimer = null;
        if (call.state === 'ended' || call.kioskLink !== 'reconnecting') return;
        this.endCall(call, 'kioskLost');
        this.changed();
      });
    }
    this.changed();
  }

  // ─── Teller side ──────────────────────────────────────────────────────────────────────────

  tellerConnected(profile: TellerProfile, socketId: string): void {
    const known = this.tellers.get(profile.tellerId);
    if (known) {
      known.profile = profile;
      known.sockets.add(socketId);
      known.graceTimer?.cancel();
      known.graceTimer = null;
    } else {
      // A new console starts away: the teller says when they are ready for calls.
      this.tellers.set(profile.tellerId, {
        profile,
        presence: 'away',
        idleSince: this.deps.clock.now(),
        sockets: new Set([socketId]),
        graceTimer: null,
      });
    }
    // The new tab needs the whole state even if nothing changed.
    this.lastTellerState.delete(profile.tellerId);
    this.changed();
  }

  tellerDisconnected(tellerId: string, socketId: string): void {
    const teller = this.tellers.get(tellerId);
    if (!teller?.sockets.delete(socketId) || signedIn(teller)) return;
    // A ringing console that is gone cannot answer: the call goes on to the next teller.
    for (const call of this.queue) {
      if (call.state === 'offered' && call.tellerId === tellerId) this.withdrawOffer(call);
    }
    teller.graceTimer = this.deps.clock.after(this.deps.options.tellerReconnectGraceMs, () => {
      teller.graceTimer = null;
      if (signedIn(teller)) return;
      this.tellers.delete(tellerId);
      this.lastTellerState.delete(tellerId);
      const call = this.activeCallOf(tellerId);
      if (call) {
        this.deps.logger.info('teller console lost; call queued again', { callId: call.callId });
        this.requeueAtHead(call);
      }
      this.changed();
    });
    this.changed();
  }

  consoleState(tellerId: string): TellerConsoleState | null {
    const teller = this.tellers.get(tellerId);
    return teller ? consoleStateOf(teller, this.view()) : null;
  }

  setPresence(tellerId: string, presence: 'available' | 'away'): CallAck {
    const teller = this.tellers.get(tellerId);
    if (!teller) return refusal('conflict', 'not signed in');
    if (teller.presence === 'busy') return refusal('conflict', 'on a call');
    this.audit(teller, 'presence', undefined, presence);
    if (teller.presence !== presence) {
      teller.presence = presence;
      if (presence === 'available') teller.idleSince = this.deps.clock.now();
    }
    this.changed();
    return OK;
  }

  accept(tellerId: string, callId: string): CallAck {
    const teller = this.tellers.get(tellerId);
    const call = this.calls.get(callId);
    if (!teller) return refusal('conflict', 'not signed in');
    if (!call) return refusal('unknown-call', 'no such call');
    const offeredToMe = call.state === 'offered' && call.tellerId === tellerId;
    if (!offeredToMe) {
      // Rung elsewhere a moment ago: a race, not a trespass.
      if (call.state === 'offered') return this.refuse(teller, 'accept', call, 'conflict');
      if (call.state !== 'waiting' || !serves(teller.profile, call))
        return this.refuse(teller, 'accept', call, 'forbidden');
    }
    if (this.activeCallOf(tellerId))
      return this.refuse(teller, 'accept', call, 'conflict', 'already on a call');
    this.audit(teller, 'accept', call);
    // Taking a call from the list while another one rings: that one goes on to the next teller.
    for (const other of this.queue) {
      if (other !== call && other.state === 'offered' && other.tellerId === tellerId)
        this.withdrawOffer(other);
    }
    call.offerTimer?.cancel();
    call.offerTimer = null;
    this.queue = this.queue.filter((c) => c !== call);
    call.state = 'active';
    call.tellerId = tellerId;
    call.transfer = false;
    call.leg += 1;
    call.acceptedAt = this.deps.clock.now();
    teller.presence = 'busy';
    this.deps.logger.info('call accepted', { callId, kioskId: call.kioskId, tellerId, leg: call.leg });
    this.changed();
    return OK;
  }

  decline(tellerId: string, callId: string): CallAck {
    const teller = this.tellers.get(tellerId);
    const call = this.calls.get(callId);
    if (!teller) return refusal('conflict', 'not signed in');
    if (!call) return refusal('unknown-call', 'no such call');
    if (call.state !== 'offered' || call.tellerId !== tellerId)
      return this.refuse(teller, 'decline', call, 'forbidden');
    this.audit(teller, 'decline', call);
    call.declinedBy.add(tellerId);
    this.withdrawOffer(call);
    this.changed();
    return OK;
  }

  transfer(tellerId: string, callId: string, toTellerId: string): CallAck {
    const found = this.tellersCall(this.tellers.get(tellerId), tellerId, callId, 'transfer');
    if (!found.ok) return found;
    const { call, teller } = found;
    const target = this.tellers.get(toTellerId);
    const ringing = this.queue.some((c) => c.state === 'offered' && c.tellerId === toTellerId);
    if (
      !target ||
      toTellerId === tellerId ||
      !signedIn(target) ||
      target.presence !== 'available' ||
      ringing ||
      !serves(target.profile, call)
    ) {
      return refusal('conflict', 'that teller cannot take this call now');
    }
    this.audit(teller, 'transfer', call, `to ${target.profile.username}`);
    this.releaseTeller(call);
    call.document = null;
    call.state = 'offered';
    call.tellerId = toTellerId;
    call.transfer = true;
    call.acceptedAt = null;
    this.queue.unshift(call);
    this.startOfferTimer(call);
    this.changed();
    return OK;
  }

  tellerEnd(tellerId: string, callId: string): CallAck {
    const found = this.tellersCall(this.tellers.get(tellerId), tellerId, callId, 'end');
    if (!found.ok) return found;
    const { teller } = found;
    this.audit(teller, 'end', found.call);
    this.endCall(found.call, 'tellerEnded');
    this.changed();
    return OK;
  }

  tellerSignal(tellerId: string, signal: CallSignal): CallAck {
    const found = this.tellersCall(this.tellers.get(tellerId), tellerId, signal.callId, 'signal');
    if (!found.ok) return found;
    const { call } = found;
    if (signal.leg !== call.leg)
      return refusal('conflict', `leg ${signal.leg} is not the call's leg ${call.leg}`);
    if (call.kioskLink !== 'online') return refusal('conflict', 'the kiosk is reconnecting');
    this.deps.outputs.kioskSignal(call.kioskId, signal);
    return OK;
  }

  action(tellerId: string, request: TellerActionRequest): CallAck {
    const found = this.tellersCall(this.tellers.get(tellerId), tellerId, request.callId, request.action.kind);
    if (!found.ok) return found;
    const { call, teller } = found;
    if (call.kioskLink !== 'online') return refusal('conflict', 'the kiosk is reconnecting');
    const actionId = randomUUID();
    const text = request.action.kind === 'askIdScan' ? null : request.action.text;
    const action: TellerAction =
      request.action.kind === 'askIdScan'
        ? { kind: 'askIdScan', actionId }
        : { kind: request.action.kind, actionId, text: request.action.text };
    // The teller's own words may be audited; the customer's never are.
    this.audit(teller, request.action.kind, call, text ?? undefined);
    this.addTimeline(call, { actionId, kind: request.action.kind, text });
    this.deps.outputs.kioskAction(call.kioskId, { callId: call.callId, action });
    this.changed();
    return OK;
  }

  decide(tellerId: string, request: DecisionRequest): CallAck {
    const auditAction = request.decision === 'approved' ? 'approve' : 'reject';
    const found = this.tellersCall(this.tellers.get(tellerId), tellerId, request.callId, auditAction);
    if (!found.ok) return found;
    const { call, teller } = found;
    const approval = call.approvals.find((a) => a.approvalId === request.approvalId);
    if (!approval) return refusal('conflict', 'no such approval on this call');
    if (approval.decision !== null) return refusal('conflict', 'already decided');
    if (call.kioskLink !== 'online') return refusal('conflict', 'the kiosk is reconnecting');
    this.audit(teller, auditAction, call, `${approval.kind} ${approval.flow}/${approval.step}`);
    approval.decision = request.decision;
    this.addTimeline(call, { actionId: request.approvalId, kind: 'decision', text: request.decision });
    this.deps.outputs.kioskAction(call.kioskId, {
      callId: call.callId,
      action: { kind: 'decision', approvalId: request.approvalId, decision: request.decision },
    });
    this.changed();
    return OK;
  }

  /** The shared document's scan, for its call's assigned teller only. */
  documentImage(
    callId: string,
    tellerId: string,
  ): { mime: 'image/png' | 'image/jpeg'; bytes: Buffer } | 'forbidden' | null {
    const call = this.calls.get(callId);
    if (!call) return null;
    if (call.state !== 'active' || call.tellerId !== tellerId) return 'forbidden';
    const image = call.document?.image;
    if (!image) return null;
    const match = /^data:(image\/(?:png|jpeg));base64,(.*)$/.exec(image);
    if (!match) return null;
    return { mime: match[1] as 'image/png' | 'image/jpeg', bytes: Buffer.from(match[2] as string, 'base64') };
  }

  /** Average handle time of the last finished calls, seconds (120 before any). */
  averageHandleSeconds(): number {
    if (this.handleTimes.length === 0) return DEFAULT_HANDLE_SECONDS;
    return this.handleTimes.reduce((sum, t) => sum + t, 0) / this.handleTimes.length;
  }

  /** Ends every open call (`backendEnded`) and stops every timer; later requests are refused. */
  shutdown(): void {
    this.closed = true;
    for (const call of [...this.calls.values()]) this.endCall(call, 'backendEnded');
    for (const teller of this.tellers.values()) teller.graceTimer?.cancel();
    this.changed();
  }

  // ─── Inside ───────────────────────────────────────────────────────────────────────────────

  private kioskCall(kioskId: string, callId: string): { ok: true; call: Call } | ReturnType<typeof refusal> {
    const call = this.calls.get(callId);
    if (!call) return refusal('unknown-call', 'no such open call');
    if (call.kioskId !== kioskId) return refusal('forbidden', "not this kiosk's call");
    return { ok: true, call };
  }

  /** The call `tellerId` acts on, when it is that teller's active call; otherwise refused and audited. */
  private tellersCall(
    teller: OnlineTeller | undefined,
    tellerId: string,
    callId: string,
    what: string,
  ): { ok: true; call: Call; teller: OnlineTeller } | ReturnType<typeof refusal> {
    if (!teller) return refusal('conflict', 'not signed in');
    const call = this.calls.get(callId);
    if (!call) return refusal('unknown-call', 'no such call');
    if (call.state !== 'active' || call.tellerId !== tellerId) {
      return this.refuse(teller, what, call, 'forbidden');
    }
    return { ok: true, call, teller };
  }

  private refuse(
    teller: OnlineTeller,
    what: string,
    call: Call,
    code: 'forbidden' | 'conflict',
    message = code === 'forbidden' ? 'not your call' : 'the call is not in a state that allows this',
  ): ReturnType<typeof refusal> {
    if (code === 'forbidden') this.audit(teller, 'refused', call, what);
    this.deps.logger.warn('teller request refused', {
      tellerId: teller.profile.tellerId,
      callId: call.callId,
      what,
      code,
    });
    return refusal(code, message);
  }

  /**
   * Written before the action is taken: when the audit log cannot store it, this throws, the
   * action is not taken, and the teller is answered `internal` (see call-acks.ts).
   */
  private audit(teller: OnlineTeller, action: AuditAction, call?: Call, detail?: string): void {
    this.deps.audit.record({
      tellerId: teller.profile.tellerId,
      username: teller.profile.username,
      action,
      ...(call ? { callId: call.callId, kioskId: call.kioskId } : {}),
      ...(detail === undefined ? {} : { detail: detail.slice(0, 600) }),
    });
  }

  private askedFor(call: Call, actionId: string, kind: 'prompt' | 'askIdScan'): boolean {
    return call.timeline.some((entry) => entry.actionId === actionId && entry.kind === kind);
  }

  private addTimeline(call: Call, entry: Omit<CallTimelineEntry, 'at'>): void {
    call.timeline.push({ at: new Date(this.deps.clock.now()).toISOString(), ...entry });
    if (call.timeline.length > MAX_TIMELINE) call.timeline.splice(0, call.timeline.length - MAX_TIMELINE);
  }

  private activeCallOf(tellerId: string): Call | undefined {
    for (const call of this.calls.values())
      if (call.state === 'active' && call.tellerId === tellerId) return call;
    return undefined;
  }

  private rememberRequest(requestId: string, kioskId: string, callId: string): void {
    this.requests.set(requestId, { kioskId, callId, ended: null });
    if (this.requests.size > REMEMBERED_REQUESTS) {
      const oldest = this.requests.keys().next().value as string;
      this.requests.delete(oldest);
    }
  }

  /** An offer declined, unanswered or whose console is gone: back to waiting (a transfer: at the head). */
  private withdrawOffer(call: Call): void {
    call.offerTimer?.cancel();
    call.offerTimer = null;
    call.state = 'waiting';
    call.tellerId = null;
    if (call.transfer) {
      call.transfer = false;
      this.queue = [call, ...this.queue.filter((c) => c !== call)];
    }
  }

  private startOfferTimer(call: Call): void {
    const tellerId = call.tellerId;
    call.offerTimer = this.deps.clock.after(this.deps.options.offerTimeoutMs, () => {
      call.offerTimer = null;
      if (call.state !== 'offered' || call.tellerId !== tellerId || !tellerId) return;
      const teller = this.tellers.get(tellerId);
      // A console that rings unanswered is unattended: it gets no more calls until the teller is back.
      if (teller && teller.presence === 'available') teller.presence = 'away';
      this.deps.logger.info('call offer unanswered', { callId: call.callId, tellerId });
      this.withdrawOffer(call);
      this.changed();
    });
  }

  /** Frees the call's teller (back to available, idle from now); the call keeps its own state. */
  private releaseTeller(call: Call): void {
    const teller = call.tellerId ? this.tellers.get(call.tellerId) : undefined;
    if (call.state === 'active' && teller && teller.presence === 'busy') {
      teller.presence = 'available';
      teller.idleSince = this.deps.clock.now();
    }
  }

  private requeueAtHead(call: Call): void {
    this.releaseTeller(call);
    call.state = 'waiting';
    call.tellerId = null;
    call.acceptedAt = null;
    call.document = null;
    this.queue.unshift(call);
  }

  private endCall(call: Call, reason: CallEndReason): void {
    if (call.state === 'ended') return;
    if (call.state === 'active' && call.acceptedAt !== null) {
      this.handleTimes.push((this.deps.clock.now() - call.acceptedAt) / 1000);
      if (this.handleTimes.length > HANDLE_TIME_WINDOW) this.handleTimes.shift();
    }
    this.releaseTeller(call);
    call.offerTimer?.cancel();
    call.kioskGraceTimer?.cancel();
    call.state = 'ended';
    call.document = null;
    this.queue = this.queue.filter((c) => c !== call);
    this.calls.delete(call.callId);
    if (this.openCallOfKiosk.get(call.kioskId) === call.callId) this.openCallOfKiosk.delete(call.kioskId);
    const remembered = this.requests.get(call.requestId);
    if (remembered) remembered.ended = reason;
    this.lastKioskStatus.delete(call.callId);
    this.deps.logger.info('call ended', { callId: call.callId, kioskId: call.kioskId, reason });
    this.deps.outputs.kioskStatus(call.kioskId, { callId: call.callId, state: 'ended', reason });
  }

  /** Offers each waiting call, oldest first, to the free eligible teller idle longest. */
  private dispatch(): void {
    const ringing = new Set<string>();
    for (const call of this.queue) if (call.state === 'offered' && call.tellerId) ringing.add(call.tellerId);
    const busy = new Set<string>();
    for (const call of this.calls.values())
      if (call.state === 'active' && call.tellerId) busy.add(call.tellerId);
    for (const call of this.queue) {
      if (call.state !== 'waiting') continue;
      let best: OnlineTeller | undefined;
      for (const teller of this.tellers.values()) {
        const id = teller.profile.tellerId;
        if (teller.presence !== 'available' || !signedIn(teller) || ringing.has(id) || busy.has(id)) continue;
        if (call.declinedBy.has(id) || !serves(teller.profile, call)) continue;
        if (!best || teller.idleSince < best.idleSince) best = teller;
      }
      if (!best) continue;
      call.state = 'offered';
      call.tellerId = best.profile.tellerId;
      ringing.add(best.profile.tellerId);
      this.startOfferTimer(call);
    }
  }

  private view(): RouterView {
    return {
      queue: this.queue,
      active: [...this.calls.values()].filter((c) => c.state === 'active'),
      tellers: this.tellers,
      averageHandleSeconds: this.averageHandleSeconds(),
      iceServers: this.deps.options.iceServers,
      callbacks: () => {
        try {
          return this.deps.callbacks.count();
        } catch {
          return 0;
        }
      },
    };
  }

  /** After any change: offer what can be offered, then tell every party what changed for it. */
  private changed(forceCalls: string[] = []): void {
    if (!this.closed) this.dispatch();
    this.publish(forceCalls);
  }

  private publish(forceCalls: string[]): void {
    const view = this.view();
    for (const call of this.calls.values()) {
      const status = kioskStatusOf(call, view);
      if (!status) continue;
      const json = JSON.stringify(status);
      if (!forceCalls.includes(call.callId) && this.lastKioskStatus.get(call.callId) === json) continue;
      this.lastKioskStatus.set(call.callId, json);
      if (call.kioskLink === 'online') this.deps.outputs.kioskStatus(call.kioskId, status);
    }
    const defer = this.deps.deferConsoleStates;
    if (!defer) {
      this.publishConsoleStates(view);
      return;
    }
    if (this.consoleStatesDue) return;
    this.consoleStatesDue = true;
    defer(() => {
      this.consoleStatesDue = false;
      this.publishConsoleStates(this.view());
    });
  }

  /** Every signed-in console's state, sent where it differs from the last one sent. */
  private publishConsoleStates(view: RouterView): void {
    for (const teller of this.tellers.values()) {
      const state = consoleStateOf(teller, view);
      const json = JSON.stringify(state);
      if (this.lastTellerState.get(teller.profile.tellerId) === json) continue;
      this.lastTellerState.set(teller.profile.tellerId, json);
      if (signedIn(teller)) this.deps.outputs.tellerState(teller.profile.tellerId, state);
    }
  }
}
