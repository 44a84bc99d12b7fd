import { useTranslation } from 'react-i18next';
import type { CallErrorCode } from '../../../contracts/teller.ts';

/** A refusal from the backend (CallAck error), said plainly until dismissed or replaced. */
export function AckNotice({ code, onDismiss }: { code: CallErrorCode; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="notice notice--error" data-testid="ack-error" data-code={code}>
      <span>{t(`ack.${code}`)}</span>
      <button type="button" onClick={onDismiss}>
        {t('ack.dismiss')}
      </button>
    </div>
  );
}
