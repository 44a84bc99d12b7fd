import type { CashExchange, CashLevels, Currency } from '../../../contracts/index.ts';

/** Where the kiosk holds cash: the note being decided, the cashbox, the coins it pays out. */
export type CashLocation = 'escrow' | 'cashbox' | 'hopper';

/** Value (minor units, string key as in the contracts) → count. */
export type CashCounts = Record<string, number>;

/**
 * When the ledger raises an alert. The cashbox has one capacity for what it holds (notes stacked
 * and coins accepted alike); the hopper is low at or below `hopperLow` coins and empty at 0.
 */
export interface CashThresholds {
  cashboxNearFull: number;
  cashboxFull: number;
  /** Null for a kiosk without a hopper: then no hopper alert is ever raised. */
  hopperLow: number | null;
}

export type CashAlert = 'cashboxNearFull' | 'cashboxFull' | 'hopperLow' | 'hopperEmpty';

export type ExchangeDevice = CashExchange['device'];
export type ExchangeKind = CashExchange['kind'];

/** What `startExchange` returns: the ledger's counts, for the technician to count against. */
export interface ExchangeStarted {
  exchangeId: string;
  device: ExchangeDevice;
  kind: ExchangeKind;
  location: Exclude<CashLocation, 'escrow'>;
  expected: CashCounts;
  startedAt: string;
}

/** What `endExchange` returns: the record sent to the backend, and the counts now held. */
export interface ExchangeEnded {
  exchange: CashExchange;
  /** Counted minus expected, minor units: non-zero is a difference for the back office. */
  difference: number;
  levels: CashLevels;
}

/** Why an exchange step was refused; the technician API answers with `status`. */
export class CashExchangeError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The kiosk's cash ledger: what it holds, per place and value, kept on the kiosk database.
 * Every change is one movement, committed together with the journal entry that explains it, with
 * `synchronous=FULL`: a count never changes without its entry, and an entry never exists without
 * its count change. A movement that contradicts the counts (a note stacked that was not seen in
 * escrow, coins paid beyond what the hopper was thought to hold) is still recorded — the cash
 * really moved — with the anomaly named in its entry.
 */
export interface CashLedger {
  readonly currency: Currency;
  /** A note is held in escrow. */
  noteEscrowed(value: number): void;
  /** The note in escrow went to the cashbox. */
  noteStacked(value: number): void;
  /** The note in escrow went back to the customer. */
  noteReturned(value: number): void;
  /** A coin went to the cashbox. */
  coinAccepted(value: number): void;
  /** The hopper paid `count` coins of `value`. */
  coinsPaid(value: number, count: number): void;

  /** Cashbox and hopper counts with the alerts crossed now. */
  levels(): CashLevels;
  /** Every location, escrow included: for the technician and for audits. */
  counts(): Record<CashLocation, CashCounts>;

  /**
   * Starts a replenishment or emptying (XFS4IoT StartExchange): journals it and returns what the
   * ledger expects the technician to find. A new start for the same device replaces an open one.
   */
  startExchange(device: ExchangeDevice, kind: ExchangeKind): ExchangeStarted;
  /**
   * Ends it (XFS4IoT EndExchange) with what the technician counted: for `replenish`, what the
   * hopper holds now; for `empty`, what was taken out, the location then being empty. Sets the
   * counts, journals the end and puts a `cash.exchange` record in the outbox, in one transaction.
   */
  endExchange(exchangeId: string, counted: CashCounts): ExchangeEnded;
  /** Exchanges started and not yet ended. */
  openExchanges(): ExchangeStarted[];
}
