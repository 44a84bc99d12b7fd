import { describe, expect, it } from 'vitest';
import { ReceiptDocument } from '../../../contracts/index.ts';
import { sessionReceipt } from './session-receipt.ts';

describe('session receipt', () => {
  const facts = {
    bankName: 'Banco Ventanilla',
    kioskId: 'kiosk-001',
    sessionId: '1a2b3c4d-0000-4000-8000-000000000000',
    printedAt: new Date('2026-11-27T10:15:00Z'),
  };

  it('is a valid receipt document in each language, with the short session id', () => {
    for (const language of ['es', 'en', 'zh'] as const) {
      const doc = sessionReceipt({ ...facts, language });
      expect(() => ReceiptDocument.parse(doc)).not.toThrow();
      const text = doc.lines.map((l) => ('text' in l ? l.text : '')).join('\n');
      expect(text).toContain('1a2b3c4d');
      expect(text).not.toContain(facts.sessionId);
    }
  });

  it('translates its lines', () => {
    const text = (language: 'es' | 'en' | 'zh') =>
      sessionReceipt({ ...facts, language })
        .lines.map((l) => ('text' in l ? l.text : ''))
        .join('\n');
    expect(text('es')).toContain('Gracias por su visita');
    expect(text('en')).toContain('Thank you for your visit');
    expect(text('zh')).toContain('感谢您的光临');
  });
});
