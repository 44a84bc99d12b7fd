import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardIssuingStep, CardIssuingView } from '../../../../contracts/card-issuing.ts';
import type { Language } from '../../../../contracts/language.ts';
import type { KioskView } from '../../../../contracts/session-view.ts';
import { CallContext } from '../../call/call-context.ts';
import { FlowScreen } from '../flow-screen.tsx';
import { CardScreen } from './card-screen.tsx';
import { ORDER_CODE_ALPHABET } from './order-code.ts';
import { OrderCodeEntry } from './order-code-entry.tsx';
import { press, rendered, resetRendered, text, withProviders } from '../../test-support/static-render.tsx';

vi.mock('../../components/touch-button.tsx', async (importOriginal) =>
  (await import('../../test-support/static-render.tsx')).recordingTouchButton(await importOriginal()),
);

beforeEach(resetRendered);

const base: CardIssuingView = {
  step: 'chooseMethod',
  methods: [
    { method: 'orderCode', available: true },
    { method: 'qr', available: false },
    { method: 'idScan', available: false },
  ],
  codeAttemptsLeft: 3,
  holderNameMasked: null,
  product: null,
  panLast4: null,
  expiry: null,
  phase: null,
  attempt: 0,
  takeDeadline: null,
  message: null,
  canRequestMail: false,
  receipt: null,
  identify: null,
};
const found: CardIssuingView = { ...base, holderNameMasked: 'A*** E*****', product: 'debit' };
const issued: CardIssuingView = { ...found, panLast4: '1234', expiry: '12/29', attempt: 1 };

const VIEWS: Record<CardIssuingStep, CardIssuingView> = {
  chooseMethod: base,
  enterCode: { ...base, step: 'enterCode', message: 'orderNotFound', codeAttemptsLeft: 2 },
  identifying: {
    ...base,
    step: 'identifying',
    identify: { method: 'idScan', step: 'placeDocument', attemptsLeft: 3, message: null, document: null },
  },
  lookingUp: { ...base, step: 'lookingUp' },
  confirmOrder: { ...found, step: 'confirmOrder' },
  awaitingTeller: { ...found, step: 'awaitingTeller' },
  offerMail: { ...found, step: 'offerMail', message: 'offline', canRequestMail: true },
  requestingMail: { ...found, step: 'requestingMail' },
  mailRequested: { ...found, step: 'mailRequested' },
  approving: { ...found, step: 'approving' },
  producing: { ...issued, step: 'producing', phase: 'printing' },
  presenting: { ...issued, step: 'presenting', takeDeadline: Date.now() + 60_000 },
  completing: { ...issued, step: 'completing', receipt: 'printing' },
  done: { ...issued, step: 'done', receipt: 'printed' },
  failed: { ...issued, step: 'failed', message: 'cardSpoiled' },
  cancelled: { ...base, step: 'cancelled' },
};

function render(card: CardIssuingView, language: Language = 'en'): string {
  rendered.buttons.length = 0;
  return withProviders(language, <CardScreen card={card} />);
}

describe('card issuing screens', () => {
  for (const language of ['es', 'en', 'zh'] as const) {
    it.each(Object.entries(VIEWS))(
      `%s in ${language}: a main named by its heading, with its test id, every string translated`,
      (step, view) => {
        const html = render(view, language);
        const main = html.match(/^<main [^>]*aria-labelledby="([^"]+)"[^>]*data-card-step="([^"]+)"/);
        expect(main?.[2]).toBe(step);
        expect(html).toContain(`data-testid="card-step-${step}"`);
        expect(html).toContain(`<h1 id="${main?.[1]}"`);
        // i18next answers a missing key with the key itself.
        expect(text(html)).not.toMatch(/card\.\w+/);
        expect(text(html)).not.toContain('{{');
      },
    );
  }

  it.each(Object.entries(VIEWS))('%s speaks the chosen language', (_step, view) => {
    const es = text(render(view, 'es'));
    const en = text(render(view, 'en'));
    const zh = text(render(view, 'zh'));
    expect(es).not.toBe(en);
    expect(zh).not.toBe(en);
    expect(zh).toMatch(/\p{Script=Han}/u);
  });

  it('never shows more of the card number than its last four digits', () => {
    for (const view of Object.values(VIEWS)) expect(text(render(view, 'en'))).not.toMatch(/\d{5,}/);
  });
});

