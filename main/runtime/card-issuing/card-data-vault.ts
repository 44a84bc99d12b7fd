import type { IssuedCardData } from '../../../contracts/index.ts';

/**
 * The only place in the kiosk where a card number and the data for its stripe are kept: in this
 * process's memory, by attempt id, from the bank's approval until the stripe is written and read
 * back (or the flow ends). Nothing here is written to the machine's context, a snapshot, the
 * journal, a log or the view; those hold only the last four digits and the masked number.
 *
 * Limit, stated plainly: JavaScript strings are immutable and cannot be overwritten in place, so
 * `wipe` drops this store's references and the garbage collector frees the memory some time later.
 * Until then the digits remain in the heap (and could reach a core dump or swap). Wiping early
 * keeps that window short; it does not make it zero.
 */
export interface CardDataVault {
  put(attemptId: string, card: IssuedCardData): void;
  get(attemptId: string): IssuedCardData | undefined;
  /** Forgets one attempt's card data. Wiping an attempt that holds none is not an error. */
  wipe(attemptId: string): void;
  wipeAll(): void;
  /** Attempt ids that hold card data now (ids only). */
  attempts(): string[];
}

export function createCardDataVault(): CardDataVault {
  const cards = new Map<string, IssuedCardData>();
  return {
    put(attemptId, card) {
      // A frozen copy: no caller can change, or keep a live handle on, what the vault holds.
      cards.set(attemptId, Object.freeze({ ...card }));
    },
    get: (attemptId) => cards.get(attemptId),
    wipe(attemptId) {
      cards.delete(attemptId);
    },
    wipeAll() {
      cards.clear();
    },
    attempts: () => [...cards.keys()],
  };
}
