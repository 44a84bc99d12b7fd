import { z } from 'zod';
import { IdentifyView } from './identity.ts';
import { CallbackPhone, CallEndReason, CallTopic, IceServer } from './teller.ts';

/**
 * The video teller call at the kiosk, as the UI sees and drives it. A call lies over whatever the
 * customer was doing (the menu, or any step of a flow) and gives it back when it ends.
 */

export const VideoTellerStep = z.enum([
  /** "The teller will see and hear you; the call is not recorded." Start / not now. */
  'consent',
  /** Asking the backend for a teller. */
  'requesting',
  /** Waiting in the queue: position, estimated wait, cancel. */
  'queued',
  /** Waited longer than the kiosk's limit: be called back, keep waiting, or cancel. */
  'callbackOffer',
  /** Typing the phone number to be called back on. */
  'callbackPhone',
  /** Sending the callback request. */
  'callbackSending',
  /** The callback is recorded: the bank will call. */
  'callbackRecorded',
  /** A teller's console is ringing. */
  'ringing',
  /** A teller answered: video is being set up. */
  'connecting',
  /** Video both ways. */
  'live',
  /** The kiosk lost the backend mid-call: trying to get the call back. */
  'reconnecting',
  /** The call is over: `endedReason` says why. */
  'ended',
  /** No teller can be reached now (backend offline or refused). */
  'unavailable',
]);
export type VideoTellerStep = z.infer<typeof VideoTellerStep>;

/** Why the call was opened: from the menu, "need help?" at a step, or a flow awaiting approval. */
export const CallOrigin = z.enum(['menu', 'help', 'approval']);
export type CallOrigin = z.infer<typeof CallOrigin>;

/** What the teller sent to the screen, newest last. */
export const TellerNote = z.object({
  actionId: z.string().max(64),
  kind: z.enum(['message', 'prompt']),
  text: z.string().max(500),
  /** The customer's answer to a prompt; null while unanswered (and always for a message). */
  answer: z.enum(['yes', 'no']).nullable(),
});
export type TellerNote = z.infer<typeof TellerNote>;

/** The teller asked to see the customer's ID document. */
export const CallIdScanStep = z.enum([
  /** "The teller asks to see your ID document." Share / no. */
  'asking',
  /** The identify step runs (its own view in `identify`). */
  'scanning',
  /** Sending the confirmed document to the teller. */
  'sharing',
  'shared',
  'declined',
  'failed',
]);
export type CallIdScanStep = z.infer<typeof CallIdScanStep>;

export const VideoTellerView = z.object({
  step: VideoTellerStep,
  origin: CallOrigin,
  topic: CallTopic,
  /** The backend's id of the call; null before it is queued. */
  callId: z.string().max(64).nullable(),
  /** Queue position (1 = next) and estimated wait while queued. */
  position: z.number().int().min(1).nullable(),
  etaSeconds: z.number().int().nonnegative().nullable(),
  tellerName: z.string().max(64).nullable(),
  /** The peer connection the UI must set up (a new leg replaces the old connection). */
  leg: z.number().int().min(1).nullable(),
  iceServers: z.array(IceServer).max(8),
  /** The customer turned the microphone off. */
  muted: z.boolean(),
  notes: z.array(TellerNote).max(20),
  idScan: z
    .object({ actionId: z.string().max(64), step: CallIdScanStep, identify: IdentifyView.nullable() })
    .nullable(),
  /** A step of the customer's flow waits for the teller's approval. */
  approvalPending: z.boolean(),
  endedReason: z.union([CallEndReason, z.literal('unavailable')]).nullable(),
});
export type VideoTellerView = z.infer<typeof VideoTellerView>;

/** Events the kiosk UI sends for the call. */
export const VideoTellerEvent = z.discriminatedUnion('type', [
  /** "Need help?" at any step (also the menu's "Talk to a teller"). */
  z.object({ type: z.literal('CALL_TELLER'), topic: CallTopic.optional() }),
  z.object({ type: z.literal('CALL_CONSENT') }),
  z.object({ type: z.literal('CALL_DECLINE') }),
  /** Leave the queue, or hang up. */
  z.object({ type: z.literal('CALL_END') }),
  z.object({ type: z.literal('CALL_TOGGLE_MUTE') }),
  /** "Call me back" on the offer; then the number. */
  z.object({ type: z.literal('CALL_CALLBACK') }),
  z.object({ type: z.literal('CALL_CALLBACK_PHONE'), phone: CallbackPhone }),
  z.object({ type: z.literal('CALL_KEEP_WAITING') }),
  z.object({
    type: z.literal('CALL_PROMPT_ANSWER'),
    actionId: z.string().uuid(),
    answer: z.enum(['yes', 'no']),
  }),
  z.object({ type: z.literal('CALL_ID_SCAN_ACCEPT') }),
  z.object({ type: z.literal('CALL_ID_SCAN_DECLINE') }),
  /** Closes the "call ended" / "unavailable" / "callback recorded" screen. */
  z.object({ type: z.literal('CALL_DISMISS') }),
  /** The UI's peer connection of `leg` connected or failed. */
  z.object({
    type: z.literal('CALL_MEDIA'),
    leg: z.number().int().min(1),
    state: z.enum(['connected', 'failed']),
  }),
]);
export type VideoTellerEvent = z.infer<typeof VideoTellerEvent>;
