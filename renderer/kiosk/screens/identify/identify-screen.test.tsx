import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardIssuingView } from '../../../../contracts/card-issuing.ts';
import type {
  IdentifyMessage,
  IdentifyStep,
  IdentifyView,
  IdentityDocumentSummary,
} from '../../../../contracts/identity.ts';
import type { Language } from '../../../../contracts/language.ts';
import { type CallAvailability, CallContext } from '../../call/call-context.ts';
import { CardScreen } from '../card/card-screen.tsx';
import {
  i18n,
  press,
  rendered,
  resetRendered,
  text,
  withProviders,
} from '../../test-support/static-render.tsx';

vi.mock('../../components/touch-button.tsx', async (importOriginal) =>
  (await import('../../test-support/static-render.tsx')).recordingTouchButton(await importOriginal()),
);

// The renderer may import contracts for types only: the messages are listed here, and the type
// check fails if one is missing.
const MESSAGES = [
  'unreadable',
  'notCertain',
  'noDocument',
  'documentExpired',
  'scannerUnavailable',
  'tooManyAttempts',
  'qrForged',
  'qrExpired',
  'qrWrongKind',
  'qrUnknown',
  'noCode',
] as const satisfies readonly IdentifyMessage[];
const everyMessage: [Exclude<IdentifyMessage, (typeof MESSAGES)[number]>] extends [never] ? true : never =
  true;
void everyMessage;

beforeEach(resetRendered);

const MARIA: IdentityDocumentSummary = {
  kind: 'passport',
  surname: 'GARCIA LOPEZ',
  givenNames: 'MARIA JOSE',
  documentNumber: 'PAB123456',
  nationality: 'ESP',
  issuingState: 'ESP',
  birthDate: '1985-03-15',
  expiryDate: '2033-09-21',
  sex: 'female',
};

const idle: IdentifyView = {
  method: 'idScan',
  step: 'placeDocument',
  attemptsLeft: 3,
  message: null,
  document: null,
};

const STEPS: Record<IdentifyStep, IdentifyView> = {
  placeDocument: idle,
  reading: { ...idle, step: 'reading' },
  rescan: { ...idle, step: 'rescan', attemptsLeft: 2, message: 'notCertain' },
  confirmDocument: { ...idle, step: 'confirmDocument', attemptsLeft: 2, document: MARIA },
  scanQr: { ...idle, method: 'qr', step: 'scanQr' },
  verifyingQr: { ...idle, method: 'qr', step: 'verifyingQr' },
  failed: { ...idle, step: 'failed', attemptsLeft: 0, message: 'tooManyAttempts' },
};

const card = (identify: IdentifyView | null): CardIssuingView => ({
  step: 'identifying',
  methods: [
    { method: 'orderCode', available: true },
    { method: 'qr', available: true },
    { method: 'idScan', available: true },
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
  identify,
});

function render(
  identify: IdentifyView | null,
  language: Language = 'en',
  call: CallAvailability = { open: false, topic: 'cards' },
): string {
  return withProviders(
    language,
    <CallContext.Provider value={call}>
      <CardScreen card={card(identify)} />
    </CallContext.Provider>,
  );
}

/** Accessible names and descriptions count as text too. */
const labels = (html: string) => [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]).join(' ');

const testIds = () => rendered.buttons.map((b) => b.testId).sort();

