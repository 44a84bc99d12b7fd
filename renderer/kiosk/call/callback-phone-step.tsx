import { useState } from 'react';
import { useSendEvent } from '../bridge/bridge-context.ts';
import { TouchButton } from '../components/touch-button.tsx';
import { useKioskT } from '../language-context.ts';
import { CallDialog } from './call-dialog.tsx';
import { PhoneKeypad } from './phone-keypad.tsx';

/**
 * Typing the number to be called back on. The digits stay in this component until Send; Back
 * returns to the queue the customer is still in.
 */
export function CallbackPhoneStep() {
  const send = useSendEvent();
  const t = useKioskT();
  const [digits, setDigits] = useState('');
  return (
    <CallDialog
      step="callbackPhone"
      heading={t('call.callbackPhone.title')}
      actions={
        <TouchButton
          variant="secondary"
          className="overlay__button"
          data-testid="call-phone-back"
          onClick={() => send({ type: 'CALL_KEEP_WAITING' })}
        >
          {t('call.callbackPhone.back')}
        </TouchButton>
      }
    >
      <PhoneKeypad digits={digits} onDigitsChange={setDigits} />
    </CallDialog>
  );
}
