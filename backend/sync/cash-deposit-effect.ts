import type { CashDeposit } from '../../contracts/business-records.ts';
import { amountOf } from '../cash/cash-amounts.ts';
import type { Account, AccountStore } from '../store/account-store.ts';
import type { DepositStore } from '../store/deposit-store.ts';
import { type EffectContext, RecordConflict } from './record-effect-types.ts';

/**
 * The effect of a `cash.deposit` record: credit the account, or keep the deposit as unmatched.
 *
 * Money is never lost from the record and never counted twice:
 * - a deposit is credited only by the record that first carries its id; the same deposit under
 *   another seq is a conflict (stored as rejected, nothing credited). A resend of the same seq
 *   never reaches here: sync ingestion skips it as a duplicate.
 * - a deposit that cannot be credited is stored all the same, as `unmatched` with the reason,
 *   for the back office to resolve by hand.
 */
export function createCashDepositEffect(accounts: AccountStore, deposits: DepositStore) {
  return (deposit: CashDeposit, { kioskId, seq, receivedAt }: EffectContext): void => {
    const earlier = deposits.seqOf(kioskId, deposit.depositId);
    if (earlier !== undefined) throw new RecordConflict(`deposit already recorded by seq ${earlier}`);

    const match = matchAccount(accounts, deposit);
    if (match.account && deposit.total > 0) {
      // Inside the ingestion savepoint: the credit and the stored deposit commit together.
      if (!accounts.credit(match.account.accountRef, deposit.total)) {
        throw new Error(`account ${match.account.accountRef} vanished while crediting`);
      }
    }
    deposits.insert({
      kioskId,
      seq,
      deposit,
      accountRef: match.account?.accountRef ?? null,
      status: match.account ? 'credited' : 'unmatched',
      unmatchedReason: match.account ? null : match.reason,
      receivedAt,
    });
  };
}

type AccountMatch = { account: Account; reason?: never } | { account?: never; reason: string };

/** The account to credit, or why there is none. */
function matchAccount(accounts: AccountStore, deposit: CashDeposit): AccountMatch {
  const counted = amountOf(deposit.notes) + amountOf(deposit.coins);
  if (counted !== deposit.total) {
    return { reason: `the total (${deposit.total}) is not what the notes and coins add up to` };
  }
  let account: Account | undefined;
  if (deposit.accountRef !== null) {
    account = accounts.findByRef(deposit.accountRef);
    if (!account) return { reason: 'no account has this reference' };
  } else if (deposit.accountNumber !== null) {
    // Captured offline: the customer's typed number was never confirmed against an account.
    account = accounts.findByNumber(deposit.accountNumber);
    if (!account) return { reason: 'no account has this number' };
  } else {
    return { reason: 'the deposit names no account' };
  }
  if (account.currency !== deposit.currency) {
    return { reason: `the account is in ${account.currency}, the deposit in ${deposit.currency}` };
  }
  return { account };
}
