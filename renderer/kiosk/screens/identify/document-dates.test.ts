import { describe, expect, it } from 'vitest';
import { formatDocumentDate } from './document-dates.ts';

describe('document dates', () => {
  it('writes the date as each language does, month in words', () => {
    expect(formatDocumentDate('1985-03-15', 'es')).toBe('15 de marzo de 1985');
    expect(formatDocumentDate('1985-03-15', 'en')).toMatch(/^(March 15, 1985|15 March 1985)$/);
    expect(formatDocumentDate('1985-03-15', 'zh-Hans')).toBe('1985年3月15日');
  });

  it('keeps the day whatever the time zone: the first and last days of a year', () => {
    expect(formatDocumentDate('2031-01-01', 'es')).toBe('1 de enero de 2031');
    expect(formatDocumentDate('1990-12-31', 'es')).toBe('31 de diciembre de 1990');
  });

  it('shows anything that is not an ISO date as it came', () => {
    expect(formatDocumentDate('850315', 'en')).toBe('850315');
  });
});
