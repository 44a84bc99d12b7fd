import { useId } from 'react';
import type { CardIssuingView, IdentifyMethod } from '../../../../contracts/card-issuing.ts';
import { useSendEvent } from '../../bridge/bridge-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';
import { CardFrame } from './card-frame.tsx';
import { BackAndCancel } from './back-and-cancel.tsx';

/** The ways to find the customer's card order; one this kiosk cannot do yet is shown, and says so. */
export function ChooseMethodStep({ card }: { card: CardIssuingView }) {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <CardFrame step="chooseMethod" heading={t('card.chooseMethod.title')}>
      <ul className="choice-list card-methods">
        {card.methods.map(({ method, available }) => (
          <li key={method}>
            <MethodButton
              method={method}
              available={available}
              onChoose={() => send({ type: 'CARD_CHOOSE_METHOD', method })}
            />
          </li>
        ))}
      </ul>
      <BackAndCancel />
    </CardFrame>
  );
}

interface MethodButtonProps {
  method: IdentifyMethod;
  available: boolean;
  onChoose: () => void;
}

function MethodButton({ method, available, onChoose }: MethodButtonProps) {
  const t = useKioskT();
  const labelId = useId();
  const detailId = useId();
  const reasonId = useId();
  // aria-disabled (not disabled) keeps the way focusable and announced with its reason.
  return (
    <TouchButton
      className="card-method"
      data-method={method}
      data-available={String(available)}
      data-testid={`card-method-${method}`}
      aria-disabled={available ? undefined : 'true'}
      aria-labelledby={labelId}
      aria-describedby={available ? detailId : `${detailId} ${reasonId}`}
      onClick={available ? onChoose : undefined}
    >
      <span id={labelId} className="card-method__label">
        {t(`card.chooseMethod.methods.${method}.label`)}
      </span>
      <span id={detailId} className="card-method__detail">
        {t(`card.chooseMethod.methods.${method}.detail`)}
      </span>
      {!available && (
        <span id={reasonId} className="card-method__reason">
          {t('card.unavailable')}
        </span>
      )}
    </TouchButton>
  );
}
