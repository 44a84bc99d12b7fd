import type { Language, ReceiptLine } from '../../../contracts/index.ts';
import { RECEIPT_LOCALES, receiptTranslator } from './receipt-strings.ts';

export interface ReceiptHeadingFacts {
  bankName: string;
  kioskId: string;
  language: Language;
  /** When the receipt's business happened, in the customer's locale. */
  at: Date;
  /** The receipt's title line (deposit, card), if it has one. */
  title?: string;
}

/** The top of every receipt: the bank, the kiosk, a rule, the title, the date and time. */
export function receiptHeading(facts: ReceiptHeadingFacts): ReceiptLine[] {
  const t = receiptTranslator(facts.language);
  const date = new Intl.DateTimeFormat(RECEIPT_LOCALES[facts.language], {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(facts.at);
  return [
    { kind: 'text', text: facts.bankName, align: 'center', bold: true, size: 'double' },
    { kind: 'text', text: t('kiosk', { kioskId: facts.kioskId }), align: 'center' },
    { kind: 'rule' },
    ...(facts.title
      ? [{ kind: 'text' as const, text: facts.title, align: 'center' as const, bold: true }]
      : []),
    { kind: 'text', text: t('date', { date }) },
  ];
}
