import type {
  CallEndReason,
  CallOrigin,
  CallStatus,
  CallTopic,
  CustomerContext,
  IceServer,
  IdentifyEvent,
  TellerAction,
  TellerNote,
  VideoTellerEvent,
} from '../../contracts/index.ts';

/**
 * Types of the kiosk's video teller call machine: its input and output, the commands it gives the
 * `tellerLink` actor and the reports it gets back, and what it tells the session it runs in.
 *
 * The machine's context is persisted with the session, so it holds no personal data: a callback
 * phone number goes straight from the customer's event to the link, and a shared document is
 * known only by the runtime's `captureId`.
 */

export interface VideoTellerTiming {
  /** Waiting in the queue this long without a teller offers a callback. */
  queueTimeoutMs: number;
  /** How long a call lost with the kiosk's link may take to come back. */
  reconnectMs: number;
  /** How long "call ended" / "unavailable" / "callback recorded" stay on screen. */
  endedMs: number;
  /** How long the backend may take to take the request before no teller is "unavailable". */
  requestTimeoutMs: number;
}

export interface VideoTellerInput {
  topic: CallTopic;
  origin: CallOrigin;
  context: CustomerContext;
  timing: VideoTellerTiming;
}

export type VideoTellerOutcome = 'ended' | 'declined' | 'callback' | 'unavailable';
export interface VideoTellerOutput {
  outcome: VideoTellerOutcome;
}

/** What the link actor starts with: it lives as long as the machine. */
export interface TellerLinkInput {
  topic: CallTopic;
  origin: CallOrigin;
  context: CustomerContext;
}

/**
 * Machine → link (`sendTo('link', …)`). The link's disposer ends an open call (`sessionEnded`)
 * when the machine stops, so the machine never has to say so itself.
 */
export type TellerLinkCommand =
  | { type: 'LINK_REQUEST'; topic: CallTopic; context: CustomerContext }
  | { type: 'LINK_END'; reason: 'customerEnded' | 'sessionEnded' }
  | { type: 'LINK_CALLBACK'; phone: string }
  | { type: 'LINK_PROMPT_ANSWER'; actionId: string; answer: 'yes' | 'no' }
  | {
      type: 'LINK_DOCUMENT';
      actionId: string;
      outcome: 'shared' | 'declined' | 'failed';
      captureId: string | null;
    };

/** Link → machine (`sendBack`). */
export type TellerLinkEvent =
  | { type: 'LINK_REQUESTED'; callId: string }
  | { type: 'LINK_REFUSED' }
  | { type: 'LINK_STATUS'; status: CallStatus }
  | { type: 'LINK_ACTION'; action: TellerAction }
  | { type: 'LINK_OFFLINE' }
  | { type: 'LINK_ONLINE' }
  | { type: 'LINK_RESUMED'; ok: boolean }
  | { type: 'LINK_CALLBACK_RECORDED' }
  | { type: 'LINK_CALLBACK_FAILED' }
  | { type: 'LINK_DOCUMENT_SENT' }
  | { type: 'LINK_DOCUMENT_FAILED' }
  | { type: 'LINK_APPROVAL'; pending: boolean };

/**
 * What the call tells the session it runs in: whether it holds the customer (a call waiting or
 * under way, when the inactivity prompt must not fire), and whether its ID scan is reading, when
 * the identify step's answers are the call's and not the flow's.
 */
export type VideoTellerParentEvent =
  | { type: 'CALL_ENGAGED'; engaged: boolean }
  | { type: 'CALL_SCANNING'; scanning: boolean };

export type VideoTellerMachineEvent =
  | VideoTellerEvent
  | TellerLinkEvent
  /** The customer's answers to the ID scan's identify step, forwarded to it. */
  | IdentifyEvent
  /** Sent by the session after a restore: a call does not survive a kiosk restart. */
  | { type: 'RESUMED' };

export interface CallIdScan {
  actionId: string;
  step: 'asking' | 'scanning' | 'sharing' | 'shared' | 'declined' | 'failed';
}

export interface VideoTellerContext {
  topic: CallTopic;
  origin: CallOrigin;
  customer: CustomerContext;
  timing: VideoTellerTiming;
  callId: string | null;
  position: number | null;
  etaSeconds: number | null;
  tellerName: string | null;
  leg: number | null;
  iceServers: IceServer[];
  /** The UI's peer connection of the current leg failed; the teller may offer again. */
  mediaFailed: boolean;
  muted: boolean;
  notes: TellerNote[];
  idScan: CallIdScan | null;
  /** The identify step of the ID scan gave up (too many failed reads, no scanner). */
  idScanGaveUp: boolean;
  approvalPending: boolean;
  endedReason: CallEndReason | 'unavailable' | null;
  outcome: VideoTellerOutcome | null;
  /** Epoch ms at which ended / unavailable / callbackRecorded give way. */
  displayDeadline: number | null;
}
