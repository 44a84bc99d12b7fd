import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import type { BillValidator } from '../../../contracts/index.ts';
import { createMemoryLogger } from '../../../platform/log.ts';
import { openDatabase } from '../../../platform/sqlite.ts';
import type { CashLedger } from '../cash/types.ts';
import { openJournalStore } from '../journal/journal-store.ts';
import { KIOSK_MIGRATIONS } from '../store/migrations.ts';
import { createDepositActors, ROUTE_NOTE_ACTION } from './deposit-actors.ts';

function setUp() {
  const db = openDatabase(
    join(mkdtempSync(join(tmpdir(), 'ventanilla-deposit-')), 'kiosk.sqlite'),
    KIOSK_MIGRATIONS,
  );
  const journal = openJournalStore(db);
  const route = vi.fn(async () => ({ code: 'success' as const, value: 'stacked' as const }));
  const validator = { route } as unknown as BillValidator;
  const ledger = { noteStacked: vi.fn(), noteReturned: vi.fn() } as unknown as CashLedger;
  const deposit = createDepositActors({
    validator,
    coins: null,
    printer: null,
    ledger: () => ledger,
    journal: () => journal,
    lookupAccount: async () => ({ status: 'offline' }),
    language: () => 'en',
    accountLast4: () => null,
    onActivity: () => undefined,
    onRecorded: () => undefined,
    bankName: 'Banco',
    kioskId: 'k1',
    log: createMemoryLogger(),
  });
  const runRoute = (input: {
    depositId: string;
    escrowSeq: number;
    decision: 'stack' | 'return';
    value: number;
  }) =>
    new Promise<unknown>((resolve, reject) => {
      const actor = createActor(deposit.actors.routeNote, { input });
      actor.subscribe({
        complete: () => resolve(actor.getSnapshot().output),
        error: reject,
      });
      actor.start();
    });
  return { journal, route, ledger, runRoute };
}

describe('deposit actors across restarts', () => {
  it('routes a note once: a re-run with the same key returns the journaled outcome', async () => {
    const { route, ledger, runRoute } = setUp();
    const input = {
      depositId: '6f1d0c1e-0000-4000-8000-000000000001',
      escrowSeq: 1,
      decision: 'stack' as const,
      value: 2000,
    };
    expect(await runRoute(input)).toBe('stacked');
    expect(await runRoute(input)).toBe('stacked');
    expect(route).toHaveBeenCalledTimes(1);
    expect(ledger.noteStacked).toHaveBeenCalledTimes(1);
    // The next note of the same deposit is routed.
    expect(await runRoute({ ...input, escrowSeq: 2 })).toBe('stacked');
    expect(route).toHaveBeenCalledTimes(2);
  });

  it('never repeats a routing left in doubt by a crash', async () => {
    const { journal, route, runRoute } = setUp();
    const input = {
      depositId: '6f1d0c1e-0000-4000-8000-000000000002',
      escrowSeq: 1,
      decision: 'stack' as const,
      value: 5000,
    };
    const intent = journal.recordIntent({
      device: 'billValidator',
      action: ROUTE_NOTE_ACTION,
      context: { ...input },
    });
    journal.recordOutcome(intent, 'inDoubt', { resolution: 'reconcileAtCashboxCount' });
    expect(await runRoute(input)).toBe('failed');
    expect(route).not.toHaveBeenCalled();
  });
});
