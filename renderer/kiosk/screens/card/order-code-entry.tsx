import { useId } from 'react';
import type { CardIssuingMessage, CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { useSendEvent } from '../../bridge/bridge-context.ts';
import { TouchButton } from '../../components/touch-button.tsx';
import { useKioskT } from '../../language-context.ts';
import { CardFrame } from './card-frame.tsx';
import { CardMessageLine } from './card-message-line.tsx';
import {
  formatOrderCode,
  isCompleteOrderCode,
  ORDER_CODE_ALPHABET,
  ORDER_CODE_LENGTH,
  typeOrderCodeChar,
} from './order-code.ts';
import { BackAndCancel } from './back-and-cancel.tsx';

/**
 * What can explain why the customer is (back) at the code: a code that did not work, or a
 * document scanned with no card order behind it, which the order code may still find.
 */
const CODE_MESSAGES: readonly CardIssuingMessage[] = [
  'orderNotFound',
  'orderNotOpen',
  'orderInProgress',
  'orderExpired',
  'noOrderForDocument',
];

interface OrderCodeEntryProps {
  card: CardIssuingView;
  /** The characters typed so far; held by the step, so this screen is a function of its props. */
  code: string;
  onCodeChange: (code: string) => void;
}

/**
 * The code entry screen: what was typed, in two groups of four as the app shows it, and a key for
 * each character of the order code alphabet only, so a look-alike cannot even be typed.
 */
export function OrderCodeEntry({ card, code, onCodeChange }: OrderCodeEntryProps) {
  const send = useSendEvent();
  const t = useKioskT();
  const labelId = useId();
  const full = code.length >= ORDER_CODE_LENGTH;

  return (
    <CardFrame step="enterCode" heading={t('card.enterCode.title')}>
      <div className="order-code-layout">
        <div className="order-code-layout__entry">
          <p className="screen__message card-hint">{t('card.enterCode.hint')}</p>
          <CardMessageLine message={card.message} shown={CODE_MESSAGES} />
          {card.message !== null && card.message !== 'noOrderForDocument' && (
            <p className="card-attempts" data-attempts-left={card.codeAttemptsLeft}>
              {t('card.enterCode.attemptsLeft', { count: card.codeAttemptsLeft })}
            </p>
          )}
          <div className="account-entry">
            <span id={labelId} className="account-entry__label">
              {t('card.enterCode.typedLabel')}
            </span>
            <output
              aria-labelledby={labelId}
              className="account-entry__digits order-code"
              data-digits={code.length}
              data-testid="card-code"
            >
              {code ? formatOrderCode(code) : t('card.enterCode.nothingTyped')}
            </output>
          </div>
        </div>
        <fieldset className="keypad order-keypad" aria-labelledby={labelId}>
          {[...ORDER_CODE_ALPHABET].map((char) => (
            <TouchButton
              key={char}
              variant="secondary"
              className="keypad__key order-keypad__key"
              data-key={char}
              data-testid={`card-key-${char}`}
              disabled={full}
              onClick={() => onCodeChange(typeOrderCodeChar(code, char))}
            >
              {char}
            </TouchButton>
          ))}
          <TouchButton
            variant="secondary"
            className="keypad__key keypad__key--delete order-keypad__delete"
            data-testid="card-key-delete"
            disabled={code.length === 0}
            onClick={() => onCodeChange(code.slice(0, -1))}
          >
            {t('card.enterCode.delete')}
          </TouchButton>
          <TouchButton
            className="keypad__key keypad__key--continue order-keypad__continue"
            data-testid="card-code-continue"
            disabled={!isCompleteOrderCode(code)}
            onClick={() => send({ type: 'CARD_ORDER_CODE', code })}
          >
            {t('card.enterCode.continue')}
          </TouchButton>
        </fieldset>
      </div>
      <BackAndCancel back />
    </CardFrame>
  );
}
