import { z } from 'zod';
import { CardIssuingEvent } from './card-issuing.ts';
import { DepositEvent } from './cash-deposit.ts';
import { FlowId } from './flows.ts';
import { IdentifyEvent } from './identity.ts';
import { Language } from './language.ts';
import { CallSignal } from './teller.ts';
import { VideoTellerEvent } from './video-teller.ts';
import type { KioskView } from './session-view.ts';
import type { Unsubscribe } from './devices/operation.ts';

/**
 * Events the kiosk UI sends to the runtime. Every one is validated where it arrives
 * (Electron main or the browser host) before it reaches a machine.
 */
export const UiEvent = z.discriminatedUnion('type', [
  ...DepositEvent.options,
  ...CardIssuingEvent.options,
  ...IdentifyEvent.options,
  ...VideoTellerEvent.options,
  /** The customer touched the attract screen. */
  z.object({ type: z.literal('START') }),
  z.object({ type: z.literal('CHOOSE_LANGUAGE'), language: Language }),
  z.object({ type: z.literal('SELECT_FLOW'), flow: FlowId }),
  /** Back one screen; on the language screen, back to attract. */
  z.object({ type: z.literal('BACK') }),
  /** "Finish": leave the session through the goodbye screen. */
  z.object({ type: z.literal('END_SESSION') }),
  /** "Yes, I need more time" on the time-out prompt. */
  z.object({ type: z.literal('MORE_TIME') }),
  /** A touch that is not a command (scrolling, reading): keeps the session from timing out. */
  z.object({ type: z.literal('ACTIVITY') }),
]);
export type UiEvent = z.infer<typeof UiEvent>;

export const SendResult = z.object({ accepted: z.boolean() });
export type SendResult = z.infer<typeof SendResult>;

export type BridgeConnection = 'connected' | 'disconnected';

/**
 * `window.kiosk`: the whole API between the kiosk UI and the runtime. The Electron preload
 * and the browser host's WebSocket client expose exactly this. Two shapes only: calls that
 * return a promise, and event streams the caller unsubscribes from.
 */
export interface KioskBridge {
  /** Sends a UI event; resolves once the runtime has validated and taken (or ignored) it. */
  send(event: UiEvent): Promise<SendResult>;
  /** The current view. */
  getView(): Promise<KioskView>;
  /** Every view the runtime publishes from now on. */
  onView(listener: (view: KioskView) => void): Unsubscribe;
  /** Whether the UI is connected to the runtime (always connected under Electron). */
  onConnection(listener: (state: BridgeConnection) => void): Unsubscribe;
  /**
   * WebRTC signaling of the video teller call, to the teller. The runtime relays it over the
   * kiosk's authenticated backend link; the page never talks to the backend itself.
   */
  sendSignal(signal: CallSignal): Promise<SendResult>;
  /** Signaling from the call's teller. */
  onSignal(listener: (signal: CallSignal) => void): Unsubscribe;
}

/** Calls of the bridge, as a table: the transports (IPC, WebSocket) carry these names. */
export const BridgeCall = z.discriminatedUnion('method', [
  z.object({ method: z.literal('send'), params: UiEvent }),
  z.object({ method: z.literal('getView'), params: z.null() }),
  z.object({ method: z.literal('signal'), params: CallSignal }),
]);
export type BridgeCall = z.infer<typeof BridgeCall>;

/** Browser host wire format, client → host. */
export const BridgeRequest = z.object({
  kind: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(32),
  params: z.unknown(),
});
export type BridgeRequest = z.infer<typeof BridgeRequest>;

export const BridgeErrorCode = z.enum(['invalid-message', 'unknown-method', 'invalid-params', 'internal']);
export type BridgeErrorCode = z.infer<typeof BridgeErrorCode>;

/** Browser host wire format, host → client. */
export type BridgeMessage =
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number | null; ok: false; error: { code: BridgeErrorCode; message: string } }
  | { kind: 'event'; name: 'view'; payload: KioskView }
  | { kind: 'event'; name: 'signal'; payload: CallSignal };

/** Electron IPC channel names; the preload and main use only these. */
export const IPC_CHANNELS = {
  call: 'kiosk:call',
  view: 'kiosk:view',
  signal: 'kiosk:signal',
} as const;

/**
 * Largest bridge message accepted, in bytes. UI events are tiny; a WebRTC answer (SDP) of the
 * video call is the largest message the page sends, a few kilobytes, at most MAX_SDP_LENGTH.
 */
export const MAX_BRIDGE_MESSAGE_BYTES = 40_000;