describe('choosing how to find the order', () => {
  it('sends the chosen way', async () => {
    render(VIEWS.chooseMethod);
    expect(await press('card-method-orderCode')).toEqual([
      { type: 'CARD_CHOOSE_METHOD', method: 'orderCode' },
    ]);
  });

  it('shows a way this kiosk cannot do yet, says so, and ignores a press on it', async () => {
    const html = render(VIEWS.chooseMethod);
    expect(html).toMatch(
      /data-testid="card-method-qr"[^>]*aria-disabled="true"|aria-disabled="true"[^>]*data-testid="card-method-qr"/,
    );
    expect(text(html).match(/Not available yet at this kiosk/g)).toHaveLength(2);
    expect(await press('card-method-qr')).toEqual([]);
    expect(await press('card-method-idScan')).toEqual([]);
    expect(html).toContain('data-method="orderCode" data-available="true"');
  });

  it('offers every way the view lists and only those', () => {
    const html = render({ ...VIEWS.chooseMethod, methods: [{ method: 'qr', available: true }] });
    expect(html).toContain('data-testid="card-method-qr"');
    expect(html).not.toContain('card-method-orderCode');
    expect(html).not.toContain('Not available yet');
  });

  it('offers the QR code and the ID document when the kiosk can read them', async () => {
    const html = render({
      ...VIEWS.chooseMethod,
      methods: [
        { method: 'orderCode', available: true },
        { method: 'qr', available: true },
        { method: 'idScan', available: true },
      ],
    });
    expect(html).toContain('data-method="qr" data-available="true"');
    expect(html).toContain('data-method="idScan" data-available="true"');
    expect(text(html)).not.toContain('Not available yet');
    expect(await press('card-method-qr')).toEqual([{ type: 'CARD_CHOOSE_METHOD', method: 'qr' }]);
    expect(await press('card-method-idScan')).toEqual([{ type: 'CARD_CHOOSE_METHOD', method: 'idScan' }]);
  });

  it('cancels', async () => {
    render(VIEWS.chooseMethod);
    expect(await press('card-cancel')).toEqual([{ type: 'CARD_CANCEL' }]);
  });
});

