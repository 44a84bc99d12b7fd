import type { KioskView } from '../../../contracts/session-view.ts';
import { useSendEvent } from '../bridge/bridge-context.ts';
import { ScreenFrame } from '../components/screen-frame.tsx';
import { TouchButton } from '../components/touch-button.tsx';
import { useKioskT } from '../language-context.ts';
import { CardScreen } from './card/card-screen.tsx';

interface FlowScreenProps {
  flow: KioskView['flow'];
  /** The card issuing view, when the runtime publishes one for the card issuing flow. */
  card?: KioskView['card'];
}

/** A flow's own screens when it has them; any other flow generically, with a way back. */
export function FlowScreen({ flow, card = null }: FlowScreenProps) {
  if (flow?.id === 'cardIssuing' && card) return <CardScreen card={card} />;
  return <GenericFlowScreen flow={flow} />;
}

/** Any flow, generically: its name and current step, and a way back. */
function GenericFlowScreen({ flow }: { flow: KioskView['flow'] }) {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <ScreenFrame name="flow" heading={flow ? t(`flows.${flow.id}`) : ''}>
      {flow && (
        <p className="screen__message" data-step={flow.step}>
          {t('flow.step', { step: flow.step })}
        </p>
      )}
      <div className="screen__footer">
        <TouchButton variant="secondary" onClick={() => send({ type: 'BACK' })}>
          {t('flow.back')}
        </TouchButton>
      </div>
    </ScreenFrame>
  );
}
