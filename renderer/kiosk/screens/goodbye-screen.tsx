import type { KioskView } from '../../../contracts/session-view.ts';
import { ScreenFrame } from '../components/screen-frame.tsx';
import { useKioskT } from '../language-context.ts';

/** End of a session: thanks, and what happened to the receipt. */
export function GoodbyeScreen({ goodbye }: { goodbye: KioskView['goodbye'] }) {
  const t = useKioskT();
  return (
    <ScreenFrame name="goodbye" heading={t('goodbye.title')}>
      {goodbye && (
        // A status region, so a screen reader announces the change from printing to printed.
        <p role="status" className="screen__message receipt-outcome" data-receipt={goodbye.receipt}>
          {t(`goodbye.receipt.${goodbye.receipt}`)}
        </p>
      )}
    </ScreenFrame>
  );
}