describe('typing the order code', () => {
  function renderEntry(code: string, card: CardIssuingView = VIEWS.enterCode) {
    rendered.buttons.length = 0;
    const changes: string[] = [];
    const html = withProviders(
      'en',
      <OrderCodeEntry card={card} code={code} onCodeChange={(next) => changes.push(next)} />,
    );
    return { html, changes };
  }

  it('has a key for each character of the order code alphabet and no other', () => {
    renderEntry('');
    const keys = rendered.buttons
      .map((b) => b.testId)
      .filter((id) => id?.startsWith('card-key-') && id !== 'card-key-delete')
      .map((id) => id!.slice('card-key-'.length));
    expect(keys.join('')).toBe(ORDER_CODE_ALPHABET);
    for (const lookAlike of ['0', '1', 'I', 'L', 'O']) expect(keys).not.toContain(lookAlike);
  });

  it('types the pressed key, and deletes the last character', async () => {
    const { changes } = renderEntry('AB');
    await press('card-key-7');
    await press('card-key-Z');
    await press('card-key-delete');
    expect(changes).toEqual(['AB7', 'ABZ', 'A']);
  });

  it('shows the code in two groups of four', () => {
    expect(renderEntry('ABCD23').html).toContain('ABCD-23');
    expect(renderEntry('').html).toContain('Nothing typed yet');
  });

  it('continues only with eight characters, sending the code', async () => {
    renderEntry('ABCD234');
    expect(await press('card-code-continue')).toEqual([]);
    const { changes } = renderEntry('ABCD2345');
    expect(await press('card-code-continue')).toEqual([{ type: 'CARD_ORDER_CODE', code: 'ABCD2345' }]);
    // A full code takes no more characters.
    await press('card-key-A');
    expect(changes).toEqual([]);
  });

  it('says why the last code did not work and how many tries are left', () => {
    const notFound = text(renderEntry('').html);
    expect(notFound).toContain('No card order has that code');
    expect(notFound).toContain('You can try 2 more times');
    const expired = text(
      renderEntry('', { ...VIEWS.enterCode, message: 'orderExpired', codeAttemptsLeft: 1 }).html,
    );
    expect(expired).toContain('That order has expired');
    expect(expired).toContain('You can try 1 more time.');
    const first = text(renderEntry('', { ...VIEWS.enterCode, message: null, codeAttemptsLeft: 3 }).html);
    expect(first).not.toContain('You can try');
    expect(first).toContain('no zeros or ones');
  });

  it('after a document with no card order behind it, says so and leaves the tries alone', () => {
    for (const language of ['es', 'en', 'zh'] as const) {
      rendered.buttons.length = 0;
      const html = withProviders(
        language,
        <OrderCodeEntry
          card={{ ...VIEWS.enterCode, message: 'noOrderForDocument', codeAttemptsLeft: 3 }}
          code=""
          onCodeChange={() => {}}
        />,
      );
      expect(html).toContain('data-message="noOrderForDocument"');
      expect(html).not.toContain('data-attempts-left');
      expect(text(html)).not.toMatch(/card\.\w+/);
    }
    const shown = text(renderEntry('', { ...VIEWS.enterCode, message: 'noOrderForDocument' }).html);
    expect(shown).toContain('We found no card order for this document');
  });

  it('goes back and cancels', async () => {
    renderEntry('AB');
    expect(await press('card-back')).toEqual([{ type: 'CARD_BACK' }]);
    expect(await press('card-cancel')).toEqual([{ type: 'CARD_CANCEL' }]);
  });

  it('starts empty as a step of the flow', () => {
    const html = render(VIEWS.enterCode);
    expect(html).toContain('data-testid="card-code"');
    expect(html).toContain('data-digits="0"');
  });
});

describe('confirming the order', () => {
  it('shows the masked holder, the card, and what will happen', () => {
    const shown = text(render(VIEWS.confirmOrder));
    expect(shown).toContain('A*** E*****');
    expect(shown).toContain('Debit card');
    expect(shown).toContain('about 1 minute');
    expect(shown).toContain('card slot');
    expect(text(render(VIEWS.confirmOrder, 'es'))).toContain('Tarjeta de débito');
  });

  it('prints, goes back or cancels', async () => {
    render(VIEWS.confirmOrder);
    expect(await press('card-confirm')).toEqual([{ type: 'CARD_CONFIRM' }]);
    expect(await press('card-back')).toEqual([{ type: 'CARD_BACK' }]);
    expect(await press('card-cancel')).toEqual([{ type: 'CARD_CANCEL' }]);
  });
});

describe('watching the card being made', () => {
  it('shows the phases done, current and to come', () => {
    const html = render(VIEWS.producing);
    expect(html).toMatch(/data-phase="encoding" data-state="done"/);
    expect(html).toMatch(/data-phase="printing" data-state="current"[^>]*aria-current="step"/);
    expect(html).toMatch(/data-phase="ejecting" data-state="pending"/);
  });

  it('shows the card with its last four digits and expiry only', () => {
    const html = render(VIEWS.producing);
    expect(html).toContain('•••• 1234');
    expect(html).toContain('12/29');
    expect(html).toContain('aria-label="Your new card, ending in 1234"');
  });

  it('says plainly on a second card what became of the first', () => {
    const retry = text(render({ ...VIEWS.producing, attempt: 2, phase: 'picking', message: 'retrying' }));
    expect(retry).toContain('problem with the first card');
    expect(retry).toContain('destroyed inside the machine');
    expect(retry).toContain('A new card is being made');
    expect(text(render(VIEWS.producing))).not.toContain('first card');
  });

  it('says a faulty card is being taken out of the way while it is rejected', () => {
    expect(text(render({ ...VIEWS.producing, phase: 'rejecting' }))).toContain('faulty card');
  });
});

