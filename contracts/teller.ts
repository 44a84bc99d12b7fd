import { z } from 'zod';
import { FlowId } from './flows.ts';
import { IdentityDocumentSummary } from './identity.ts';
import { Language } from './language.ts';

/**
 * The remote video teller, on the wire: kiosk ⇄ backend (`/kiosk` namespace), teller console ⇄
 * backend (`/teller` namespace and `/api/teller/*`). The backend is the only party that knows
 * which teller serves which kiosk: it relays signaling and teller actions only between a call's
 * kiosk and the teller it is assigned to, and refuses everything else.
 */

export const TELLER_NAMESPACE = '/teller';

export const CallId = z.string().uuid();
export type CallId = z.infer<typeof CallId>;

/** What the customer needs help with; tellers are routed calls by topic and language. */
export const CallTopic = z.enum(['general', 'cards', 'accounts', 'cash']);
export type CallTopic = z.infer<typeof CallTopic>;

/** Why a call ended, as both sides are told. */
export const CallEndReason = z.enum([
  /** The customer cancelled while queued, or hung up. */
  'customerEnded',
  /** The teller ended the call. */
  'tellerEnded',
  /** The customer asked to be called back instead of waiting. */
  'callback',
  /** The kiosk's link was lost and did not come back in time. */
  'kioskLost',
  /** The teller's console was lost and did not come back in time. */
  'tellerLost',
  /** The customer's session ended (finished, timed out) while the call was open. */
  'sessionEnded',
  /** The backend ended it (restart, shut down). */
  'backendEnded',
]);
export type CallEndReason = z.infer<typeof CallEndReason>;

/** A STUN or TURN server, as RTCPeerConnection takes it. Configured on the backend only. */
export const IceServer = z.object({
  urls: z.union([z.string().max(300), z.array(z.string().max(300)).min(1).max(8)]),
  username: z.string().max(200).optional(),
  credential: z.string().max(200).optional(),
});
export type IceServer = z.infer<typeof IceServer>;

/** Largest SDP accepted (a two-track offer from Chromium is 4–8 KB). */
export const MAX_SDP_LENGTH = 32_000;

/** One WebRTC signaling message. The teller's console makes the offer; the kiosk answers. */
export const SignalMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offer'), sdp: z.string().min(1).max(MAX_SDP_LENGTH) }),
  z.object({ kind: z.literal('answer'), sdp: z.string().min(1).max(MAX_SDP_LENGTH) }),
  z.object({
    kind: z.literal('candidate'),
    candidate: z.string().max(2_000),
    sdpMid: z.string().max(64).nullable(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
  }),
  /** How the sender's peer connection stands; the other side shows it and may offer again. */
  z.object({ kind: z.literal('media'), state: z.enum(['connected', 'failed']) }),
]);
export type SignalMessage = z.infer<typeof SignalMessage>;

/**
 * A signaling message of one leg of a call. `leg` counts the call's peer connections: it grows
 * when the call is (re)assigned — accept, transfer, reconnect — so a message of an old leg is
 * dropped rather than applied to the new connection.
 */
export const CallSignal = z.object({
  callId: CallId,
  leg: z.number().int().min(1).max(1_000),
  signal: SignalMessage,
});
export type CallSignal = z.infer<typeof CallSignal>;

/**
 * A step a flow cannot complete without a teller's approval ("a machine must not approve it
 * alone"). The flow raises it and waits; the teller on the call approves or rejects it.
 * `summary` is what the teller needs to decide, already minimised (masked names, no numbers).
 */
