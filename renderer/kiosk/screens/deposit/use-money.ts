import { useCallback, useContext } from 'react';
import type { Currency } from '../../../../contracts/devices/cash.ts';
import { HTML_LANG } from '../../../i18n/kiosk-i18n.ts';
import { LanguageContext } from '../../language-context.ts';
import { formatMoney } from './money-format.ts';

/** Formats minor units in the view's currency and the customer's language. */
export function useMoney(currency: Currency): (minor: number) => string {
  const language = useContext(LanguageContext);
  return useCallback(
    (minor: number) => formatMoney(minor, currency, HTML_LANG[language]),
    [currency, language],
  );
}
