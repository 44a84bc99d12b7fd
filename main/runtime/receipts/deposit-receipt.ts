import type { CashDeposit, Language, ReceiptDocument, ReceiptLine } from '../../../contracts/index.ts';
import { receiptHeading } from './receipt-heading.ts';
import { RECEIPT_LOCALES, receiptTranslator } from './receipt-strings.ts';

export interface DepositReceiptFacts {
  bankName: string;
  kioskId: string;
  language: Language;
  deposit: CashDeposit;
  /** Last four digits of the account, already masked (`**** 1234`). */
  accountMasked: string;
}

/**
 * The receipt of a cash deposit: counts per denomination, total, and the deposit's reference.
 * The account appears masked; the full number never leaves the runtime on paper.
 */
export function depositReceipt(facts: DepositReceiptFacts): ReceiptDocument {
  const t = receiptTranslator(facts.language);
  const locale = RECEIPT_LOCALES[facts.language];
  const money = (minor: number) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: facts.deposit.currency }).format(
      minor / 100,
    );
  const countLines = (counts: Record<string, number>): ReceiptLine[] =>
    Object.entries(counts)
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => Number(b) - Number(a))
      .map(([value, count]) => ({
        kind: 'text',
        text: t('depositLine', { count, value: money(Number(value)) }),
      }));
  const notes = countLines(facts.deposit.notes);
  const coins = countLines(facts.deposit.coins);
  const ending: ReceiptLine[] = [];
  if (facts.deposit.capturedOffline) ending.push({ kind: 'text', text: t('depositOffline') });
  if (facts.deposit.ending === 'interrupted') ending.push({ kind: 'text', text: t('depositInterrupted') });
  if (facts.deposit.ending === 'cancelled') ending.push({ kind: 'text', text: t('depositCancelled') });
  return {
    language: facts.language,
    cut: true,
    lines: [
      ...receiptHeading({ ...facts, at: new Date(facts.deposit.completedAt), title: t('depositTitle') }),
      { kind: 'text', text: t('depositAccount', { account: facts.accountMasked }) },
      { kind: 'text', text: t('depositReference', { reference: facts.deposit.depositId.slice(0, 8) }) },
      { kind: 'rule' },
      ...(notes.length > 0
        ? [{ kind: 'text', text: t('depositNotes'), bold: true } as ReceiptLine, ...notes]
        : []),
      ...(coins.length > 0
        ? [{ kind: 'text', text: t('depositCoins'), bold: true } as ReceiptLine, ...coins]
        : []),
      { kind: 'rule' },
      {
        kind: 'text',
        text: t('depositTotal', { total: money(facts.deposit.total) }),
        bold: true,
        size: 'double',
      },
      ...ending,
      { kind: 'rule' },
      { kind: 'text', text: t('keep'), align: 'center' },
      { kind: 'feed', lines: 2 },
    ],
  };
}
