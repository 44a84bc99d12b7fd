import type { VideoTellerView } from '../../../contracts/video-teller.ts';
import { useSendEvent } from '../bridge/bridge-context.ts';
import { TouchButton } from '../components/touch-button.tsx';
import { useKioskT } from '../language-context.ts';
import { CallDialog } from './call-dialog.tsx';

/**
 * The call is over, and the customer is told how: ended (with the reason), no teller available,
 * or the callback recorded. OK gives the screen below back.
 */
export function CallClosedStep({ call }: { call: VideoTellerView }) {
  const send = useSendEvent();
  const t = useKioskT();
  let heading: string;
  let message: string;
  let okKey: string;
  let testId = 'call-ended-ok';
  if (call.step === 'callbackRecorded') {
    heading = t('call.callbackRecorded.title');
    message = t('call.callbackRecorded.message');
    okKey = 'call.callbackRecorded.ok';
    testId = 'call-callback-ok';
  } else if (call.step === 'unavailable') {
    heading = t('call.unavailable.title');
    message = t('call.unavailable.message');
    okKey = 'call.unavailable.ok';
  } else {
    heading = t('call.ended.title');
    message = t(`call.ended.reasons.${call.endedReason ?? 'customerEnded'}`);
    okKey = 'call.ended.ok';
  }
  return (
    <CallDialog
      step={call.step}
      heading={heading}
      actions={
        <TouchButton
          className="overlay__button"
          data-testid={testId}
          onClick={() => send({ type: 'CALL_DISMISS' })}
        >
          {t(okKey)}
        </TouchButton>
      }
    >
      <p
        role="status"
        className="overlay__message"
        data-ended-reason={call.step === 'ended' ? (call.endedReason ?? undefined) : undefined}
      >
        {message}
      </p>
    </CallDialog>
  );
}
