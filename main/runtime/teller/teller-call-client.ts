import type { Socket } from 'socket.io-client';
import { fromCallback } from 'xstate';
import {
  type ApprovalDecision,
  type ApprovalRequest,
  CALL_BACKEND_EVENTS,
  CALL_KIOSK_EVENTS,
  CallAck,
  type CallEnd,
  CallRequestAck,
  CallSignal,
  CallStatus,
  type CallTopic,
  type CustomerContext,
  type SharedDocument,
  TellerActionMessage,
  type Unsubscribe,
} from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type {
  TellerLinkCommand,
  TellerLinkEvent,
} from '../../../state-machines/video-teller/video-teller-types.ts';

/** What the call machine tells its link, and what the link tells it (state-machines/video-teller). */
export type LinkCommand = TellerLinkCommand;
export type LinkEvent = TellerLinkEvent;

export type ApprovalOutcome = ApprovalDecision | 'unavailable';

export interface TellerCallClientOptions {
  /** The kiosk's authenticated backend socket; null before the runtime has connected it. */
  socket: () => Socket | null;
  /** The document the customer confirmed, ready to show the teller; null when it is gone. */
  sharedDocument: (captureId: string) => SharedDocument | null;
  /** Asks the session to open a call (a flow needs a teller's approval and none is open). */
  openCall: (topic: CallTopic) => void;
  log: Logger;
  ackTimeoutMs?: number;
  /** How long an approval waits for the call it asked the session to open to begin. */
  openCallTimeoutMs?: number;
}

interface OpenCall {
  callId: string;
  leg: number | null;
  ended: boolean;
}

interface PendingApproval {
  request: ApprovalRequest;
  sent: boolean;
  settle: (outcome: ApprovalOutcome) => void;
}

/**
 * The kiosk's side of the video teller call on its backend link. The call machine drives it
 * through the `tellerLink` actor; the UI's WebRTC signaling passes through it (the page never
 * reaches the backend itself); flows wait on it for a teller's approval. One call at a time: a
 * kiosk has one customer.
 *
 * Nothing is emitted while the socket is down — socket.io would buffer it and deliver a stale
 * request or signal after a reconnect — and every acked message has a deadline.
 */
