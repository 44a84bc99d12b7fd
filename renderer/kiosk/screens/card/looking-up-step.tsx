import { useSendEvent } from '../../bridge/bridge-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';
import { CardProgressStep } from './card-progress-step.tsx';

/** The bank is asked for the order behind the code; only a read, so the customer may still cancel. */
export function LookingUpStep() {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <CardProgressStep
      step="lookingUp"
      heading={t('card.lookingUp.title')}
      message={t('card.lookingUp.message')}
      footer={
        <TouchButton
          variant="secondary"
          data-testid="card-cancel"
          onClick={() => send({ type: 'CARD_CANCEL' })}
        >
          {t('card.cancel')}
        </TouchButton>
      }
    />
  );
}
