import type {
  CardIssueDecline,
  CardIssuingEvent,
  CardIssuingMessage,
  CardOrderStatus,
  CardProductionPhase,
  CardSpoilReason,
  IdentifyEvent,
  IdentifyMethod,
  ReceiptOutcome,
} from '../../contracts/index.ts';

/**
 * Types of the card issuing machine: its input, the inputs and outputs of the actors the runtime
 * provides, and its output. Kept apart from the machine so the runtime and the view can import
 * them without reading the state chart.
 *
 * The machine's context is persisted with the session snapshot, so it never holds the card
 * number or track data: the runtime keeps those in memory, keyed by `attemptId`, and the machine
 * holds only what the screen may show (last four digits, expiry).
 */

export interface CardIssuingInput {
  /** Which ways of identifying the customer this kiosk offers now. */
  methods: Record<IdentifyMethod, boolean>;
  /** Cards one order may take from the feeder in one visit (1 = no retry). */
  maxAttempts: number;
  /** How long a presented card waits at the exit before the printer takes it back. */
  takeTimeoutMs: number;
  /** Wrong order codes before the flow gives up. */
  maxCodeAttempts: number;
  /** How long done / failed / cancelled / mailRequested stay on screen; defaults to a few seconds. */
  displayMs?: number;
}

/** How the flow ended, for the session. */
export type CardIssuingEnding = 'issued' | 'mailRequested' | 'failed' | 'cancelled' | 'timedOut';

export type CardReceipt = Exclude<ReceiptOutcome, 'printing'>;

export interface CardIssuingOutput {
  ending: CardIssuingEnding;
  /** The receipt the flow printed; null when it printed none. */
  receipt: CardReceipt | null;
}

/** The order is looked up by the code typed or read from the app's QR, or by the ID document read. */
export type LookupOrderInput = { by: 'code'; orderCode: string } | { by: 'document'; captureId: string };
export type LookupOrderOutput =
  | {
      status: 'found';
      orderRef: string;
      holderNameMasked: string;
      product: 'debit';
      orderStatus: CardOrderStatus;
      /** The bank wants a teller to approve this card before the kiosk makes it. */
      tellerApproval: boolean;
    }
  | { status: 'notFound' }
  | { status: 'offline' };

/**
 * A teller's approval of the order, asked on the video teller call the runtime opens (or finds
 * open). `unavailable`: no teller could decide (the customer declined the call, no teller came).
 */
export interface TellerApprovalInput {
  kind: 'cardIssue';
  flow: 'cardIssuing';
  step: 'confirmOrder';
  /** What the teller needs to decide, already minimised: the masked name, the product. */
  summary: { holder: string; product: 'debit' };
}
export type TellerApprovalOutput = { decision: 'approved' | 'rejected' | 'unavailable' };

/** Is the printer ready to take a card now? Asked before the bank is asked to issue one. */
export type CheckPrinterOutput = { ready: boolean };

export interface ApproveCardInput {
  orderRef: string;
  /** One physical card: a new id for each card taken from the feeder. */
  attemptId: string;
  attempt: number;
}
export type ApproveCardOutput =
  | { status: 'approved'; cardId: string; panLast4: string /** MM/YY */; expiry: string }
  | { status: 'declined'; reason: CardIssueDecline }
  | { status: 'offline' };

export interface ProduceCardInput {
  orderRef: string;
  attemptId: string;
  attempt: number;
}

/**
 * What happened to the card of one attempt, up to the exit slot.
 * - `presented`: at the exit, for the customer to take.
 * - `spoiled`: taken from the feeder and destroyed into the reject bin (or stuck inside);
 *   `retryable` when a new card may succeed (an encoding failure), not when the printer needs staff.
 * - `notPicked`: the printer could not take a card; nothing left the feeder; the number is voided.
 * - `inDoubt`: the printer stopped answering with the card inside; recovery settles it later.
 * - `cardDataMissing`: the card data is gone from memory (the kiosk restarted before the pick);
 *   nothing left the feeder; the flow asks the bank again with the same attempt id.
 */
