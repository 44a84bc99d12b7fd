import type { Language, ReceiptDocument, ReceiptLine } from '../../../contracts/index.ts';
import { receiptHeading } from './receipt-heading.ts';
import { receiptTranslator } from './receipt-strings.ts';

export interface CardReceiptFacts {
  bankName: string;
  kioskId: string;
  language: Language;
  issuedAt: Date;
  /** The last four digits: all of the card number the receipt carries. */
  panLast4: string;
  /** `MM/YY`, or null when the runtime no longer knows it (after a restart). */
  expiry: string | null;
  orderRef: string;
}

/**
 * The receipt of a card issued at the kiosk: which card (last four digits, expiry), for which
 * order, and that it must be activated in the app.
 *
 * The number is masked with asterisks, not bullets: the receipt printer's code page 858 has no
 * bullet, and a bullet would come out as `?`.
 */
export function cardReceipt(facts: CardReceiptFacts): ReceiptDocument {
  const t = receiptTranslator(facts.language);
  const expiry: ReceiptLine[] = facts.expiry
    ? [{ kind: 'text', text: t('cardExpiry', { expiry: facts.expiry }) }]
    : [];
  return {
    language: facts.language,
    cut: true,
    lines: [
      ...receiptHeading({ ...facts, at: facts.issuedAt, title: t('cardTitle') }),
      { kind: 'text', text: t('cardNumber', { card: `**** ${facts.panLast4}` }) },
      ...expiry,
      // The order's reference is opaque and long; its start is enough to find it with the bank.
      { kind: 'text', text: t('cardOrder', { reference: facts.orderRef.slice(0, 8) }) },
      { kind: 'rule' },
      { kind: 'text', text: t('cardActivate'), bold: true },
      { kind: 'rule' },
      { kind: 'text', text: t('keep'), align: 'center' },
      { kind: 'feed', lines: 2 },
    ],
  };
}
