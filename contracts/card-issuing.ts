import { z } from 'zod';
import { IdentifyView } from './identity.ts';

/**
 * Instant card issuing as the kiosk UI sees it and drives it, and the backend calls it needs.
 * The runtime runs the flow; the UI renders `CardIssuingView` (inside `KioskView.card`) and sends
 * `CardIssuingEvent`s. No full card number or track data ever crosses the bridge.
 */

/**
 * How the customer is identified. `orderCode`: the code of a card order made in the bank's app,
 * typed on the touch screen; `qr`: the same order as a signed QR code from the app; `idScan`: an
 * existing customer shows an ID document. Only those whose device and software exist are offered.
 */
export const IdentifyMethod = z.enum(['orderCode', 'qr', 'idScan']);
export type IdentifyMethod = z.infer<typeof IdentifyMethod>;

/** Order codes: 8 characters from an alphabet without look-alikes (no 0, 1, I, L, O). */
export const ORDER_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const OrderCode = z.string().regex(/^[2-9A-HJKMNP-Z]{8}$/);
export type OrderCode = z.infer<typeof OrderCode>;

export const CardIssuingStep = z.enum([
  /** How would you like to identify yourself? */
  'chooseMethod',
  /** Typing the order code. */
  'enterCode',
  /** Identifying with the app's QR code or an ID document: see `identify`. */
  'identifying',
  /** Asking the backend for the order. */
  'lookingUp',
  /** "A debit card for A*** E*****": print it? */
  'confirmOrder',
  /**
   * The bank asks a teller to approve this order before a card is made: the video teller call
   * is open (see the view's `call`) and the flow waits for the teller's decision.
   */
  'awaitingTeller',
  /** The card cannot be printed here now (offline, printer unavailable): delivery by mail? */
  'offerMail',
  /** Recording the request for delivery by mail. */
  'requestingMail',
  /** The card will be mailed. */
  'mailRequested',
  /** The bank approves and issues the card number. */
  'approving',
  /** A card is in the printer: see `phase`. */
  'producing',
  /** The card is at the exit slot: take it. */
  'presenting',
  /** Journaling and printing the receipt. */
  'completing',
  'done',
  /** Ended without a card: apology, and where to get help. */
  'failed',
  'cancelled',
]);
export type CardIssuingStep = z.infer<typeof CardIssuingStep>;

/** What the printer is doing while `producing`. */
export const CardProductionPhase = z.enum(['picking', 'encoding', 'printing', 'ejecting', 'rejecting']);
export type CardProductionPhase = z.infer<typeof CardProductionPhase>;

export const CardIssuingMessage = z.enum([
  'orderNotFound',
  /** No open card order for the document the customer showed. */
  'noOrderForDocument',
  /** The order exists but is not open (already issued, mailed, cancelled). */
  'orderNotOpen',
  /** The order's card is being made at a kiosk, or its fate is not yet known to the bank. */
  'orderInProgress',
  'orderExpired',
  /** The bank did not approve the card. */
  'declined',
  /** No connection to the bank: the card cannot be issued here now. */
  'offline',
  /** The printer cannot take a card now (ribbon, feeder, cover…). */
  'printerUnavailable',
  /** The first card failed and was destroyed in the machine; a new one is being made. */
  'retrying',
  /** A card failed and was destroyed in the machine; no new card this time. */
  'cardSpoiled',
  /** The card was not taken in time and was kept by the machine, which destroys it. */
  'cardRetained',
  /** The printer stopped answering with the card inside; the card is kept and destroyed. */
  'interrupted',
  /** The teller did not approve the card. */
  'tellerRejected',
  /** The order needs a teller's approval and none could give it (declined call, no teller). */
  'tellerUnavailable',
]);
export type CardIssuingMessage = z.infer<typeof CardIssuingMessage>;

export const CardIssuingView = z.object({
  step: CardIssuingStep,
  methods: z.array(z.object({ method: IdentifyMethod, available: z.boolean() })),
  /** Order codes the customer may still try before the flow gives up. */
  codeAttemptsLeft: z.number().int().nonnegative(),
  /** Masked by the backend, e.g. `A*** E*****`; null before the order is found. */
  holderNameMasked: z.string().max(64).nullable(),
  product: z.enum(['debit']).nullable(),
  /** Last four digits of the issued card, once the bank issued it. */
  panLast4: z
    .string()
    .regex(/^\d{4}$/)
    .nullable(),
  /** `MM/YY` of the issued card. */
  expiry: z
    .string()
    .regex(/^\d{2}\/\d{2}$/)
    .nullable(),
  phase: CardProductionPhase.nullable(),
  /** 1 for the first card, 2 for a retry. */
  attempt: z.number().int().min(0),
  /** Epoch ms until which the card waits at the exit; null outside `presenting`. */
  takeDeadline: z.number().nullable(),
  message: CardIssuingMessage.nullable(),
  /** The flow would take "send it by mail" now (an offer, or after a card failed). */
  canRequestMail: z.boolean(),
  receipt: z.enum(['printing', 'printed', 'unavailable', 'failed']).nullable(),
  /** The identify-customer step while `identifying`; null otherwise. */
  identify: IdentifyView.nullable(),
});
export type CardIssuingView = z.infer<typeof CardIssuingView>;

