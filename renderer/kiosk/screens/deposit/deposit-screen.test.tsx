import { describe, expect, it } from 'vitest';
import type { DepositStep, DepositView } from '../../../../contracts/cash-deposit.ts';
import type { Language } from '../../../../contracts/language.ts';
import { withProviders } from '../../test-support/static-render.tsx';
import { DepositScreen } from './deposit-screen.tsx';

const counted: DepositView = {
  step: 'inserting',
  currency: 'EUR',
  accountMasked: '•••• 5678',
  holderNameMasked: 'A*** E*****',
  escrowValue: null,
  notes: { '2000': 2 },
  coins: { '200': 1 },
  total: 4_200,
  offline: false,
  offlineLimit: null,
  message: null,
  receipt: null,
  ending: null,
};

const VIEWS: Record<DepositStep, DepositView> = {
  account: { ...counted, step: 'account', accountMasked: null, notes: {}, coins: {}, total: 0 },
  verifying: { ...counted, step: 'verifying', notes: {}, coins: {}, total: 0 },
  confirmHolder: { ...counted, step: 'confirmHolder', notes: {}, coins: {}, total: 0 },
  inserting: { ...counted, offline: true, offlineLimit: 30_000, message: 'limitReached' },
  escrow: { ...counted, step: 'escrow', escrowValue: 5_000 },
  routing: { ...counted, step: 'routing', escrowValue: 5_000 },
  confirming: { ...counted, step: 'confirming' },
  completing: { ...counted, step: 'completing', receipt: 'printing' },
  done: { ...counted, step: 'done', receipt: 'printed', message: 'noteReturned' },
  cancelled: { ...counted, step: 'cancelled', accountMasked: null, notes: {}, coins: {}, total: 0 },
  interrupted: { ...counted, step: 'interrupted', message: 'jam', receipt: 'unavailable' },
};

/** The static markup of one step: attributes and text are enough to check, no DOM needed. */
function render(deposit: DepositView, language: Language): string {
  return withProviders(language, <DepositScreen deposit={deposit} />);
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ');

describe('deposit screens', () => {
  for (const language of ['es', 'en', 'zh'] as const) {
    it.each(Object.entries(VIEWS))(
      `%s in ${language}: a main named by its heading, every string translated`,
      (step, view) => {
        const html = render(view, language);
        const main = html.match(/^<main [^>]*aria-labelledby="([^"]+)"[^>]*data-deposit-step="([^"]+)"/);
        expect(main?.[2]).toBe(step);
        expect(html).toContain(`<h1 id="${main?.[1]}"`);
        // i18next answers a missing key with the key itself.
        expect(text(html)).not.toMatch(/deposit\.\w+/);
        expect(text(html)).not.toContain('{{');
      },
    );
  }

  it('shows the total with data-total where cash is counted', () => {
    for (const step of ['inserting', 'escrow', 'confirming'] as const)
      expect(render(VIEWS[step], 'en'), step).toContain('data-total="4200"');
  });

  it('formats money in the language: notes, coins, total and the escrowed note', () => {
    const es = text(render(VIEWS.escrow, 'es')).replace(/\s+/g, ' ');
    expect(es).toContain('Billete de 50,00 €');
    const en = text(render(VIEWS.confirming, 'en'));
    expect(en).toContain('2 × €20.00');
    expect(en).toContain('1 × €2.00');
    expect(en).toContain('Deposit €42.00');
  });

  it('says before a cancel that counted cash is still credited, and after a fault that it is', () => {
    expect(text(render(VIEWS.inserting, 'en'))).toContain('if you cancel, €42.00 is still credited');
    expect(text(render(VIEWS.interrupted, 'en'))).toContain('€42.00 counted before the problem is credited');
  });

  it('says on the last screen whether the recorded deposit was completed or cancelled', () => {
    const completed = render({ ...VIEWS.done, ending: 'completed' }, 'en');
    const cancelled = render({ ...VIEWS.done, ending: 'cancelled' }, 'en');
    expect(completed).toContain('Deposit recorded');
    expect(cancelled).toContain('Deposit cancelled: the cash already counted is recorded');
    expect(render({ ...VIEWS.done, ending: 'cancelled' }, 'zh')).toContain('存款已取消');
  });

  it('shows the offline limit while offline, and the note given back for it', () => {
    const html = render(VIEWS.inserting, 'en');
    expect(html).toContain('data-offline-limit="30000"');
    expect(text(html)).toContain('over the offline limit');
  });

  it('never shows more of the account than its last four digits', () => {
    for (const view of Object.values(VIEWS)) expect(text(render(view, 'en'))).not.toMatch(/\d{5,}/);
  });
});
