import { useKioskT } from '../language-context.ts';
import { CallDialog } from './call-dialog.tsx';

/** A moment the customer only waits through (asking for a teller, sending the callback). */
export function CallWaitStep({ step, headingKey }: { step: string; headingKey: string }) {
  const t = useKioskT();
  return (
    <CallDialog step={step} heading={t(headingKey)}>
      <div className="spinner" aria-hidden="true" />
    </CallDialog>
  );
}
