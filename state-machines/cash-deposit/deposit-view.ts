import type { SnapshotFrom } from 'xstate';
import type { DepositStep, DepositView } from '../../contracts/index.ts';
import type { CashDepositMachine } from './cash-deposit-machine.ts';
import type { CashDepositContext } from './cash-deposit-types.ts';

type CashDepositSnapshot = SnapshotFrom<CashDepositMachine>;

/** The screen a closed deposit last showed (the session replaces it at once). */
function closedStep(context: CashDepositContext): DepositStep {
  if (context.ending === 'interrupted') return 'interrupted';
  return context.receipt === null ? 'cancelled' : 'done';
}

/** Which step of the deposit a snapshot shows. */
export function depositStepOf(snapshot: CashDepositSnapshot): DepositStep {
  if (snapshot.matches({ accepting: 'escrow' })) return 'escrow';
  if (snapshot.matches({ accepting: 'routing' })) return 'routing';
  // inserting, and the transient `settled`, show the inserting screen.
  if (snapshot.matches('accepting')) return 'inserting';
  if (snapshot.matches('account')) return 'account';
  if (snapshot.matches('verifying')) return 'verifying';
  if (snapshot.matches('confirmHolder')) return 'confirmHolder';
  if (snapshot.matches('confirming')) return 'confirming';
  // `closing` is transient: it always resolves to completing, cancelled or interrupted.
  if (snapshot.matches('completing') || snapshot.matches('closing')) return 'completing';
  if (snapshot.matches('done')) return 'done';
  if (snapshot.matches('cancelled')) return 'cancelled';
  if (snapshot.matches('interrupted')) return 'interrupted';
  return closedStep(snapshot.context);
}

/**
 * Reduces a deposit snapshot to what the kiosk UI renders. The account is shown by its last four
 * digits only: the full number never leaves the machine's context.
 */
export function toDepositView(snapshot: CashDepositSnapshot): DepositView {
  const context = snapshot.context;
  const step = depositStepOf(snapshot);
  return {
    step,
    currency: context.currency,
    accountMasked: context.accountLast4 === null ? null : `•••• ${context.accountLast4}`,
    holderNameMasked: context.holderNameMasked,
    escrowValue: context.escrowValue,
    notes: { ...context.notes },
    coins: { ...context.coins },
    total: context.total,
    offline: context.offline,
    offlineLimit: context.offline ? context.offlineLimit : null,
    message: context.message,
    receipt: step === 'completing' ? 'printing' : context.receipt,
    ending: context.ending,
  };
}
