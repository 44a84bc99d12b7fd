import type { BillValidator, CoinAcceptor, Unsubscribe } from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type { CashLedger } from '../cash/types.ts';
import type { JournalStore } from '../journal/types.ts';

/**
 * Puts every cash movement the devices report into the ledger, whether or not a deposit is
 * listening. A coin can drop between the flow's last step and the acceptor's inhibit taking
 * effect; the cash is in the kiosk, so it is counted, and journaled as unattributed for the back
 * office to reconcile — never lost from the record.
 */
export function feedCashLedger(deps: {
  validator: BillValidator | null;
  coins: CoinAcceptor | null;
  ledger: () => CashLedger | null;
  journal: () => JournalStore | null;
  depositActive: () => boolean;
  log: Logger;
}): Unsubscribe {
  const offs: Unsubscribe[] = [];
  const unattributed = (device: string, value: number) => {
    if (deps.depositActive()) return;
    deps.journal()?.record({
      type: 'cash.unattributed',
      data: { device, value },
      durability: 'moneyOrCard',
      sync: false,
    });
    deps.log.warn('cash taken with no deposit open', { device, value });
  };
  if (deps.validator) {
    offs.push(
      deps.validator.onEvent((event) => {
        if (event.kind === 'escrow') deps.ledger()?.noteEscrowed(event.denomination.value);
        // A note stacked with no deposit routing it (the device's own decision).
        if (event.kind === 'stacked' && !deps.depositActive()) {
          deps.ledger()?.noteStacked(event.denomination.value);
          unattributed('billValidator', event.denomination.value);
        }
      }),
    );
  }
  if (deps.coins) {
    offs.push(
      deps.coins.onEvent((event) => {
        if (event.kind !== 'credit') return;
        deps.ledger()?.coinAccepted(event.denomination.value);
        unattributed('coinAcceptor', event.denomination.value);
      }),
    );
  }
  return () => {
    for (const off of offs) off();
  };
}
