import type {
  CashDeposit,
  Currency,
  Denomination,
  DepositEvent,
  DepositMessage,
  ReceiptOutcome,
} from '../../contracts/index.ts';

/**
 * Types of the cash deposit machine: its input, context, events, the inputs and outputs of the
 * actors the runtime provides, and its output. Kept apart from the machine so the runtime and
 * the view can import them without reading the state chart.
 */

export interface CashDepositInput {
  currency: Currency;
  /** The most an offline deposit may reach (minor units). */
  offlineLimit: number;
  noteTypes: Denomination[];
  coinTypes: Denomination[];
  /** How long done / cancelled / interrupted stay on screen; defaults to FINAL_DISPLAY_MS. */
  displayMs?: number;
}

/** A device fault that ends the deposit. */
export type DepositFault = 'jam' | 'fraud' | 'stackerFull' | 'deviceDown';

/** How the deposit ended; the same words as the `cash.deposit` business record. */
export type DepositEnding = CashDeposit['ending'];

/** Receipt outcomes once printing is over. */
export type DepositReceipt = Exclude<ReceiptOutcome, 'printing'>;

export interface CashDepositContext {
  /** Keys the runtime's idempotent actors (routeNote, completeDeposit) across a restore. */
  depositId: string;
  currency: Currency;
  offlineLimit: number;
  noteTypes: Denomination[];
  coinTypes: Denomination[];
  displayMs: number;
  /** The typed number; only until the deposit is recorded (offline) or the account is found (online). */
  accountNumber: string | null;
  /** What the screen may show of the account: its last four digits. */
  accountLast4: string | null;
  accountRef: string | null;
  holderNameMasked: string | null;
  offline: boolean;
  /** Counted and kept: value (minor units, string key) → count. */
  notes: Record<string, number>;
  coins: Record<string, number>;
  total: number;
  /** Value of the note held in escrow (or being routed). */
  escrowValue: number | null;
  /** Increases with every escrowed note; with depositId it keys one routing of one note. */
  escrowSeq: number;
  routeDecision: 'stack' | 'return' | null;
  message: DepositMessage | null;
  /** Set once something ended the deposit (cancel, abort, fault); the flow closes at the next safe point. */
  ending: DepositEnding | null;
  /** The session said the customer walked away: close without showing the last screen. */
  customerGone: boolean;
  receipt: DepositReceipt | null;
  /** Epoch ms at which done / cancelled / interrupted give way to the session. */
  displayDeadline: number | null;
}

/** What the `cashIn` actor reports from the bill validator and coin acceptor. */
export type CashInEvent =
  | { type: 'NOTE_ESCROWED'; value: number }
  | { type: 'NOTE_STACKED'; value: number }
  | { type: 'NOTE_RETURNED'; value: number }
  | { type: 'NOTE_REJECTED'; reason: string }
  | { type: 'COIN_CREDITED'; value: number }
  | { type: 'DEVICE_FAULT'; fault: DepositFault };

export type CashDepositEvent =
  | DepositEvent
  | CashInEvent
  /** Sent by the session when the customer walked away: close now, without asking anyone. */
  | { type: 'FLOW_ABORT' }
  /** Sent by the runtime after restoring a persisted snapshot; re-arms the display deadline. */
  | { type: 'RESUMED' };

export interface LookupAccountInput {
  accountNumber: string;
}

export type LookupAccountOutput =
  | { status: 'found'; accountRef: string; holderNameMasked: string }
  | { status: 'notFound' }
  | { status: 'offline' };

export interface CashInInput {
  noteTypes: Denomination[];
  coinTypes: Denomination[];
}

export interface RouteNoteInput {
  depositId: string;
  /** Which escrowed note of this deposit: a restored routing re-runs with the same key. */
  escrowSeq: number;
  decision: 'stack' | 'return';
  value: number;
}

export type RouteNoteOutput = 'stacked' | 'returned' | 'failed';

/** The `cash.deposit` record without its completion time, which the runtime stamps. */
export type CompleteDepositInput = Omit<CashDeposit, 'completedAt'>;

export interface CompleteDepositOutput {
  receipt: DepositReceipt;
}

export interface CashDepositOutput {
  ending: DepositEnding;
  /** Null when nothing was recorded (nothing counted). */
  receipt: DepositReceipt | null;
  total: number;
}
