import type { ReactNode } from 'react';
import { useSendEvent } from '../../bridge/bridge-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';

/** Back to the ways of identifying; after a failure it reads "Choose another way". */
export function IdentifyBackButton({ label }: { label?: string }) {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <TouchButton
      variant="secondary"
      data-testid="identify-back"
      onClick={() => send({ type: 'IDENTIFY_BACK' })}
    >
      {label ?? t('identify.back')}
    </TouchButton>
  );
}

/** "Scan again": the main action after a failed read, a secondary one when the data is wrong. */
export function IdentifyRescanButton({ label, main = true }: { label?: string; main?: boolean }) {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <TouchButton
      variant={main ? 'primary' : 'secondary'}
      className={main ? 'card-main-action identify-main-action' : 'identify-second-action'}
      data-testid="identify-rescan"
      onClick={() => send({ type: 'IDENTIFY_RESCAN' })}
    >
      {label ?? t('identify.scanAgain')}
    </TouchButton>
  );
}

/** The footer of a step the customer can leave: Back, and the flow's Cancel when it offers one. */
export function IdentifyFooter({ back, cancel }: { back?: ReactNode; cancel?: ReactNode }) {
  return (
    <div className="screen__footer">
      {back ?? <IdentifyBackButton />}
      {cancel}
    </div>
  );
}
