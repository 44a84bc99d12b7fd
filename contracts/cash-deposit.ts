import { z } from 'zod';
import { Currency } from './devices/cash.ts';

/**
 * The cash deposit flow as the kiosk UI sees it and drives it. The runtime runs the flow; the UI
 * renders `DepositView` (inside `KioskView.deposit`) and sends `DepositEvent`s.
 */

export const DepositStep = z.enum([
  /** Typing the account number. */
  'account',
  /** Asking the backend whose account it is. */
  'verifying',
  /** "Is the account holder A*** E*****?" */
  'confirmHolder',
  /** Devices enabled: insert notes and coins. */
  'inserting',
  /** A note is held in escrow: add it, or have it back. */
  'escrow',
  /** Stacking or returning the note in escrow. */
  'routing',
  /** Summary before the customer confirms. */
  'confirming',
  /** Journaling the deposit and printing the receipt. */
  'completing',
  'done',
  /** Cancelled with nothing counted: the customer has everything back. */
  'cancelled',
  /** A device fault ended the deposit; what was counted is credited. */
  'interrupted',
]);
export type DepositStep = z.infer<typeof DepositStep>;

export const DepositMessage = z.enum([
  'accountNotFound',
  'holderRejected',
  'noteRejected',
  'fraud',
  'jam',
  'stackerFull',
  'limitReached',
  'deviceDown',
  'noteReturned',
  /** Offline: the holder cannot be confirmed; the deposit is credited when the kiosk reconnects. */
  'offlineDeposit',
]);
export type DepositMessage = z.infer<typeof DepositMessage>;

export const DepositView = z.object({
  step: DepositStep,
  currency: Currency,
  /** Last four digits only, e.g. `•••• 1234`. */
  accountMasked: z.string().max(32).nullable(),
  /** Masked by the backend, e.g. `A*** E*****`; null offline or before lookup. */
  holderNameMasked: z.string().max(64).nullable(),
  /** Value (minor units) of the note in escrow, if any. */
  escrowValue: z.number().int().nullable(),
  /** Counted and kept: value (minor units, as a string key) → count. */
  notes: z.record(z.string(), z.number().int().nonnegative()),
  coins: z.record(z.string(), z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
  offline: z.boolean(),
  /** The most a deposit may reach offline; null online. */
  offlineLimit: z.number().int().nullable(),
  message: DepositMessage.nullable(),
  receipt: z.enum(['printing', 'printed', 'unavailable', 'failed']).nullable(),
  /** How the deposit ended, once it has: a cancel with cash counted is recorded, and says so. */
  ending: z.enum(['completed', 'interrupted', 'timedOut', 'cancelled']).nullable(),
});
export type DepositView = z.infer<typeof DepositView>;

export const DepositEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('DEPOSIT_ACCOUNT'), accountNumber: z.string().regex(/^\d{6,20}$/) }),
  z.object({ type: z.literal('DEPOSIT_CONFIRM_HOLDER') }),
  z.object({ type: z.literal('DEPOSIT_REJECT_HOLDER') }),
  z.object({ type: z.literal('DEPOSIT_ACCEPT_NOTE') }),
  z.object({ type: z.literal('DEPOSIT_RETURN_NOTE') }),
  /** Finished inserting: go to the summary. */
  z.object({ type: z.literal('DEPOSIT_DONE') }),
  z.object({ type: z.literal('DEPOSIT_CONFIRM') }),
  z.object({ type: z.literal('DEPOSIT_CANCEL') }),
]);
export type DepositEvent = z.infer<typeof DepositEvent>;

/** Backend lookup of the account a deposit goes to (socket event with ack). */
export const ACCOUNT_LOOKUP_EVENT = 'kiosk:account-lookup';
export const AccountLookupRequest = z.object({ accountNumber: z.string().regex(/^\d{6,20}$/) });
export const AccountLookupAck = z.union([
  z.object({
    ok: z.literal(true),
    found: z.literal(true),
    /** Opaque reference the deposit record carries instead of the number. */
    accountRef: z.string().min(8).max(64),
    holderNameMasked: z.string().max(64),
  }),
  z.object({ ok: z.literal(true), found: z.literal(false) }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string().max(40), message: z.string().max(300) }),
  }),
]);
export type AccountLookupAck = z.infer<typeof AccountLookupAck>;
