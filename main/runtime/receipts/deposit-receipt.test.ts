import { describe, expect, it } from 'vitest';
import { ReceiptDocument } from '../../../contracts/index.ts';
import { depositReceipt } from './deposit-receipt.ts';

const deposit = {
  depositId: '0d6f6a4e-1111-4222-8333-444455556666',
  currency: 'EUR' as const,
  accountRef: 'ref-000001',
  accountNumber: null,
  notes: { '2000': 2, '500': 1 },
  coins: { '100': 3 },
  total: 4800,
  capturedOffline: false,
  ending: 'completed' as const,
  completedAt: '2026-11-27T10:00:00Z',
};

describe('deposit receipt', () => {
  it('lists the counts, the total and the reference, with the account masked, in each language', () => {
    for (const language of ['es', 'en', 'zh'] as const) {
      const doc = depositReceipt({
        bankName: 'Banco',
        kioskId: 'k1',
        language,
        deposit,
        accountMasked: '**** 1234',
      });
      expect(() => ReceiptDocument.parse(doc)).not.toThrow();
      const text = doc.lines.map((l) => ('text' in l ? l.text : '')).join('\n');
      expect(text).toContain('0d6f6a4e');
      expect(text).toContain('1234');
      expect(text).toMatch(/48[,.]00/);
      expect(text).toMatch(/2 x .*20[,.]00/);
    }
  });

  it('says plainly when the deposit was captured offline or cancelled with cash kept', () => {
    const doc = depositReceipt({
      bankName: 'Banco',
      kioskId: 'k1',
      language: 'en',
      deposit: { ...deposit, capturedOffline: true, ending: 'cancelled' },
      accountMasked: '**** 1234',
    });
    const text = doc.lines.map((l) => ('text' in l ? l.text : '')).join('\n');
    expect(text).toContain('credited when the kiosk reconnects');
    expect(text).toContain('notes already accepted are credited');
  });
});