export const ApprovalKind = z.enum(['cardIssue']);
export type ApprovalKind = z.infer<typeof ApprovalKind>;
export const ApprovalRequest = z.object({
  approvalId: z.string().uuid(),
  kind: ApprovalKind,
  flow: FlowId,
  step: z.string().max(64),
  summary: z.record(z.string().max(32), z.string().max(120)).refine((s) => Object.keys(s).length <= 8),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequest>;
export const ApprovalDecision = z.enum(['approved', 'rejected']);
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

/** Longest scanned page sent to a teller, as a data URL (a 300 dpi JPEG page is about 300 KB). */
export const MAX_SHARED_IMAGE_CHARS = 480_000;

/**
 * A document the customer read at the kiosk and agreed to show the teller on this call: the data
 * the customer confirmed, the MRZ lines and the scanned page. The backend keeps it in memory for
 * the call only; it is never written to a database or a log.
 */
export const SharedDocument = IdentityDocumentSummary.extend({
  mrzLines: z.array(z.string().max(44)).min(2).max(3),
  /**
   * The scanned page (data URL, PNG or JPEG), when the document was read from an image and fits
   * MAX_SHARED_IMAGE_CHARS (a socket.io message of the kiosk link is at most 512 KB).
   */
  image: z
    .string()
    .max(MAX_SHARED_IMAGE_CHARS)
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/)
    .nullable(),
});
export type SharedDocument = z.infer<typeof SharedDocument>;

/** Where the customer is at the kiosk, for the teller: no personal data. */
export const CustomerContext = z.object({
  language: Language,
  flow: FlowId.nullable(),
  step: z.string().max(64).nullable(),
});
export type CustomerContext = z.infer<typeof CustomerContext>;

// ─── Kiosk ⇄ backend (`/kiosk` namespace) ────────────────────────────────────────────────────

export const CALL_KIOSK_EVENTS = {
  /** Ask for a teller. Ack: CallRequestAck. Idempotent by `requestId`. */
  request: 'call:request',
  /** The customer leaves the queue or hangs up; the session ended. Ack: CallAck. */
  end: 'call:end',
  /** Leave the queue and be called back. Ack: CallAck. */
  callback: 'call:callback',
  /** After a reconnect: pick the open call up again. Ack: CallAck (error `unknown-call` if gone). */
  resume: 'call:resume',
  /** WebRTC signaling to the assigned teller. Ack: CallAck. */
  signal: 'call:signal',
  /** Where the customer is now. Ack: CallAck. */
  context: 'call:context',
  /** A flow waits for the teller's approval of a step. Ack: CallAck. */
  approval: 'call:approval',
  /** The flow no longer waits (the customer cancelled, the flow ended): take it off. Ack: CallAck. */
  approvalWithdraw: 'call:approval-withdraw',
  /** The customer answered a teller's prompt. Ack: CallAck. */
  promptAnswer: 'call:prompt-answer',
  /** The customer's answer to "show your ID": a document, or declined/failed. Ack: CallAck. */
  document: 'call:document',
} as const;

export const CALL_BACKEND_EVENTS = {
  /** The call's state changed (CallStatus). */
  status: 'call:status',
  /** Signaling from the assigned teller (CallSignal). */
  signal: 'call:signal',
  /** A teller's action for the customer (TellerActionMessage). */
  action: 'call:action',
} as const;

export const CallRequest = z.object({
  requestId: z.string().uuid(),
  topic: CallTopic,
  context: CustomerContext,
});
export type CallRequest = z.infer<typeof CallRequest>;

export const CallErrorCode = z.enum([
  'invalid-message',
  'unknown-call',
  /** Not this party's call, or not its leg, or not allowed to its role. */
  'forbidden',
  /** The call is not in a state that allows this. */
  'conflict',
  'rate-limited',
  'internal',
]);
export type CallErrorCode = z.infer<typeof CallErrorCode>;
const CallError = z.object({
  ok: z.literal(false),
  error: z.object({ code: CallErrorCode, message: z.string().max(300) }),
});

export const CallRequestAck = z.union([z.object({ ok: z.literal(true), callId: CallId }), CallError]);
export type CallRequestAck = z.infer<typeof CallRequestAck>;
export const CallAck = z.union([z.object({ ok: z.literal(true) }), CallError]);
export type CallAck = z.infer<typeof CallAck>;

export const CallEnd = z.object({
  callId: CallId,
  reason: z.enum(['customerEnded', 'sessionEnded']),
});
export type CallEnd = z.infer<typeof CallEnd>;

/** A phone number to call the customer back on: digits, with an optional leading +. */
export const CallbackPhone = z.string().regex(/^\+?[0-9]{6,15}$/);
export const CallbackRequest = z.object({ callId: CallId, phone: CallbackPhone });
export type CallbackRequest = z.infer<typeof CallbackRequest>;

export const CallResume = z.object({ callId: CallId });
export const CallContextUpdate = z.object({ callId: CallId, context: CustomerContext });
export type CallContextUpdate = z.infer<typeof CallContextUpdate>;
export const CallApproval = z.object({ callId: CallId, approval: ApprovalRequest });
export type CallApproval = z.infer<typeof CallApproval>;
export const ApprovalWithdraw = z.object({ callId: CallId, approvalId: z.string().uuid() });
export type ApprovalWithdraw = z.infer<typeof ApprovalWithdraw>;
export const PromptAnswer = z.object({
  callId: CallId,
  actionId: z.string().uuid(),
  answer: z.enum(['yes', 'no']),
});
export type PromptAnswer = z.infer<typeof PromptAnswer>;
export const DocumentAnswer = z.object({
  callId: CallId,
  actionId: z.string().uuid(),
  outcome: z.enum(['shared', 'declined', 'failed']),
  document: SharedDocument.nullable(),
});
export type DocumentAnswer = z.infer<typeof DocumentAnswer>;

/** What the kiosk is told about its call. */
export const CallStatus = z.discriminatedUnion('state', [
  z.object({
    callId: CallId,
    state: z.literal('queued'),
    /** 1 = next. */
    position: z.number().int().min(1),
    /** Estimated wait, seconds; null when no teller for this call is signed in. */
    etaSeconds: z.number().int().nonnegative().nullable(),
  }),
  /** Offered to a teller, whose console is ringing. */
  z.object({ callId: CallId, state: z.literal('ringing') }),
  /** A teller took it: the kiosk waits for the teller's offer of leg `leg`. */
  z.object({
    callId: CallId,
    state: z.literal('connected'),
    leg: z.number().int().min(1),
    tellerName: z.string().max(64),
    iceServers: z.array(IceServer).max(8),
  }),
  z.object({ callId: CallId, state: z.literal('ended'), reason: CallEndReason }),
]);
export type CallStatus = z.infer<typeof CallStatus>;

/** A teller's action, as the kiosk receives it. */
export const TellerAction = z.discriminatedUnion('kind', [
  /** A message shown on the kiosk's screen. */
  z.object({ kind: z.literal('message'), actionId: z.string().uuid(), text: z.string().min(1).max(500) }),
  /** A yes/no question; the answer goes back to the teller. */
  z.object({ kind: z.literal('prompt'), actionId: z.string().uuid(), text: z.string().min(1).max(500) }),
  /** "Please show your ID document": the kiosk asks the customer, who may decline. */
  z.object({ kind: z.literal('askIdScan'), actionId: z.string().uuid() }),
  /** The teller's decision on a pending approval. */
  z.object({ kind: z.literal('decision'), approvalId: z.string().uuid(), decision: ApprovalDecision }),
]);
export type TellerAction = z.infer<typeof TellerAction>;
export const TellerActionMessage = z.object({ callId: CallId, action: TellerAction });
export type TellerActionMessage = z.infer<typeof TellerActionMessage>;

// ─── Teller console ⇄ backend ────────────────────────────────────────────────────────────────

export const TellerRole = z.enum(['teller', 'supervisor']);
export type TellerRole = z.infer<typeof TellerRole>;
export const TellerPresence = z.enum(['available', 'busy', 'away']);
export type TellerPresence = z.infer<typeof TellerPresence>;

/** `POST /api/teller/login`. */
export const TellerLoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type TellerLoginRequest = z.infer<typeof TellerLoginRequest>;

export const TellerProfile = z.object({
  tellerId: z.string().max(64),
  username: z.string().max(64),
  displayName: z.string().max(64),
  role: TellerRole,
  languages: z.array(Language).min(1),
  topics: z.array(CallTopic).min(1),
});
export type TellerProfile = z.infer<typeof TellerProfile>;

/** Answer to a successful login: a bearer token for the API and the socket's handshake `auth`. */
export const TellerLoginReply = z.object({
  token: z.string().min(32).max(128),
  expiresAt: z.string(),
  teller: TellerProfile,
});
export type TellerLoginReply = z.infer<typeof TellerLoginReply>;

/** socket.io handshake `auth` of a teller console. */
export const TellerAuth = z.object({ token: z.string().min(32).max(128) });

export const TELLER_EVENTS = {
  /** available | away (busy is set by the backend while on a call). Ack: CallAck. */
  presence: 'teller:presence',
  /** Take a queued or offered call. Ack: CallAck. */
  accept: 'teller:accept',
  /** Pass on a call offered to this teller. Ack: CallAck. */
  decline: 'teller:decline',
  /** Hand this teller's call to another teller. Ack: CallAck. */
  transfer: 'teller:transfer',
  /** End this teller's call. Ack: CallAck. */
  end: 'teller:end',
  /** WebRTC signaling to the kiosk of this teller's call. Ack: CallAck. */
  signal: 'teller:signal',
  /** Message, prompt or ID scan request to the kiosk. Ack: CallAck. */
  action: 'teller:action',
  /** Approve or reject a pending approval of this teller's call. Ack: CallAck. */
  decide: 'teller:decide',
} as const;

export const TELLER_BACKEND_EVENTS = {
  /** The console's whole state (TellerConsoleState), sent on connect and on every change. */
  state: 'teller:state',
  /** Signaling from the kiosk of this teller's call (CallSignal). */
  signal: 'teller:signal',
} as const;

export const PresenceChange = z.object({ presence: z.enum(['available', 'away']) });
export const CallRef = z.object({ callId: CallId });
export const TransferRequest = z.object({ callId: CallId, toTellerId: z.string().max(64) });
export const TellerActionRequest = z.object({
  callId: CallId,
  action: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('message'), text: z.string().trim().min(1).max(500) }),
    z.object({ kind: z.literal('prompt'), text: z.string().trim().min(1).max(500) }),
    z.object({ kind: z.literal('askIdScan') }),
  ]),
});
export type TellerActionRequest = z.infer<typeof TellerActionRequest>;
export const DecisionRequest = z.object({
  callId: CallId,
  approvalId: z.string().uuid(),
  decision: ApprovalDecision,
});
export type DecisionRequest = z.infer<typeof DecisionRequest>;

