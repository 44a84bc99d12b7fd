import type { CardIssuingMessage } from '../../../../contracts/card-issuing.ts';
import { useKioskT } from '../../language-context.ts';

/** Messages about something that went wrong, announced at once; the others are read when possible. */
const PROBLEMS: ReadonlySet<CardIssuingMessage> = new Set([
  'orderNotFound',
  'noOrderForDocument',
  'orderNotOpen',
  'orderInProgress',
  'orderExpired',
  'declined',
  'cardSpoiled',
  'cardRetained',
  'interrupted',
  'tellerRejected',
]);

interface CardMessageLineProps {
  message: CardIssuingMessage | null;
  /** The messages that mean something on this step; others are left to the step's own text. */
  shown: readonly CardIssuingMessage[];
}

/** What just happened, said once, in words the customer can act on. */
export function CardMessageLine({ message, shown }: CardMessageLineProps) {
  const t = useKioskT();
  if (message === null || !shown.includes(message)) return null;
  const problem = PROBLEMS.has(message);
  return (
    <p
      role={problem ? 'alert' : 'status'}
      className={`screen__message card-message card-message--${problem ? 'problem' : 'notice'}`}
      data-message={message}
      data-testid="card-message"
    >
      {t(`card.message.${message}`)}
    </p>
  );
}