describe('waiting', () => {
  it('a second card says, while the bank is asked again, that the first one failed', () => {
    const retry = text(render({ ...VIEWS.approving, attempt: 2, message: 'retrying' }));
    expect(retry).toContain('problem with the first card');
    expect(text(render(VIEWS.approving))).not.toContain('first card');
  });

  it('the order lookup can be cancelled', async () => {
    render(VIEWS.lookingUp);
    expect(await press('card-cancel')).toEqual([{ type: 'CARD_CANCEL' }]);
  });

  it('awaiting a teller: says a teller must approve and the call is being connected; no buttons here', () => {
    const shown = text(render(VIEWS.awaitingTeller));
    expect(shown).toContain('A teller needs to approve your card');
    expect(shown).toContain('You are being connected to a teller');
    expect(rendered.buttons).toEqual([]);
    expect(text(render(VIEWS.awaitingTeller, 'es'))).toContain('asesor');
  });

  it('the approval and the card being made cannot be cancelled', () => {
    render(VIEWS.approving);
    expect(rendered.buttons).toEqual([]);
    render(VIEWS.producing);
    expect(rendered.buttons).toEqual([]);
    render(VIEWS.presenting);
    expect(rendered.buttons).toEqual([]);
  });
});

describe('taking the card', () => {
  it('counts down to the deadline and points to the slot', () => {
    const html = render({ ...VIEWS.presenting, takeDeadline: Date.now() + 29_500 });
    expect(html).toContain('data-seconds-left="30"');
    expect(text(html)).toContain('within 30 seconds, the machine keeps it');
    expect(html).toContain('data-testid="card-slot-pointer"');
    expect(text(render({ ...VIEWS.presenting, takeDeadline: null }))).not.toContain('within');
  });
});

