import type { CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { useKioskT } from '../../language-context.ts';
import { useSecondsLeft } from '../../overlays/use-seconds-left.ts';
import { CardFrame } from './card-frame.tsx';

/**
 * The card is at the exit: take it now. The countdown says what happens if it stays there (the
 * machine takes it back and destroys it), and the arrow points the hand to the slot.
 */
export function PresentingStep({ card }: { card: CardIssuingView }) {
  const t = useKioskT();
  return (
    <CardFrame step="presenting" heading={t('card.presenting.title')}>
      <p className="screen__message card-present-message">{t('card.presenting.message')}</p>
      {card.takeDeadline !== null && <TakeCountdown key={card.takeDeadline} deadline={card.takeDeadline} />}
      <SlotPointer />
    </CardFrame>
  );
}

function TakeCountdown({ deadline }: { deadline: number }) {
  const t = useKioskT();
  const seconds = useSecondsLeft(deadline);
  return (
    <p className="card-countdown" data-seconds-left={seconds} data-testid="card-take-countdown">
      <span className="card-countdown__seconds" aria-hidden="true">
        {seconds}
      </span>
      <span className="card-countdown__text">{t('card.presenting.countdown', { count: seconds })}</span>
    </p>
  );
}

/**
 * An arrow towards the card slot. The cabinet has the card exit below the screen, so the arrow
 * points down; `.card-slot-pointer` in kiosk.css is the one place to turn it for another cabinet.
 */
function SlotPointer() {
  const t = useKioskT();
  return (
    <div className="card-slot-pointer" data-testid="card-slot-pointer">
      <span className="card-slot-pointer__label">{t('card.presenting.slot')}</span>
      <span className="card-slot-pointer__arrow" aria-hidden="true" />
    </div>
  );
}
