import { useKioskT } from '../../language-context.ts';
import { CardFrame } from './card-frame.tsx';
import { FinishButton } from './finish-button.tsx';

/** The card goes by mail: where to, and what to do when it arrives. */
export function MailRequestedStep() {
  const t = useKioskT();
  return (
    <CardFrame step="mailRequested" heading={t('card.mailRequested.title')}>
      <p className="screen__message">{t('card.mailRequested.message')}</p>
      <p className="screen__message">{t('card.mailRequested.activate')}</p>
      <FinishButton />
    </CardFrame>
  );
}
