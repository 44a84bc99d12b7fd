import type { CardIssuingMessage, CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { useSendEvent } from '../../bridge/bridge-context.ts';
import { HelpOptions } from '../../components/help-options.tsx';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';
import { CardFrame } from './card-frame.tsx';
import { CardMessageLine } from './card-message-line.tsx';
import { FinishButton } from './finish-button.tsx';

/** Endings where a physical card existed and the machine kept it: it is destroyed, its number void. */
const CARD_DESTROYED: readonly CardIssuingMessage[] = ['cardSpoiled', 'cardRetained', 'interrupted'];

/** Every message that can explain a failure (all but the notice that a retry is under way). */
const FAILURE_MESSAGES: readonly CardIssuingMessage[] = [
  'orderNotFound',
  'noOrderForDocument',
  'orderNotOpen',
  'orderInProgress',
  'orderExpired',
  'declined',
  'offline',
  'printerUnavailable',
  'cardSpoiled',
  'cardRetained',
  'interrupted',
  'tellerRejected',
  'tellerUnavailable',
];

/**
 * Ended without a card: an apology and the reason, what became of any card that was made (so the
 * customer need not worry someone else could use it), the card by mail where the order allows it,
 * and where to get help.
 */
export function FailedStep({ card }: { card: CardIssuingView }) {
  const send = useSendEvent();
  const t = useKioskT();
  const { message } = card;
  const explained = message !== null && FAILURE_MESSAGES.includes(message);
  return (
    <CardFrame step="failed" heading={t('card.failed.title')}>
      <div className="card-failed">
        <div className="card-failed__what">
          {explained ? (
            <CardMessageLine message={message} shown={FAILURE_MESSAGES} />
          ) : (
            <p className="screen__message">{t('card.failed.generic')}</p>
          )}
          {message !== null && CARD_DESTROYED.includes(message) && (
            <p className="screen__message card-destroyed" data-card-destroyed="true">
              {t('card.failed.destroyed')}
            </p>
          )}
          {/* Offered only while the flow would take it: after a card failed, once. */}
          {card.canRequestMail && (
            <div className="card-mail-offer">
              <p className="screen__message card-offer">{t('card.failed.mailOffer')}</p>
              <TouchButton
                className="card-main-action"
                data-testid="card-request-mail"
                onClick={() => send({ type: 'CARD_REQUEST_MAIL' })}
              >
                {t('card.failed.mail')}
              </TouchButton>
            </div>
          )}
        </div>
        <HelpOptions
          titleKey="card.failed.helpTitle"
          tellerKey="card.failed.teller"
          otherKeys={['card.failed.staff', 'card.failed.app']}
          tellerTestId="card-call-teller"
        />
      </div>
      <FinishButton />
    </CardFrame>
  );
}
