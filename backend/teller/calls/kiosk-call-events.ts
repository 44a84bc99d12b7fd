import type { Socket } from 'socket.io';
import {
  CALL_KIOSK_EVENTS,
  ApprovalWithdraw,
  CallApproval,
  CallbackRequest,
  CallContextUpdate,
  CallEnd,
  CallRequest,
  CallResume,
  CallSignal,
  DocumentAnswer,
  PromptAnswer,
} from '../../../contracts/teller.ts';
import type { Logger } from '../../../platform/log.ts';
import { answerCallEvent } from './call-acks.ts';
import type { CallRouter } from './call-router.ts';

/**
 * A kiosk's call events on its authenticated `/kiosk` socket. The kiosk id is the socket's,
 * never the message's, so a kiosk can only act on its own call.
 */
export function listenForCalls(socket: Socket, kioskId: string, router: CallRouter, logger: Logger): void {
  const party = { kioskId };
  const on = <S extends Parameters<typeof answerCallEvent>[2]>(
    event: string,
    schema: S,
    handle: Parameters<typeof answerCallEvent<S>>[5],
  ) => answerCallEvent(socket, event, schema, party, logger, handle);
  on(CALL_KIOSK_EVENTS.request, CallRequest, (request) => router.request(kioskId, request));
  on(CALL_KIOSK_EVENTS.end, CallEnd, (end) => router.kioskEnd(kioskId, end));
  on(CALL_KIOSK_EVENTS.callback, CallbackRequest, (request) => router.callback(kioskId, request));
  on(CALL_KIOSK_EVENTS.resume, CallResume, ({ callId }) => router.resume(kioskId, callId));
  on(CALL_KIOSK_EVENTS.signal, CallSignal, (signal) => router.kioskSignal(kioskId, signal));
  on(CALL_KIOSK_EVENTS.context, CallContextUpdate, (update) => router.context(kioskId, update));
  on(CALL_KIOSK_EVENTS.approval, CallApproval, (approval) => router.approval(kioskId, approval));
  on(CALL_KIOSK_EVENTS.approvalWithdraw, ApprovalWithdraw, (withdraw) =>
    router.approvalWithdrawn(kioskId, withdraw),
  );
  on(CALL_KIOSK_EVENTS.promptAnswer, PromptAnswer, (answer) => router.promptAnswer(kioskId, answer));
  on(CALL_KIOSK_EVENTS.document, DocumentAnswer, (answer) => router.document(kioskId, answer));
}
