import { useId, useState } from 'react';
import type { DepositView } from '../../../../contracts/cash-deposit.ts';
import { useSendEvent } from '../../bridge/bridge-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';
import { DepositFrame } from './deposit-frame.tsx';
import { DepositMessageLine } from './deposit-message-line.tsx';
import { ACCOUNT_NUMBER, MAX_ACCOUNT_DIGITS, maskTypedNumber } from './mask-typed-number.ts';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * The account number on a keypad. The digits stay in this component until Continue: the view
 * never carries them, and the screen shows only the last four.
 */
export function AccountStep({ deposit }: { deposit: DepositView }) {
  const send = useSendEvent();
  const t = useKioskT();
  const labelId = useId();
  const [digits, setDigits] = useState('');
  const full = digits.length >= MAX_ACCOUNT_DIGITS;
  const type = (digit: string) =>
    setDigits((typed) => (typed.length < MAX_ACCOUNT_DIGITS ? typed + digit : typed));

  return (
    <DepositFrame step="account" heading={t('deposit.account.title')}>
      <div className="account-layout">
        <div className="account-layout__entry">
          <p className="screen__message">{t('deposit.account.hint')}</p>
          <DepositMessageLine
            message={deposit.message}
            step="account"
            shown={['accountNotFound', 'holderRejected']}
          />
          <div className="account-entry">
            <span id={labelId} className="account-entry__label">
              {t('deposit.account.typedLabel')}
            </span>
            <output aria-labelledby={labelId} className="account-entry__digits" data-digits={digits.length}>
              {digits ? maskTypedNumber(digits) : t('deposit.account.nothingTyped')}
            </output>
          </div>
        </div>
        <fieldset className="keypad" aria-labelledby={labelId}>
          {DIGITS.map((digit) => (
            <TouchButton
              key={digit}
              variant="secondary"
              className="keypad__key"
              disabled={full}
              onClick={() => type(digit)}
            >
              {digit}
            </TouchButton>
          ))}
          <TouchButton
            variant="secondary"
            className="keypad__key keypad__key--delete"
            disabled={digits.length === 0}
            onClick={() => setDigits((typed) => typed.slice(0, -1))}
          >
            {t('deposit.account.delete')}
          </TouchButton>
          <TouchButton variant="secondary" className="keypad__key" disabled={full} onClick={() => type('0')}>
            {'0'}
          </TouchButton>
          <TouchButton
            className="keypad__key keypad__key--continue"
            disabled={!ACCOUNT_NUMBER.test(digits)}
            onClick={() => send({ type: 'DEPOSIT_ACCOUNT', accountNumber: digits })}
          >
            {t('deposit.account.continue')}
          </TouchButton>
        </fieldset>
      </div>
      <div className="screen__footer">
        <TouchButton variant="secondary" onClick={() => send({ type: 'DEPOSIT_CANCEL' })}>
          {t('deposit.cancel')}
        </TouchButton>
      </div>
    </DepositFrame>
  );
}
