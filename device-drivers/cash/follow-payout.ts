import type { HopperPayoutStatus } from '../../contracts/devices/cash.ts';

export interface PayoutProgress {
  /** Reads 166 once; null when the hopper did not answer. */
  read(): Promise<HopperPayoutStatus | null>;
  pollIntervalMs: number;
  /** The payout has stopped when `remaining` has not moved (or no reply came) for this long. */
  stallMs: number;
  /** Counter the hopper gave the dispense; a different one means it restarted meanwhile. */
  eventCounter: number | null;
}

export type PayoutEnd =
  /** `remaining` reached 0: the counters are final. */
  | { kind: 'finished'; status: HopperPayoutStatus; restarted: boolean }
  /** Nothing moved for `stallMs`: `last` is the last reading, if any. */
  | { kind: 'stalled'; last: HopperPayoutStatus | null };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows a payout with 166 "request hopper status" (part 2) until it ends. The hopper keeps
 * `remaining`, `last paid` and `last unpaid` across the payout and across a power loss, so a
 * payout that ends on its own — all paid, run dry, jammed, or cut by a power loss — ends with
 * `remaining` 0 and the counters tell the truth. One that neither ends nor moves is stalled.
 */
export async function followPayout(progress: PayoutProgress): Promise<PayoutEnd> {
  let last: HopperPayoutStatus | null = null;
  let lastMoveAt = Date.now();
  for (;;) {
    const status = await progress.read();
    if (status) {
      if (!last || status.remaining !== last.remaining || status.lastPaid !== last.lastPaid) {
        lastMoveAt = Date.now();
      }
      last = status;
      if (status.remaining === 0) {
        const restarted = progress.eventCounter !== null && status.eventCounter !== progress.eventCounter;
        return { kind: 'finished', status, restarted };
      }
    }
    if (Date.now() - lastMoveAt >= progress.stallMs) return { kind: 'stalled', last };
    await sleep(progress.pollIntervalMs);
  }
}
