import { useEffect, useId, useRef } from 'react';
import { useSendEvent } from '../bridge/bridge-context.ts';
import { TouchButton } from '../components/touch-button.tsx';
import { useKioskT } from '../language-context.ts';
import { useSecondsLeft } from './use-seconds-left.ts';

/** "Do you need more time?" over the current screen, counting down to the runtime's deadline. */
export function TimeoutPrompt({ deadline }: { deadline: number }) {
  const send = useSendEvent();
  const t = useKioskT();
  const headingId = useId();
  const seconds = useSecondsLeft(deadline);
  const moreTimeRef = useRef<HTMLButtonElement>(null);

  // The screen behind is inert, so focus must move into the dialog.
  useEffect(() => moreTimeRef.current?.focus(), []);

  return (
    <div className="overlay">
      <div className="overlay__panel" role="dialog" aria-modal="true" aria-labelledby={headingId}>
        <h2 id={headingId} className="overlay__heading">
          {t('timeout.title')}
        </h2>
        <p className="overlay__countdown" data-seconds-left={seconds}>
          {t('timeout.countdown', { count: seconds })}
        </p>
        <div className="overlay__actions">
          <TouchButton
            ref={moreTimeRef}
            className="overlay__button"
            onClick={() => send({ type: 'MORE_TIME' })}
          >
            {t('timeout.moreTime')}
          </TouchButton>
          <TouchButton
            variant="secondary"
            className="overlay__button"
            onClick={() => send({ type: 'END_SESSION' })}
          >
            {t('timeout.finish')}
          </TouchButton>
        </div>
      </div>
    </div>
  );
}
