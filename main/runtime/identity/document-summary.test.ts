import { describe, expect, it } from 'vitest';
import { birthDateIso, documentExpired, documentKind, expiryDateIso } from './document-summary.ts';

const at = (iso: string) => new Date(`${iso}T12:00:00`).getTime();

describe('document summary', () => {
  it('puts a birth year that would be in the future in the 1900s', () => {
    const now = at('2025-06-01');
    expect(birthDateIso('850315', now)).toBe('1985-03-15');
    expect(birthDateIso('010101', now)).toBe('2001-01-01');
    expect(birthDateIso('250531', now)).toBe('2025-05-31');
    // Later this year is the future: a person born in 1925.
    expect(birthDateIso('251201', now)).toBe('1925-12-01');
    expect(birthDateIso('260101', now)).toBe('1926-01-01');
  });

  it('puts every expiry date in the 2000s', () => {
    expect(expiryDateIso('330921')).toBe('2033-09-21');
    expect(expiryDateIso('990101')).toBe('2099-01-01');
  });

  it('counts a document valid on its expiry day and expired the day after', () => {
    const doc = { expiryDate: '250601' } as Parameters<typeof documentExpired>[0];
    expect(documentExpired(doc, at('2025-06-01'))).toBe(false);
    expect(documentExpired(doc, at('2025-06-02'))).toBe(true);
  });

  it('tells passports from identity cards by the document code', () => {
    expect(documentKind('P')).toBe('passport');
    expect(documentKind('PO')).toBe('passport');
    expect(documentKind('I')).toBe('idCard');
    expect(documentKind('ID')).toBe('idCard');
    expect(documentKind('AC')).toBe('idCard');
    expect(documentKind('C')).toBe('idCard');
    expect(documentKind('V')).toBe('other');
  });
});
