import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { AccountStep } from './account-step.tsx';
import { CancelledStep } from './cancelled-step.tsx';
import { CompletingStep } from './completing-step.tsx';
import { ConfirmHolderStep } from './confirm-holder-step.tsx';
import { ConfirmingStep } from './confirming-step.tsx';
import { DoneStep } from './done-step.tsx';
import { EscrowStep } from './escrow-step.tsx';
import { InsertingStep } from './inserting-step.tsx';
import { InterruptedStep } from './interrupted-step.tsx';
import { RoutingStep } from './routing-step.tsx';
import { VerifyingStep } from './verifying-step.tsx';

/** The cash deposit flow: one screen per step of the runtime's deposit view. */
export function DepositScreen({ deposit }: { deposit: DepositView }) {
  switch (deposit.step) {
    case 'account':
      return <AccountStep deposit={deposit} />;
    case 'verifying':
      return <VerifyingStep deposit={deposit} />;
    case 'confirmHolder':
      return <ConfirmHolderStep deposit={deposit} />;
    case 'inserting':
      return <InsertingStep deposit={deposit} />;
    case 'escrow':
      return <EscrowStep deposit={deposit} />;
    case 'routing':
      return <RoutingStep deposit={deposit} />;
    case 'confirming':
      return <ConfirmingStep deposit={deposit} />;
    case 'completing':
      return <CompletingStep deposit={deposit} />;
    case 'done':
      return <DoneStep deposit={deposit} />;
    case 'cancelled':
      return <CancelledStep deposit={deposit} />;
    case 'interrupted':
      return <InterruptedStep deposit={deposit} />;
  }
}
