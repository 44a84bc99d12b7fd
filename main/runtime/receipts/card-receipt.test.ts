import { describe, expect, it } from 'vitest';
import { ReceiptDocument } from '../../../contracts/index.ts';
import { cardReceipt } from './card-receipt.ts';

const facts = {
  bankName: 'Banco',
  kioskId: 'k1',
  issuedAt: new Date('2026-11-27T10:00:00Z'),
  panLast4: '7899',
  expiry: '11/29',
  orderRef: 'ord-7f3a9c21-long-reference',
};

const textOf = (doc: ReceiptDocument) => doc.lines.map((l) => ('text' in l ? l.text : '')).join('\n');

describe('card receipt', () => {
  it('names the card by its last four digits, its expiry and the order, in each language', () => {
    const activate = { en: 'app', es: 'app', zh: '激活' };
    for (const language of ['es', 'en', 'zh'] as const) {
      const doc = cardReceipt({ ...facts, language });
      expect(() => ReceiptDocument.parse(doc)).not.toThrow();
      const text = textOf(doc);
      expect(text).toContain('**** 7899');
      expect(text).toContain('11/29');
      expect(text).toContain('ord-7f3a');
      expect(text).not.toContain('ord-7f3a9c21-long');
      expect(text).toContain(activate[language]);
      expect(text).toContain('k1');
    }
    expect(textOf(cardReceipt({ ...facts, language: 'en' }))).toContain('DEBIT CARD ISSUED');
    expect(textOf(cardReceipt({ ...facts, language: 'es' }))).toContain('TARJETA DE DÉBITO');
  });

  it('leaves the expiry out when it is not known', () => {
    const text = textOf(cardReceipt({ ...facts, language: 'en', expiry: null }));
    expect(text).not.toContain('Valid thru');
    expect(text).toContain('**** 7899');
  });
});