export type ProduceCardOutput =
  | { outcome: 'presented' }
  | { outcome: 'spoiled'; reason: CardSpoilReason; retryable: boolean }
  | { outcome: 'notPicked' }
  | { outcome: 'inDoubt' }
  | { outcome: 'cardDataMissing' };

/**
 * `produceCard` is a callback actor: it sends `CARD_PHASE` as the card moves, then exactly one
 * `CARD_PRODUCED`. It is idempotent by `attemptId` (the journal says what already happened), so a
 * restored session that re-invokes it never takes a second card for the same attempt.
 */
export type ProduceCardEvent =
  | { type: 'CARD_PHASE'; phase: CardProductionPhase }
  | { type: 'CARD_PRODUCED'; result: ProduceCardOutput };

export interface AwaitCardTakenInput {
  attemptId: string;
  /** Epoch ms until which the card waits at the exit. */
  takeDeadline: number;
}
/** `retained`: not taken in time, taken back into the reject bin (recorded as spoiled, `notTaken`). */
export type AwaitCardTakenOutput = { outcome: 'taken' } | { outcome: 'retained' } | { outcome: 'inDoubt' };

/** Why the customer is offered delivery by mail; the words of the `card.mailRequested` record. */
export type MailReason = 'offline' | 'printerUnavailable' | 'cardFailed';

export interface RequestMailInput {
  /**
   * One request: a restored session re-runs `requestMail` with the same id, so the runtime
   * records the request at most once (it becomes the record's `requestId`).
   */
  requestId: string;
  orderRef: string | null;
  orderCode: string | null;
  reason: MailReason;
}

export interface CompleteIssuingInput {
  attemptId: string;
  orderRef: string;
}
export interface CompleteIssuingOutput {
  receipt: CardReceipt;
}

export interface CardIssuingContext {
  /** What the customer may choose: offered by the kiosk and handled by the machine. */
  methods: Record<IdentifyMethod, boolean>;
  maxAttempts: number;
  takeTimeoutMs: number;
  displayMs: number;
  codeAttemptsLeft: number;
  /** The identify step under way (QR or ID document); null otherwise. */
  identifyMethod: 'qr' | 'idScan' | null;
  /** How the order being looked up or shown was found; null before. */
  identifiedBy: IdentifyMethod | null;
  /** The document read at the kiosk (kept, encrypted, by the runtime) while its order is looked up. */
  captureId: string | null;
  /**
   * The typed code: only until the order is found (then the reference replaces it), or for a
   * mail request offline, where the backend knows the order by nothing else.
   */
  orderCode: string | null;
  orderRef: string | null;
  holderNameMasked: string | null;
  product: 'debit' | null;
  /** The order needs a teller's approval before a card is made. */
  tellerApproval: boolean;
  /** Keys the runtime's idempotent actors for one physical card; null before the first approval. */
  attemptId: string | null;
  /** Cards taken (or about to be taken) from the feeder in this visit. */
  attempt: number;
  cardId: string | null;
  panLast4: string | null;
  /** `MM/YY`. */
  expiry: string | null;
  phase: CardProductionPhase | null;
  /** Epoch ms until which the presented card waits at the exit. */
  takeDeadline: number | null;
  message: CardIssuingMessage | null;
  /** Set while delivery by mail is on offer (offerMail, or failed after a lost card). */
  mailReason: MailReason | null;
  /** Keys the runtime's idempotent `requestMail`; new for each request. */
  mailRequestId: string | null;
  ending: CardIssuingEnding | null;
  /** The session said the customer walked away: finish what is under way, show no last screen. */
  customerGone: boolean;
  receipt: CardReceipt | null;
  /** Epoch ms at which done / failed / cancelled / mailRequested give way to the session. */
  displayDeadline: number | null;
}

/** Events of the machine: the UI's, the production's, and the session's. */
export type CardIssuingMachineEvent =
  | CardIssuingEvent
  | ProduceCardEvent
  /** The session says the customer walked away: close at the next safe point. */
  | { type: 'FLOW_ABORT' }
  /** The customer's answers to the identify step, forwarded to it. */
  | IdentifyEvent
  /** Sent after a restore: re-arms timers from deadlines kept in context. */
  | { type: 'RESUMED' };

export type { CardIssuingMessage };
