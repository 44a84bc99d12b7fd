import { useId } from 'react';
import { useSendEvent } from '../bridge/bridge-context.ts';
import { TouchButton } from '../components/touch-button.tsx';
import { useKioskT } from '../language-context.ts';
import { isCompletePhone, PHONE_MAX_DIGITS, typePhoneDigit } from './phone-number.ts';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

interface PhoneKeypadProps {
  /** The digits typed so far; held by the step, so this is a function of its props. */
  digits: string;
  onDigitsChange: (digits: string) => void;
}

/**
 * The callback number on an on-screen keypad. The number is shown only here, where the customer
 * checks it, and leaves the page only inside the callback event: never in an attribute or a log.
 */
export function PhoneKeypad({ digits, onDigitsChange }: PhoneKeypadProps) {
  const send = useSendEvent();
  const t = useKioskT();
  const labelId = useId();
  const full = digits.length >= PHONE_MAX_DIGITS;
  const key = (digit: string) => (
    <TouchButton
      key={digit}
      variant="secondary"
      className="keypad__key"
      data-testid={`call-phone-key-${digit}`}
      disabled={full}
      onClick={() => onDigitsChange(typePhoneDigit(digits, digit))}
    >
      {digit}
    </TouchButton>
  );
  return (
    <div className="account-layout call-phone">
      <div className="account-layout__entry">
        <p className="overlay__message">{t('call.callbackPhone.hint')}</p>
        <div className="account-entry">
          <span id={labelId} className="account-entry__label">
            {t('call.callbackPhone.typedLabel')}
          </span>
          <output aria-labelledby={labelId} className="account-entry__digits" data-digits={digits.length}>
            {digits || t('call.callbackPhone.nothingTyped')}
          </output>
        </div>
      </div>
      <fieldset className="keypad" aria-labelledby={labelId}>
        {DIGITS.map(key)}
        <TouchButton
          variant="secondary"
          className="keypad__key keypad__key--delete"
          data-testid="call-phone-delete"
          disabled={digits.length === 0}
          onClick={() => onDigitsChange(digits.slice(0, -1))}
        >
          {t('call.callbackPhone.delete')}
        </TouchButton>
        {key('0')}
        <TouchButton
          className="keypad__key keypad__key--continue"
          data-testid="call-phone-send"
          disabled={!isCompletePhone(digits)}
          onClick={() => send({ type: 'CALL_CALLBACK_PHONE', phone: digits })}
        >
          {t('call.callbackPhone.send')}
        </TouchButton>
      </fieldset>
    </div>
  );
}