export const CardIssuingEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('CARD_CHOOSE_METHOD'), method: IdentifyMethod }),
  z.object({ type: z.literal('CARD_ORDER_CODE'), code: OrderCode }),
  /** "Print my card". */
  z.object({ type: z.literal('CARD_CONFIRM') }),
  /** "Send it by mail" on the offer. */
  z.object({ type: z.literal('CARD_REQUEST_MAIL') }),
  /** Back one step (method choice, code entry). */
  z.object({ type: z.literal('CARD_BACK') }),
  z.object({ type: z.literal('CARD_CANCEL') }),
]);
export type CardIssuingEvent = z.infer<typeof CardIssuingEvent>;

// ---------------------------------------------------------------------------------------------
// Backend calls (socket.io events with ack, namespace /kiosk)

/** Finds a card order by the code the customer has. */
export const CARD_ORDER_LOOKUP_EVENT = 'kiosk:card-order-lookup';
export const CardOrderLookupRequest = z.object({ orderCode: OrderCode });
export type CardOrderLookupRequest = z.infer<typeof CardOrderLookupRequest>;

export const CardOrderStatus = z.enum(['open', 'issuing', 'issued', 'mailRequested', 'cancelled', 'expired']);
export type CardOrderStatus = z.infer<typeof CardOrderStatus>;

export const CardOrderLookupAck = z.union([
  z.object({
    ok: z.literal(true),
    found: z.literal(true),
    /** Opaque reference the flow and the records carry instead of the code. */
    orderRef: z.string().min(8).max(64),
    holderNameMasked: z.string().max(64),
    product: z.enum(['debit']),
    status: CardOrderStatus,
    /** The bank wants a teller to approve this card before the kiosk makes it. */
    tellerApproval: z.boolean(),
  }),
  z.object({ ok: z.literal(true), found: z.literal(false) }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string().max(40), message: z.string().max(300) }),
  }),
]);
export type CardOrderLookupAck = z.infer<typeof CardOrderLookupAck>;

/**
 * Approves the order and issues the data of one physical card. One card number per physical
 * card: a retry after a spoiled card asks again with a new `attemptId` and gets a new number.
 * Asking again with the same `attemptId` (an ack lost on the way) voids the card issued to it
 * before — it cannot have been printed, since the kiosk never received it — and issues a new one.
 */
export const CARD_ISSUE_EVENT = 'kiosk:card-issue';
export const CardIssueRequest = z.object({
  orderRef: z.string().min(8).max(64),
  attemptId: z.string().uuid(),
  attempt: z.number().int().min(1).max(3),
});
export type CardIssueRequest = z.infer<typeof CardIssueRequest>;

/** Names as the card carries them: upper-case Latin letters, spaces, hyphens, apostrophes. */
const CardName = z.string().regex(/^[A-Z][A-Z '-]{0,25}$/);

export const IssuedCardData = z.object({
  cardId: z.string().uuid(),
  /** The full card number: in kiosk memory only, until the stripe is written. */
  pan: z.string().regex(/^\d{16}$/),
  surname: CardName,
  givenNames: CardName,
  /** YYMM, as on the stripe. */
  expiry: z.string().regex(/^\d{2}(0[1-9]|1[0-2])$/),
  /** ISO/IEC 7813 service code, e.g. `101` (international, normal authorisation, no restrictions). */
  serviceCode: z.string().regex(/^\d{3}$/),
  /** Issuer's discretionary data (digits), after the service code on both tracks. */
  discretionary: z.string().regex(/^\d{1,8}$/),
});
export type IssuedCardData = z.infer<typeof IssuedCardData>;

export const CardIssueDecline = z.enum(['orderNotOpen', 'orderExpired', 'tooManyAttempts', 'unknownOrder']);
export type CardIssueDecline = z.infer<typeof CardIssueDecline>;

export const CardIssueAck = z.union([
  z.object({ ok: z.literal(true), approved: z.literal(true), card: IssuedCardData }),
  z.object({ ok: z.literal(true), approved: z.literal(false), reason: CardIssueDecline }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string().max(40), message: z.string().max(300) }),
  }),
]);
export type CardIssueAck = z.infer<typeof CardIssueAck>;