export const QueuedCall = z.object({
  callId: CallId,
  kioskId: z.string().max(64),
  kioskName: z.string().max(100),
  language: Language,
  topic: CallTopic,
  /** When the customer asked (ISO). */
  requestedAt: z.string(),
  position: z.number().int().min(1),
});
export type QueuedCall = z.infer<typeof QueuedCall>;

/** One entry of the call's timeline on the console: what the teller did and the customer answered. */
export const CallTimelineEntry = z.object({
  at: z.string(),
  actionId: z.string().max(64),
  kind: z.enum(['message', 'prompt', 'askIdScan', 'promptAnswer', 'document', 'decision']),
  text: z.string().max(500).nullable(),
});
export type CallTimelineEntry = z.infer<typeof CallTimelineEntry>;

export const ActiveCall = z.object({
  callId: CallId,
  leg: z.number().int().min(1),
  kioskId: z.string().max(64),
  kioskName: z.string().max(100),
  topic: CallTopic,
  context: CustomerContext,
  acceptedAt: z.string(),
  /** The kiosk's link: `reconnecting` while the backend waits for a lost kiosk to come back. */
  kioskLink: z.enum(['online', 'reconnecting']),
  iceServers: z.array(IceServer).max(8),
  approvals: z.array(ApprovalRequest.extend({ decision: ApprovalDecision.nullable() })).max(20),
  timeline: z.array(CallTimelineEntry).max(200),
  /** The document the customer shared on this call (image fetched apart); null if none. */
  document: SharedDocument.omit({ image: true }).extend({ hasImage: z.boolean() }).nullable(),
});
export type ActiveCall = z.infer<typeof ActiveCall>;

