import { useSendEvent } from '../../bridge/bridge-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';

/**
 * Leaves a last screen (done, by mail, failed, cancelled) before it times out by itself: a
 * customer in a hurry should not have to wait for it. The flow takes a cancel there as "finish".
 */
export function FinishButton() {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <div className="screen__footer">
      <TouchButton
        variant="secondary"
        data-testid="card-finish"
        onClick={() => send({ type: 'CARD_CANCEL' })}
      >
        {t('card.finish')}
      </TouchButton>
    </div>
  );
}
