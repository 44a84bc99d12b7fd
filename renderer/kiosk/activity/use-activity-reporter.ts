import { useEffect } from 'react';
import { useSendEvent } from '../bridge/bridge-context.ts';
import { createActivityThrottle } from './activity-throttle.ts';

export const ACTIVITY_INTERVAL_MS = 2_000;

/** Any touch or key press tells the runtime the customer is still there (throttled). */
export function useActivityReporter() {
  const send = useSendEvent();
  useEffect(() => {
    const shouldReport = createActivityThrottle(ACTIVITY_INTERVAL_MS);
    const report = () => {
      if (shouldReport()) send({ type: 'ACTIVITY' });
    };
    // Capture phase: a control that stops propagation still counts as activity.
    const options = { capture: true, passive: true } as const;
    document.addEventListener('pointerdown', report, options);
    document.addEventListener('keydown', report, options);
    return () => {
      document.removeEventListener('pointerdown', report, options);
      document.removeEventListener('keydown', report, options);
    };
  }, [send]);
}
