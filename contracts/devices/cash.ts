import { z } from 'zod';
import type { OperationResult, Unsubscribe } from './operation.ts';
import type { DeviceStatus } from './status.ts';

/**
 * Cash devices on ccTalk: bill validator (address 40), coin acceptor (address 2), coin hopper
 * (address 3). Amounts are integers in minor units (cents) of one currency per kiosk.
 */

export const Currency = z.enum(['EUR', 'USD', 'MXN', 'CNY']);
export type Currency = z.infer<typeof Currency>;

/** A note or coin type the device knows: its position in the device's table and its value. */
export const Denomination = z.object({
  /** Bill type (1..16) or coin position (1..16) in the device's own table. */
  type: z.number().int().min(1).max(16),
  value: z.number().int().positive(),
});
export type Denomination = z.infer<typeof Denomination>;

/** What a bill validator reports, decoded from ccTalk header 159 events. */
export type BillEvent =
  /** A note is held in escrow; the host must route it (stack or return) before the device times out. */
  | { kind: 'escrow'; denomination: Denomination }
  | { kind: 'stacked'; denomination: Denomination }
  | { kind: 'returned' }
  /** The note was not accepted (unrecognised, inhibited, …); the customer has it back. */
  | { kind: 'rejected'; reason: string }
  | { kind: 'fraud'; reason: string }
  | { kind: 'jam'; reason: string }
  | { kind: 'stackerFull' }
  /** More events happened than the device's buffer holds: the host cannot know them. */
  | { kind: 'eventsLost'; count: number }
  /** The event counter went back to 0: the device lost power, came back inhibited. */
  | { kind: 'powerUp' };

/** What a coin acceptor reports, decoded from ccTalk header 229 events. */
export type CoinEvent =
  | { kind: 'credit'; denomination: Denomination }
  | { kind: 'rejected'; reason: string }
  | { kind: 'fraud'; reason: string }
  | { kind: 'jam'; reason: string }
  | { kind: 'eventsLost'; count: number }
  | { kind: 'powerUp' };

/** Counters a hopper keeps across a payout (ccTalk header 166): the evidence for recovery. */
export interface HopperPayoutStatus {
  eventCounter: number;
  /** Coins still to pay in the current or last payout. */
  remaining: number;
  lastPaid: number;
  lastUnpaid: number;
}

export interface PayoutOutcome {
  paid: number;
  unpaid: number;
}

/** Shared by the three: lifetime, status, and the inhibit switch. */
export interface CashDevice {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
}

/**
 * Bill validator driver duties:
 * - polls buffered events (159) while started; decodes each new event once (event counter,
 *   wrap 255 → 1), reports lost events and power-ups as events, never guesses them away;
 * - `accept(denominations)` sets the inhibit mask (231) and master inhibit (228) so only those
 *   notes are taken; `refuse()` inhibits all;
 * - `route('stack' | 'return')` routes the note in escrow (154) and resolves once the device
 *   confirms it (stacked/returned event), or with a completion code; `holdEscrow()` extends the
 *   escrow timeout (154 with 255) while the customer decides;
 * - every operation resolves to a completion code and never rejects for a device failure.
 */
export interface BillValidator extends CashDevice {
  readonly device: 'billValidator';
  denominations(): Denomination[];
  accept(denominations: number[], options?: { signal?: AbortSignal }): Promise<OperationResult<void>>;
  refuse(options?: { signal?: AbortSignal }): Promise<OperationResult<void>>;
  route(
    decision: 'stack' | 'return',
    options?: { signal?: AbortSignal },
  ): Promise<OperationResult<'stacked' | 'returned'>>;
  holdEscrow(options?: { signal?: AbortSignal }): Promise<OperationResult<void>>;
  onEvent(listener: (event: BillEvent) => void): Unsubscribe;
}

/** Coin acceptor driver duties: as the bill validator, with credits (229) instead of escrow. */
export interface CoinAcceptor extends CashDevice {
  readonly device: 'coinAcceptor';
  denominations(): Denomination[];
  accept(coins: number[], options?: { signal?: AbortSignal }): Promise<OperationResult<void>>;
  refuse(options?: { signal?: AbortSignal }): Promise<OperationResult<void>>;
  onEvent(listener: (event: CoinEvent) => void): Unsubscribe;
}

/**
 * Coin hopper driver duties: enable (164), dispense (167, unencrypted variant: encrypted hoppers
 * need the vendor's keys), follow the payout with payout status (166) until it ends, and report
 * paid and unpaid counts; empty and jam detection (163 test hopper) in its status.
 */
export interface CoinHopper extends CashDevice {
  readonly device: 'coinHopper';
  coinValue(): number;
  dispense(count: number, options?: { signal?: AbortSignal }): Promise<OperationResult<PayoutOutcome>>;
  payoutStatus(options?: { signal?: AbortSignal }): Promise<OperationResult<HopperPayoutStatus>>;
}