describe('the end of the flow', () => {
  it('done: which card was issued, the receipt, and activating it in the app', () => {
    const shown = text(render(VIEWS.done));
    expect(shown).toContain('ending in 1234 has been issued');
    expect(shown).toContain('Please take your receipt');
    expect(shown).toContain("Activate your card in the bank's app");
    expect(text(render({ ...VIEWS.done, receipt: 'unavailable' }))).toContain('no receipt this time');
  });

  it('completing: the receipt is being printed', () => {
    expect(text(render(VIEWS.completing))).toContain('Printing your receipt');
  });

  it('offer of mail: why the card cannot be made here, and the card by mail or cancel', async () => {
    expect(text(render(VIEWS.offerMail))).toContain('The kiosk cannot reach the bank right now');
    expect(text(render({ ...VIEWS.offerMail, message: 'printerUnavailable' }))).toContain(
      'The card printer is not available',
    );
    expect(text(render(VIEWS.offerMail))).toContain('address in your order');
    expect(await press('card-request-mail')).toEqual([{ type: 'CARD_REQUEST_MAIL' }]);
    expect(await press('card-cancel')).toEqual([{ type: 'CARD_CANCEL' }]);
  });

  it.each(['cardSpoiled', 'cardRetained'] as const)(
    'failed with %s: the card was destroyed, and a new one can come by mail',
    async (message) => {
      const shown = text(render({ ...VIEWS.failed, message, canRequestMail: true }));
      expect(shown).toContain('destroyed inside the machine');
      expect(shown).toContain('will never work');
      expect(await press('card-request-mail')).toEqual([{ type: 'CARD_REQUEST_MAIL' }]);
    },
  );

  it('failed after the mail request itself failed: the offer is not repeated', () => {
    const html = render({ ...VIEWS.failed, message: 'cardSpoiled', canRequestMail: false });
    expect(text(html)).toContain('destroyed inside the machine');
    expect(html).not.toContain('card-request-mail');
  });

  it('failed when the printer stopped: the card was destroyed, no mail offered', () => {
    const html = render({ ...VIEWS.failed, message: 'interrupted' });
    expect(text(html)).toContain('The card printer stopped');
    expect(text(html)).toContain('destroyed inside the machine');
    expect(html).not.toContain('card-request-mail');
  });

  it.each(['es', 'en', 'zh'] as const)(
    'failed with noOrderForDocument in %s: says no order was found for the document',
    (language) => {
      const html = render({ ...VIEWS.failed, message: 'noOrderForDocument', panLast4: null }, language);
      expect(html).toContain('data-message="noOrderForDocument"');
      expect(text(html)).not.toMatch(/card\.\w+/);
      if (language === 'en') expect(text(html)).toContain('We found no card order for this document');
    },
  );

  it.each(['declined', 'orderNotFound', 'noOrderForDocument', null] as const)(
    'failed with %s: no card existed, so nothing about one destroyed',
    (message) => {
      const html = render({ ...VIEWS.failed, message, panLast4: null });
      expect(text(html)).not.toContain('destroyed');
      expect(html).not.toContain('card-request-mail');
    },
  );

  it('failed: calling a teller opens a call about cards, unless one is open already', async () => {
    rendered.buttons.length = 0;
    // The app provides the topic of the flow on screen (see topicOfFlow).
    const html = withProviders(
      'en',
      <CallContext.Provider value={{ open: false, topic: 'cards' }}>
        <CardScreen card={VIEWS.failed} />
      </CallContext.Provider>,
    );
    expect(html).not.toMatch(/data-testid="card-call-teller"[^>]*aria-disabled/);
    expect(text(html)).toContain('Call a teller');
    expect(text(html)).toContain('Ask a member of the branch staff');
    expect(await press('card-call-teller')).toEqual([{ type: 'CALL_TELLER', topic: 'cards' }]);
    rendered.buttons.length = 0;
    const during = withProviders(
      'en',
      <CallContext.Provider value={{ open: true, topic: 'cards' }}>
        <CardScreen card={VIEWS.failed} />
      </CallContext.Provider>,
    );
    expect(during).not.toContain('card-call-teller');
  });

  it.each(['tellerRejected', 'tellerUnavailable'] as const)(
    'failed with %s: says what the teller decided or that none could, in every language',
    (message) => {
      for (const language of ['es', 'en', 'zh'] as const) {
        const html = render({ ...VIEWS.failed, message, panLast4: null }, language);
        expect(html).toContain(`data-message="${message}"`);
        expect(text(html)).not.toMatch(/card\.\w+/);
        expect(text(html)).not.toContain('destroyed');
      }
      expect(text(render({ ...VIEWS.failed, message }))).toMatch(/teller/);
    },
  );

  it.each(['done', 'mailRequested', 'failed', 'cancelled'] as const)(
    '%s can be left at once with Finish',
    async (step) => {
      render(VIEWS[step]);
      expect(await press('card-finish')).toEqual([{ type: 'CARD_CANCEL' }]);
    },
  );

  it('mail requested and cancelled say what happens to the card', () => {
    expect(text(render(VIEWS.mailRequested))).toContain('address in your order');
    expect(text(render(VIEWS.cancelled))).toContain('No card was made');
  });
});

describe('the flow screen', () => {
  const flow = (step: string): KioskView['flow'] => ({ id: 'cardIssuing', step });

  it('shows the card screens for the card issuing flow', () => {
    const html = withProviders('en', <FlowScreen flow={flow('confirmOrder')} card={VIEWS.confirmOrder} />);
    expect(html).toContain('data-testid="card-step-confirmOrder"');
  });

  it('falls back to the generic flow screen without a card view', () => {
    const html = withProviders('en', <FlowScreen flow={flow('chooseMethod')} />);
    expect(html).not.toContain('card-step-');
    expect(html).toContain('data-step="chooseMethod"');
  });
});