export function createTellerCallClient(options: TellerCallClientOptions) {
  const { log } = options;
  const ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
  const openCallTimeoutMs = options.openCallTimeoutMs ?? 5_000;
  const signalListeners = new Set<(signal: CallSignal) => void>();
  const approvals = new Map<string, PendingApproval>();
  let call: OpenCall | null = null;
  let toMachine: ((event: LinkEvent) => void) | null = null;
  let context: CustomerContext | null = null;
  let boundSocket: Socket | null = null;
  // The backend may tell the call's first status before the request's ack arrives: kept until
  // the ack names the call (only while a request is out, only the latest per call).
  let requesting = false;
  const early = new Map<string, CallStatus>();

  const emitAcked = async (event: string, payload: unknown): Promise<unknown> => {
    const socket = options.socket();
    if (!socket?.connected) return null;
    try {
      return await socket.timeout(ackTimeoutMs).emitWithAck(event, payload);
    } catch {
      return null;
    }
  };
  const acked = async (event: string, payload: unknown): Promise<boolean> => {
    const reply = CallAck.safeParse(await emitAcked(event, payload));
    if (reply.success && reply.data.ok) return true;
    log.warn('call message not taken by the backend', {
      event,
      code: reply.success && !reply.data.ok ? reply.data.error.code : 'no-answer',
    });
    return false;
  };

  const approvalPending = () => [...approvals.values()].length > 0;
  const tellMachine = (event: LinkEvent) => toMachine?.(event);

  const sendApprovals = () => {
    if (!call || call.ended) return;
    for (const pending of approvals.values()) {
      if (pending.sent) continue;
      pending.sent = true;
      void acked(CALL_KIOSK_EVENTS.approval, { callId: call.callId, approval: pending.request }).then(
        (ok) => {
          if (!ok) pending.sent = false;
        },
      );
    }
  };

  const settleAll = (outcome: ApprovalOutcome) => {
    for (const [id, pending] of approvals) {
      approvals.delete(id);
      pending.settle(outcome);
    }
  };

  const closeCall = () => {
    if (call) call.ended = true;
    call = null;
    // A call that ended without a decision leaves the waiting flow without a teller.
    settleAll('unavailable');
  };

  // ─── Backend → kiosk ──────────────────────────────────────────────────────────────────────
  const onStatus = (raw: unknown) => {
    const parsed = CallStatus.safeParse(raw);
    if (!parsed.success) return log.warn('backend sent an invalid call status; ignored');
    const status = parsed.data;
    if (!call && requesting) {
      if (early.size < 4 || early.has(status.callId)) early.set(status.callId, status);
      return;
    }
    if (!call || status.callId !== call.callId) return;
    if (status.state === 'connected') {
      call.leg = status.leg;
      sendApprovals();
      sendContext(true);
    }
    tellMachine({ type: 'LINK_STATUS', status });
    if (status.state === 'ended') closeCall();
  };
  const onAction = (raw: unknown) => {
    const parsed = TellerActionMessage.safeParse(raw);
    if (!parsed.success) return log.warn('backend sent an invalid teller action; ignored');
    if (!call || parsed.data.callId !== call.callId) return;
    const { action } = parsed.data;
    if (action.kind === 'decision') {
      const pending = approvals.get(action.approvalId);
      if (!pending) return;
      approvals.delete(action.approvalId);
      log.info('teller decided an approval', { kind: pending.request.kind, decision: action.decision });
      pending.settle(action.decision);
      tellMachine({ type: 'LINK_APPROVAL', pending: approvalPending() });
      return;
    }
    tellMachine({ type: 'LINK_ACTION', action });
  };
  const onSignal = (raw: unknown) => {
    const parsed = CallSignal.safeParse(raw);
    if (!parsed.success) return log.warn('backend sent an invalid call signal; ignored');
    if (!call || parsed.data.callId !== call.callId || parsed.data.leg !== call.leg) return;
    for (const listener of signalListeners) listener(parsed.data);
  };
  const onDisconnect = () => {
    if (call) tellMachine({ type: 'LINK_OFFLINE' });
  };
  const onConnect = () => {
    if (!call) return;
    const callId = call.callId;
    tellMachine({ type: 'LINK_ONLINE' });
    void acked(CALL_KIOSK_EVENTS.resume, { callId }).then((ok) => {
      if (call?.callId !== callId) return;
      tellMachine({ type: 'LINK_RESUMED', ok });
      if (ok) {
        // The backend forgot nothing of the call, but a message sent while the link was down was
        // never sent at all: the approvals go again (the backend keeps one per id).
        for (const pending of approvals.values()) pending.sent = false;
        sendApprovals();
      } else closeCall();
    });
  };

  /** Binds the backend events to the current socket (once per socket). */
  const bind = () => {
    const socket = options.socket();
    if (!socket || socket === boundSocket) return;
    boundSocket = socket;
    socket.on(CALL_BACKEND_EVENTS.status, onStatus);
    socket.on(CALL_BACKEND_EVENTS.action, onAction);
    socket.on(CALL_BACKEND_EVENTS.signal, onSignal);
    socket.on('disconnect', onDisconnect);
    socket.on('connect', onConnect);
  };

  let lastContextKey = '';
  const sendContext = (force = false) => {
    if (!call || call.ended || !context) return;
    const key = JSON.stringify(context);
    if (!force && key === lastContextKey) return;
    lastContextKey = key;
    void acked(CALL_KIOSK_EVENTS.context, { callId: call.callId, context });
  };

  // ─── Machine → backend ────────────────────────────────────────────────────────────────────
  const request = async (topic: CallTopic, requestContext: CustomerContext) => {
    bind();
    context = requestContext;
    requesting = true;
    early.clear();
    const reply = CallRequestAck.safeParse(
      await emitAcked(CALL_KIOSK_EVENTS.request, {
        requestId: globalThis.crypto.randomUUID(),
        topic,
        context: requestContext,
      }),
    );
    requesting = false;
    if (!reply.success || !reply.data.ok) {
      log.warn('call request refused', {
        code: reply.success && !reply.data.ok ? reply.data.error.code : 'no-answer',
      });
      tellMachine({ type: 'LINK_REFUSED' });
      return;
    }
    call = { callId: reply.data.callId, leg: null, ended: false };
    lastContextKey = JSON.stringify(requestContext);
    log.info('teller call queued', { callId: call.callId, topic });
    tellMachine({ type: 'LINK_REQUESTED', callId: call.callId });
    sendApprovals();
    tellMachine({ type: 'LINK_APPROVAL', pending: approvalPending() });
    const first = early.get(call.callId);
    early.clear();
    if (first) onStatus(first);
  };

  const end = (reason: CallEnd['reason']) => {
    if (!call || call.ended) return;
    const callId = call.callId;
    closeCall();
    void acked(CALL_KIOSK_EVENTS.end, { callId, reason });
  };

  const handle = async (command: LinkCommand) => {
    switch (command.type) {
      case 'LINK_REQUEST':
        return request(command.topic, command.context);
      case 'LINK_END':
        return end(command.reason);
      case 'LINK_CALLBACK': {
        if (!call) return tellMachine({ type: 'LINK_CALLBACK_FAILED' });
        const callId = call.callId;
        const ok = await acked(CALL_KIOSK_EVENTS.callback, { callId, phone: command.phone });
        if (ok && call?.callId === callId) closeCall();
        return tellMachine({ type: ok ? 'LINK_CALLBACK_RECORDED' : 'LINK_CALLBACK_FAILED' });
      }
      case 'LINK_PROMPT_ANSWER':
        if (call) {
          await acked(CALL_KIOSK_EVENTS.promptAnswer, {
            callId: call.callId,
            actionId: command.actionId,
            answer: command.answer,
          });
        }
        return;
      case 'LINK_DOCUMENT': {
        if (!call) return tellMachine({ type: 'LINK_DOCUMENT_FAILED' });
        const document =
          command.outcome === 'shared' && command.captureId
            ? options.sharedDocument(command.captureId)
            : null;
        const outcome = command.outcome === 'shared' && !document ? 'failed' : command.outcome;
        const ok = await acked(CALL_KIOSK_EVENTS.document, {
          callId: call.callId,
          actionId: command.actionId,
          outcome,
          document,
        });
        if (command.outcome === 'shared') {
          tellMachine({ type: ok && document ? 'LINK_DOCUMENT_SENT' : 'LINK_DOCUMENT_FAILED' });
        }
        return;
      }
    }
  };

  /** The `tellerLink` actor of the call machine: one per call; stopping it ends an open call. */
  const linkActor = fromCallback<LinkCommand>(({ sendBack, receive }) => {
    bind();
    toMachine = (event) => sendBack(event as never);
    receive((command) => {
      void handle(command).catch((error: unknown) => log.error('call link failed', { error }));
    });
    return () => {
      end('sessionEnded');
      toMachine = null;
      context = null;
      // No call: nobody can approve anything now.
      settleAll('unavailable');
    };
  });

  return {
    linkActor,
    /** Whether a call is requested and not over. */
    inCall: () => call !== null && !call.ended,
    /** The UI's signaling for the current leg; false when it is not for this call or not taken. */
    async sendSignal(signal: CallSignal): Promise<boolean> {
      if (!call || call.ended || signal.callId !== call.callId || signal.leg !== call.leg) return false;
      return acked(CALL_KIOSK_EVENTS.signal, signal);
    },
    onSignal(listener: (signal: CallSignal) => void): Unsubscribe {
      signalListeners.add(listener);
      return () => signalListeners.delete(listener);
    },
    /** Where the customer is now (no personal data); sent to the teller when it changed. */
    updateContext(next: CustomerContext): void {
      context = next;
      sendContext();
    },
    /**
     * Waits for a teller's decision on a step. Opens a call when none is open; `unavailable` when
     * the call does not happen or ends without a decision, or `signal` aborts (the flow left).
     */
    requestApproval(
      input: Omit<ApprovalRequest, 'approvalId'>,
      topic: CallTopic,
      signal?: AbortSignal,
    ): Promise<ApprovalOutcome> {
      const request: ApprovalRequest = { ...input, approvalId: globalThis.crypto.randomUUID() };
      return new Promise((resolve) => {
        const settle = (outcome: ApprovalOutcome) => resolve(outcome);
        approvals.set(request.approvalId, { request, sent: false, settle });
        signal?.addEventListener('abort', () => {
          const pending = approvals.get(request.approvalId);
          if (!pending) return;
          approvals.delete(request.approvalId);
          resolve('unavailable');
          tellMachine({ type: 'LINK_APPROVAL', pending: approvalPending() });
          // The teller must not go on deciding what nobody waits for any more.
          if (pending.sent && call && !call.ended) {
            void acked(CALL_KIOSK_EVENTS.approvalWithdraw, {
              callId: call.callId,
              approvalId: request.approvalId,
            });
          }
        });
        if (call && !call.ended) {
          sendApprovals();
          tellMachine({ type: 'LINK_APPROVAL', pending: true });
        } else if (!toMachine) {
          options.openCall(topic);
          // A session that could not open the call (none may open on this screen) leaves no
          // link to settle the approval: the flow must not wait for a teller who never comes.
          setTimeout(() => {
            if (toMachine || !approvals.delete(request.approvalId)) return;
            log.warn('no call opened for a teller approval');
            resolve('unavailable');
          }, openCallTimeoutMs).unref?.();
        }
        // A call machine without a call yet (consent, requesting) sends it once it is queued.
      });
    },
  };
}

export type TellerCallClient = ReturnType<typeof createTellerCallClient>;
