import type { Language, ReceiptDocument } from '../../../contracts/index.ts';
import { receiptHeading } from './receipt-heading.ts';
import { receiptTranslator } from './receipt-strings.ts';

export interface SessionReceiptFacts {
  bankName: string;
  kioskId: string;
  sessionId: string;
  language: Language;
  printedAt: Date;
}

/**
 * The receipt printed when a customer ends a session. It names the session (first 8 characters
 * of its id, enough for support to find it) and never carries personal data.
 */
export function sessionReceipt(facts: SessionReceiptFacts): ReceiptDocument {
  const t = receiptTranslator(facts.language);
  return {
    language: facts.language,
    cut: true,
    lines: [
      ...receiptHeading({ ...facts, at: facts.printedAt }),
      { kind: 'text', text: t('session', { session: facts.sessionId.slice(0, 8) }) },
      { kind: 'text', text: t('language') },
      { kind: 'text', text: t('operations') },
      { kind: 'rule' },
      { kind: 'text', text: t('thanks'), align: 'center', bold: true },
      { kind: 'text', text: t('keep'), align: 'center' },
      { kind: 'feed', lines: 2 },
    ],
  };
}