export const TellerSummary = z.object({
  tellerId: z.string().max(64),
  displayName: z.string().max(64),
  presence: TellerPresence,
  languages: z.array(Language),
  topics: z.array(CallTopic),
});
export type TellerSummary = z.infer<typeof TellerSummary>;

export const TellerConsoleState = z.object({
  me: TellerProfile.extend({ presence: TellerPresence }),
  /** Waiting calls this teller can take, oldest first. */
  queue: z.array(QueuedCall),
  /** A call offered to this teller (its console rings), or null. */
  offer: QueuedCall.nullable(),
  call: ActiveCall.nullable(),
  /** Other signed-in tellers, for transfer. */
  tellers: z.array(TellerSummary),
  /** Supervisors only: every waiting call and every call in progress. */
  supervisor: z
    .object({
      queue: z.array(QueuedCall),
      calls: z.array(
        z.object({
          callId: CallId,
          kioskName: z.string().max(100),
          tellerName: z.string().max(64),
          topic: CallTopic,
          language: Language,
          acceptedAt: z.string(),
        }),
      ),
      callbacks: z.number().int().nonnegative(),
    })
    .nullable(),
});
export type TellerConsoleState = z.infer<typeof TellerConsoleState>;

/** `GET /api/teller/audit`: one teller action (supervisors see all, tellers their own). */
export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  tellerId: z.string().nullable(),
  username: z.string(),
  action: z.string().max(40),
  callId: z.string().nullable(),
  kioskId: z.string().nullable(),
  detail: z.string().max(600).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Every action written to the audit log. */
export const AUDIT_ACTIONS = [
  'login',
  'loginFailed',
  'logout',
  'presence',
  'accept',
  'decline',
  'transfer',
  'end',
  'message',
  'prompt',
  'askIdScan',
  'approve',
  'reject',
  'viewDocument',
  'refused',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
