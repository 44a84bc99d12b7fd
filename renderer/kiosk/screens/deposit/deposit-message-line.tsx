import type { DepositMessage, DepositStep } from '../../../../contracts/cash-deposit.ts';
import { useKioskT } from '../../language-context.ts';

const FAULTS: ReadonlySet<DepositMessage> = new Set(['jam', 'fraud', 'stackerFull', 'deviceDown']);

/** While cash is going in, `limitReached` means a note was given back for the limit, not that the deposit is full. */
function textKey(message: DepositMessage, step: DepositStep): string {
  if (message === 'limitReached' && (step === 'inserting' || step === 'routing'))
    return 'deposit.message.limitNoteGivenBack';
  return `deposit.message.${message}`;
}

interface DepositMessageLineProps {
  message: DepositMessage | null;
  step: DepositStep;
  /** The messages that mean something on this step; others are left to the step's own text. */
  shown: readonly DepositMessage[];
}

/**
 * What just happened, said once. A fault is an alert (announced at once); anything else is a
 * status a screen reader reads when it can.
 */
export function DepositMessageLine({ message, step, shown }: DepositMessageLineProps) {
  const t = useKioskT();
  if (message === null || !shown.includes(message)) return null;
  const fault = FAULTS.has(message);
  return (
    <p
      role={fault ? 'alert' : 'status'}
      className={`screen__message deposit-message deposit-message--${fault ? 'fault' : 'notice'}`}
      data-message={message}
    >
      {t(textKey(message, step))}
    </p>
  );
}
