import type { TellerConsoleState } from '../../../contracts/teller.ts';

/**
 * A minimal shape check of `teller:state`. The page takes contracts as types only (no zod in the
 * bundle), and the backend validated what it built; this guards the render against a message
 * from a mismatched backend version, which would otherwise crash on the first missing list.
 */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

function isQueuedCall(value: unknown): boolean {
  return (
    isObject(value) &&
    isString(value.callId) &&
    isString(value.kioskName) &&
    isString(value.language) &&
    isString(value.topic) &&
    isString(value.requestedAt) &&
    typeof value.position === 'number'
  );
}

function isActiveCall(value: unknown): boolean {
  return (
    isObject(value) &&
    isString(value.callId) &&
    Number.isInteger(value.leg) &&
    isString(value.kioskName) &&
    isString(value.topic) &&
    isObject(value.context) &&
    isString(value.acceptedAt) &&
    isString(value.kioskLink) &&
    Array.isArray(value.iceServers) &&
    Array.isArray(value.approvals) &&
    value.approvals.every((a) => isObject(a) && isString(a.approvalId) && isObject(a.summary)) &&
    Array.isArray(value.timeline) &&
    value.timeline.every((e) => isObject(e) && isString(e.kind) && isString(e.at)) &&
    (value.document === null || isObject(value.document))
  );
}

function isSupervisorView(value: unknown): boolean {
  return (
    isObject(value) &&
    Array.isArray(value.queue) &&
    value.queue.every(isQueuedCall) &&
    Array.isArray(value.calls) &&
    value.calls.every((c) => isObject(c) && isString(c.callId) && isString(c.acceptedAt)) &&
    typeof value.callbacks === 'number'
  );
}

export function parseConsoleState(value: unknown): TellerConsoleState | null {
  if (!isObject(value)) return null;
  const { me, queue, offer, call, tellers, supervisor } = value;
  const valid =
    isObject(me) &&
    isString(me.tellerId) &&
    isString(me.displayName) &&
    isString(me.role) &&
    isString(me.presence) &&
    Array.isArray(queue) &&
    queue.every(isQueuedCall) &&
    (offer === null || isQueuedCall(offer)) &&
    (call === null || isActiveCall(call)) &&
    Array.isArray(tellers) &&
    tellers.every((t) => isObject(t) && isString(t.tellerId) && isString(t.presence)) &&
    (supervisor === null || isSupervisorView(supervisor));
  return valid ? (value as unknown as TellerConsoleState) : null;
}
