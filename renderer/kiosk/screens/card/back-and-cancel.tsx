import { useSendEvent } from '../../bridge/bridge-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';

/** "Back" (where the flow has a step to go back to) and "Cancel": the same pair on every step. */
export function BackButton() {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <TouchButton variant="secondary" data-testid="card-back" onClick={() => send({ type: 'CARD_BACK' })}>
      {t('card.back')}
    </TouchButton>
  );
}

export function CancelButton() {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <TouchButton variant="secondary" data-testid="card-cancel" onClick={() => send({ type: 'CARD_CANCEL' })}>
      {t('card.cancel')}
    </TouchButton>
  );
}

/** The footer of a step the customer can leave: Back when `back`, and Cancel. */
export function BackAndCancel({ back = false }: { back?: boolean }) {
  return (
    <div className="screen__footer">
      {back && <BackButton />}
      <CancelButton />
    </div>
  );
}