describe('identify screens', () => {
  for (const language of ['es', 'en', 'zh'] as const) {
    it.each(Object.entries(STEPS))(
      `%s in ${language}: inside the card step's main, with its test id, every string translated`,
      (step, view) => {
        const html = render(view, language);
        const main = html.match(/^<main [^>]*aria-labelledby="([^"]+)"[^>]*data-card-step="identifying"/);
        expect(main).not.toBeNull();
        expect(html).toContain(`<h1 id="${main?.[1]}"`);
        expect(html).toContain(`data-testid="identify-step-${step}"`);
        expect(html).toContain(`data-identify-method="${view.method}"`);
        // i18next answers a missing key with the key itself.
        for (const shown of [text(html), labels(html)]) {
          expect(shown).not.toMatch(/\b(identify|card)\.\w+/);
          expect(shown).not.toContain('{{');
        }
      },
    );
  }

  it.each(Object.entries(STEPS))('%s speaks the chosen language', (_step, view) => {
    const es = text(render(view, 'es'));
    const en = text(render(view, 'en'));
    const zh = text(render(view, 'zh'));
    expect(es).not.toBe(en);
    expect(zh).not.toBe(en);
    expect(zh).toMatch(/\p{Script=Han}/u);
  });

  for (const language of ['es', 'en', 'zh'] as const) {
    it.each(MESSAGES)(`says %s in ${language} in words of its own`, (message) => {
      const html = render({ ...STEPS.rescan, message }, language);
      expect(html).toContain(`data-message="${message}"`);
      expect(html).toMatch(/role="alert"/);
      expect(text(html)).not.toMatch(/identify\.\w+/);
    });
  }

  it('gives every message a sentence of its own', () => {
    const t = i18n.getFixedT('en');
    const sentences = new Set(MESSAGES.map((message) => t(`identify.message.${message}`)));
    expect(sentences.size).toBe(MESSAGES.length);
  });

  it('shows a short wait while the view has no identify step yet', () => {
    const html = render(null);
    expect(html).toContain('data-testid="card-step-identifying"');
    expect(text(html)).toContain('One moment');
  });
});

