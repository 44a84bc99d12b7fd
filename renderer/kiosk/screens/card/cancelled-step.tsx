import { useKioskT } from '../../language-context.ts';
import { CardFrame } from './card-frame.tsx';
import { FinishButton } from './finish-button.tsx';

/** The customer cancelled before a card was made. */
export function CancelledStep() {
  const t = useKioskT();
  return (
    <CardFrame step="cancelled" heading={t('card.cancelled.title')}>
      <p className="screen__message">{t('card.cancelled.message')}</p>
      <FinishButton />
    </CardFrame>
  );
}
