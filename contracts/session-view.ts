import { z } from 'zod';
import { CardIssuingView } from './card-issuing.ts';
import { DepositView } from './cash-deposit.ts';
import { FlowId, MenuItem } from './flows.ts';
import { Language } from './language.ts';
import { VideoTellerView } from './video-teller.ts';

/** The screens of the session, one per top-level state of the session machine. */
export const Screen = z.enum(['starting', 'outOfService', 'attract', 'language', 'menu', 'flow', 'goodbye']);
export type Screen = z.infer<typeof Screen>;

export const ReceiptOutcome = z.enum(['printing', 'printed', 'unavailable', 'failed']);
export type ReceiptOutcome = z.infer<typeof ReceiptOutcome>;

export const OutOfServiceReason = z.enum(['device', 'backend', 'starting']);
export type OutOfServiceReason = z.infer<typeof OutOfServiceReason>;

/**
 * What the kiosk UI renders: the runtime's session snapshot reduced to what a screen needs.
 * It carries no personal data beyond what is on screen for the customer now, and is cleared of it
 * when the session ends.
 */
export const KioskView = z.object({
  /** Increases with every view the runtime publishes; the UI ignores one older than it has. */
  revision: z.number().int().nonnegative(),
  screen: Screen,
  /** Chosen for this session; null on attract (the attract screen cycles all languages). */
  language: Language.nullable(),
  /** Opaque id of the customer's session, for support; null outside a session. */
  sessionId: z.string().max(64).nullable(),
  menu: z.array(MenuItem),
  /** Set while the flow screen shows a flow. */
  flow: z.object({ id: FlowId, step: z.string().max(64) }).nullable(),
  /** "Do you need more time?" shown over the current screen until `deadline` (epoch ms). */
  timeoutPrompt: z.object({ deadline: z.number() }).nullable(),
  outOfService: z.object({ reason: OutOfServiceReason }).nullable(),
  goodbye: z.object({ receipt: ReceiptOutcome }).nullable(),
  backendOnline: z.boolean(),
  /** The cash deposit flow's view while it runs. */
  deposit: DepositView.nullable(),
  /** The card issuing flow's view while it runs. */
  card: CardIssuingView.nullable(),
  /** The video teller call, lying over the screen below it, while one is open. */
  call: VideoTellerView.nullable(),
});
export type KioskView = z.infer<typeof KioskView>;