describe('placing the document', () => {
  it('says where and how to lay it, with a picture that has a name', () => {
    const html = render(STEPS.placeDocument);
    const shown = text(html);
    expect(shown).toContain('photo side down');
    expect(shown).toContain('toward the edge marked on the scanner');
    expect(html).toMatch(/<svg [^>]*role="img"[^>]*aria-label="A document lying photo side down/);
    expect(html).toContain('data-testid="identify-document-illustration"');
    expect(html).not.toContain('identify-message');
  });

  it('goes back to the ways of identifying, or cancels the flow', async () => {
    render(STEPS.placeDocument);
    expect(testIds()).toEqual(['card-cancel', 'identify-back']);
    expect(await press('identify-back')).toEqual([{ type: 'IDENTIFY_BACK' }]);
    expect(await press('card-cancel')).toEqual([{ type: 'CARD_CANCEL' }]);
  });

  it('after a failed try, says why and how many tries are left', () => {
    const shown = text(render({ ...STEPS.placeDocument, message: 'noDocument', attemptsLeft: 1 }));
    expect(shown).toContain('We did not detect a document on the scanner.');
    expect(shown).toContain('You can try 1 more time.');
  });
});

describe('reading and checking', () => {
  it.each(['reading', 'verifyingQr'] as const)('%s shows progress and offers no button', (step) => {
    const html = render(STEPS[step]);
    expect(html).toContain('class="spinner"');
    expect(html).toContain('role="status"');
    expect(rendered.buttons).toEqual([]);
  });

  it('asks the customer not to move the document while it is read', () => {
    expect(text(render(STEPS.reading))).toContain('Please do not move the document.');
    expect(text(render(STEPS.verifyingQr))).toContain('Checking your code');
  });
});

describe('scanning again', () => {
  it('says why, how to place it better, how many tries are left; scans again or goes back', async () => {
    const shown = text(render(STEPS.rescan));
    expect(shown).toContain('We could not read your document');
    expect(shown).toContain('We could not read every character for certain.');
    expect(shown).toContain('Lay it flat, photo side down');
    expect(shown).toContain('You can try 2 more times.');
    expect(await press('identify-rescan')).toEqual([{ type: 'IDENTIFY_RESCAN' }]);
    expect(await press('identify-back')).toEqual([{ type: 'IDENTIFY_BACK' }]);
  });

  it('speaks of the code, not a document, for a QR code that was refused', () => {
    const shown = text(render({ ...STEPS.rescan, method: 'qr', message: 'qrForged' }));
    expect(shown).toContain('This code could not be used');
    expect(shown).toContain('it was not issued by the bank, or it was altered');
    expect(shown).not.toContain('photo side down');
  });

  it('says an expired document plainly', () => {
    expect(text(render({ ...STEPS.rescan, message: 'documentExpired' }, 'es'))).toContain(
      'Este documento está caducado',
    );
  });
});

describe('confirming the document', () => {
  it('shows who the document says the customer is, dates in words of the language', () => {
    const en = text(render(STEPS.confirmDocument));
    expect(en).toContain('Is this you?');
    for (const value of ['GARCIA LOPEZ', 'MARIA JOSE', 'Passport', 'PAB123456', 'ESP'])
      expect(en).toContain(value);
    expect(en).toMatch(/March 15, 1985|15 March 1985/);
    expect(en).toMatch(/September 21, 2033|21 September 2033/);
    const es = text(render(STEPS.confirmDocument, 'es'));
    expect(es).toContain('15 de marzo de 1985');
    expect(es).toContain('Pasaporte');
    const zh = text(render(STEPS.confirmDocument, 'zh'));
    expect(zh).toContain('1985年3月15日');
    expect(zh).toContain('2033年9月21日');
    expect(text(render({ ...STEPS.confirmDocument, document: { ...MARIA, kind: 'idCard' } }))).toContain(
      'ID card',
    );
  });

  it('is me, scan again, or back', async () => {
    render(STEPS.confirmDocument);
    expect(testIds()).toEqual(['card-cancel', 'identify-back', 'identify-confirm', 'identify-rescan']);
    expect(await press('identify-confirm')).toEqual([{ type: 'IDENTIFY_CONFIRM' }]);
    expect(await press('identify-rescan')).toEqual([{ type: 'IDENTIFY_RESCAN' }]);
    expect(await press('identify-back')).toEqual([{ type: 'IDENTIFY_BACK' }]);
  });

  it('cannot be confirmed without a document to show', async () => {
    const html = render({ ...STEPS.confirmDocument, document: null });
    expect(html).not.toContain('identify-document"');
    expect(await press('identify-confirm')).toEqual([]);
  });
});

describe('showing the QR code', () => {
  it('says where to hold the phone, with a picture that has a name', async () => {
    const html = render(STEPS.scanQr);
    expect(text(html)).toContain("Open the bank's app");
    expect(text(html)).toContain('10 cm above the scanner window');
    expect(html).toMatch(/<svg [^>]*role="img"[^>]*aria-label="A phone held screen down/);
    expect(await press('identify-back')).toEqual([{ type: 'IDENTIFY_BACK' }]);
  });

  it('after a refused code, says why', () => {
    const shown = text(render({ ...STEPS.scanQr, message: 'qrExpired', attemptsLeft: 2 }));
    expect(shown).toContain('This QR code has expired');
    expect(shown).toContain('You can try 2 more times.');
  });
});

describe('identification failed', () => {
  it('says why and where to get help; calling a teller opens a call about the flow', async () => {
    const html = render(STEPS.failed);
    const shown = text(html);
    expect(shown).toContain('We could not identify you');
    expect(shown).toContain('We tried several times but could not read it.');
    expect(shown).toContain('Call a teller');
    expect(shown).not.toContain('Not available yet');
    expect(shown).toContain('Ask a member of the branch staff');
    expect(shown).toContain('help line');
    expect(html).not.toMatch(/data-testid="identify-call-teller"[^>]*aria-disabled/);
    expect(await press('identify-call-teller')).toEqual([{ type: 'CALL_TELLER', topic: 'cards' }]);
    render(STEPS.failed, 'en', { open: false, topic: 'general' });
    expect(await press('identify-call-teller')).toEqual([{ type: 'CALL_TELLER', topic: 'general' }]);
  });

  it('does not offer a teller while a call is open (showing the document to that teller)', () => {
    const html = render(STEPS.failed, 'en', { open: true, topic: 'cards' });
    expect(html).not.toContain('identify-call-teller');
    expect(text(html)).toContain('Ask a member of the branch staff');
  });

  it('offers another way to identify, or to cancel', async () => {
    render(STEPS.failed);
    expect(text(render(STEPS.failed))).toContain('Choose another way');
    expect(await press('identify-back')).toEqual([{ type: 'IDENTIFY_BACK' }]);
    expect(await press('card-cancel')).toEqual([{ type: 'CARD_CANCEL' }]);
  });

  it('without a reason, still apologises in plain words', () => {
    expect(text(render({ ...STEPS.failed, message: null }))).toContain(
      'Identification did not work this time.',
    );
  });
});
