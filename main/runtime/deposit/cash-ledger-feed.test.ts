import { describe, expect, it, vi } from 'vitest';
import type { CoinAcceptor, CoinEvent } from '../../../contracts/index.ts';
import { createMemoryLogger } from '../../../platform/log.ts';
import type { CashLedger } from '../cash/types.ts';
import type { JournalStore } from '../journal/types.ts';
import { feedCashLedger } from './cash-ledger-feed.ts';

function fakeCoins() {
  const listeners = new Set<(e: CoinEvent) => void>();
  return {
    acceptor: {
      onEvent: (l: (e: CoinEvent) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    } as unknown as CoinAcceptor,
    emit: (e: CoinEvent) => {
      for (const l of listeners) l(e);
    },
  };
}

describe('cash ledger feed', () => {
  it('counts every coin, and journals one taken with no deposit open as unattributed', () => {
    const coins = fakeCoins();
    const ledger = { coinAccepted: vi.fn(), noteEscrowed: vi.fn(), noteStacked: vi.fn() };
    const journal = { record: vi.fn() };
    let active = true;
    const stop = feedCashLedger({
      validator: null,
      coins: coins.acceptor,
      ledger: () => ledger as unknown as CashLedger,
      journal: () => journal as unknown as JournalStore,
      depositActive: () => active,
      log: createMemoryLogger(),
    });
    coins.emit({ kind: 'credit', denomination: { type: 4, value: 100 } });
    expect(ledger.coinAccepted).toHaveBeenCalledWith(100);
    expect(journal.record).not.toHaveBeenCalled();
    active = false;
    coins.emit({ kind: 'credit', denomination: { type: 5, value: 200 } });
    expect(ledger.coinAccepted).toHaveBeenLastCalledWith(200);
    expect(journal.record).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'cash.unattributed', data: { device: 'coinAcceptor', value: 200 } }),
    );
    stop();
    coins.emit({ kind: 'credit', denomination: { type: 5, value: 200 } });
    expect(ledger.coinAccepted).toHaveBeenCalledTimes(2);
  });
});
