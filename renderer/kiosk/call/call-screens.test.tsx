import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../../contracts/language.ts';
import type { KioskView } from '../../../contracts/session-view.ts';
import type { CallEndReason } from '../../../contracts/teller.ts';
import type { VideoTellerStep, VideoTellerView } from '../../../contracts/video-teller.ts';
import { KioskApp } from '../kiosk-app.tsx';
import { CallLayer, callCoversScreen, callIsDocked } from './call-layer.tsx';
import { topicOfFlow } from './call-topic.ts';
import { PhoneKeypad } from './phone-keypad.tsx';
import { isCompletePhone, typePhoneDigit } from './phone-number.ts';
import {
  button,
  press,
  rendered,
  resetRendered,
  text,
  withProviders,
} from '../test-support/static-render.tsx';

vi.mock('../components/touch-button.tsx', async (importOriginal) =>
  (await import('../test-support/static-render.tsx')).recordingTouchButton(await importOriginal()),
);

/** KioskApp reads the view from the store; static rendering has no store snapshot, so it is given here. */
const app = vi.hoisted(() => ({ view: null as KioskView | null }));
vi.mock('../view/use-kiosk-view.ts', () => ({
  useKioskView: () => ({ view: app.view, connection: 'connected' }),
}));

beforeEach(resetRendered);

const CALL_ID = '7d4f4f8e-3b2a-4c1d-9e8f-0a1b2c3d4e5f';
const PROMPT_ID = '0b8c3a52-6f0e-4a57-8f1c-2d3e4f5a6b7c';

const base: VideoTellerView = {
  step: 'consent',
  origin: 'menu',
  topic: 'general',
  callId: null,
  position: null,
  etaSeconds: null,
  tellerName: null,
  leg: null,
  iceServers: [],
  muted: false,
  notes: [],
  idScan: null,
  approvalPending: false,
  endedReason: null,
};
const live: VideoTellerView = { ...base, step: 'live', callId: CALL_ID, leg: 1, tellerName: 'Marta' };

const VIEWS: Record<VideoTellerStep, VideoTellerView> = {
  consent: base,
  requesting: { ...base, step: 'requesting' },
  queued: { ...base, step: 'queued', callId: CALL_ID, position: 3, etaSeconds: 240 },
  callbackOffer: { ...base, step: 'callbackOffer', callId: CALL_ID, position: 2, etaSeconds: 120 },
  callbackPhone: { ...base, step: 'callbackPhone', callId: CALL_ID },
  callbackSending: { ...base, step: 'callbackSending', callId: CALL_ID },
  callbackRecorded: { ...base, step: 'callbackRecorded', callId: CALL_ID },
  ringing: { ...base, step: 'ringing', callId: CALL_ID, position: 1 },
  connecting: { ...live, step: 'connecting' },
  live,
  reconnecting: { ...live, step: 'reconnecting' },
  ended: { ...base, step: 'ended', callId: CALL_ID, endedReason: 'tellerEnded' },
  unavailable: { ...base, step: 'unavailable', endedReason: 'unavailable' },
};

/** The buttons each step offers, by test id. */
const BUTTONS: Record<VideoTellerStep, string[]> = {
  consent: ['call-consent-accept', 'call-consent-decline'],
  requesting: [],
  queued: ['call-cancel'],
  callbackOffer: ['call-callback', 'call-keep-waiting', 'call-cancel'],
  callbackPhone: ['call-phone-back'],
  callbackSending: [],
  callbackRecorded: ['call-callback-ok'],
  ringing: ['call-cancel'],
  connecting: ['call-mute', 'call-end'],
  live: ['call-mute', 'call-end'],
  reconnecting: ['call-mute', 'call-end'],
  ended: ['call-ended-ok'],
  unavailable: ['call-ended-ok'],
};

const render = (call: VideoTellerView, language: Language = 'en') =>
  withProviders(language, <CallLayer call={call} />);

const pressable = () =>
  rendered.buttons
    .map((b) => b.testId)
    .filter(
      (id) => !id?.startsWith('call-phone-key-') && id !== 'call-phone-delete' && id !== 'call-phone-send',
    );

describe('call steps', () => {
  for (const language of ['es', 'en', 'zh'] as const) {
    it.each(Object.entries(VIEWS))(
      `%s in ${language}: its buttons, every string translated`,
      (step, view) => {
        const html = render(view, language);
        expect(html).toContain(`data-call-step="${step}"`);
        expect(pressable()).toEqual(BUTTONS[step as VideoTellerStep]);
        // i18next answers a missing key with the key itself.
        expect(text(html)).not.toMatch(/call\.\w+/);
        expect(text(html)).not.toContain('{{');
      },
    );
  }

  it.each(Object.entries(VIEWS))('%s speaks the chosen language', (_step, view) => {
    const es = text(render(view, 'es'));
    const en = text(render(view, 'en'));
    const zh = text(render(view, 'zh'));
    expect(es).not.toBe(en);
    expect(zh).toMatch(/\p{Script=Han}/u);
  });

  it('consent: says the teller sees and hears, that nothing is recorded; start or not now', async () => {
    const html = render(VIEWS.consent);
    expect(html).toContain('role="dialog"');
    expect(text(html)).toContain('The teller will see and hear you. The call is not recorded.');
    expect(await press('call-consent-accept')).toEqual([{ type: 'CALL_CONSENT' }]);
    expect(await press('call-consent-decline')).toEqual([{ type: 'CALL_DECLINE' }]);
  });

  it('queued: the place in the queue and the wait, or that a teller is being found; cancel', async () => {
    const html = render(VIEWS.queued);
    expect(html).toMatch(/data-testid="call-queue-position" data-position="3"/);
    expect(text(html)).toContain('You are number 3');
    expect(text(html)).toContain('About 4 minutes');
    expect(text(render({ ...VIEWS.queued, etaSeconds: 30 }))).toContain('About 1 minute');
    const unknown = text(render({ ...VIEWS.queued, etaSeconds: null }));
    expect(unknown).toContain('We are finding a teller for you');
    expect(unknown).not.toContain('About');
    expect(text(render(VIEWS.queued, 'es'))).toContain('Usted es el número 3');
    expect(text(render(VIEWS.queued, 'zh'))).toContain('您排在第 3 位');
    render(VIEWS.queued);
    expect(await press('call-cancel')).toEqual([{ type: 'CALL_END' }]);
  });

  it('callback offer: call me back, keep waiting, or cancel', async () => {
    render(VIEWS.callbackOffer);
    expect(await press('call-callback')).toEqual([{ type: 'CALL_CALLBACK' }]);
    expect(await press('call-keep-waiting')).toEqual([{ type: 'CALL_KEEP_WAITING' }]);
    expect(await press('call-cancel')).toEqual([{ type: 'CALL_END' }]);
  });

  it('callback phone: starts empty with a key per digit; Back returns to the queue', async () => {
    const html = render(VIEWS.callbackPhone);
    expect(html).toContain('data-digits="0"');
    expect(text(html)).toContain('No digits yet');
    const keys = rendered.buttons.map((b) => b.testId).filter((id) => id?.startsWith('call-phone-key-'));
    expect(keys.sort()).toEqual([...'0123456789'].map((d) => `call-phone-key-${d}`));
    expect(button('call-phone-send').disabled).toBe(true);
    expect(await press('call-phone-back')).toEqual([{ type: 'CALL_KEEP_WAITING' }]);
  });

  it('callback recorded: we will call you; OK dismisses', async () => {
    expect(text(render(VIEWS.callbackRecorded))).toContain('We will call you');
    expect(await press('call-callback-ok')).toEqual([{ type: 'CALL_DISMISS' }]);
  });

  it('ringing and reconnecting say what is happening', () => {
    expect(text(render(VIEWS.ringing))).toContain('A teller is answering…');
    expect(text(render(VIEWS.reconnecting))).toContain('Connection lost, reconnecting…');
  });

  it.each([
    ['customerEnded', 'You ended the call.'],
    ['tellerEnded', 'The teller ended the call.'],
    ['callback', 'A teller will call you back.'],
    ['kioskLost', 'The kiosk lost its connection to the bank.'],
    ['tellerLost', "The teller's connection was lost."],
    ['sessionEnded', 'The call ended with your session.'],
    ['backendEnded', 'The bank ended the call.'],
    ['unavailable', 'No teller could be reached.'],
  ] as const)('ended with %s says so, and OK dismisses', async (reason, said) => {
    for (const language of ['es', 'zh'] as const)
      expect(text(render({ ...VIEWS.ended, endedReason: reason }, language))).not.toMatch(/call\.\w+/);
    const html = render({ ...VIEWS.ended, endedReason: reason as CallEndReason | 'unavailable' });
    expect(text(html)).toContain(said);
    expect(html).toContain(`data-ended-reason="${reason}"`);
    expect(await press('call-ended-ok')).toEqual([{ type: 'CALL_DISMISS' }]);
  });

  it('unavailable: no teller now, where else to get help; OK dismisses', async () => {
    expect(text(render(VIEWS.unavailable))).toContain('ask a member of the branch staff');
    expect(await press('call-ended-ok')).toEqual([{ type: 'CALL_DISMISS' }]);
  });
});

describe('the call panel', () => {
  it('shows the teller large, names the teller, mutes and hangs up', async () => {
    const html = render(live);
    expect(html).toMatch(/<aside [^>]*data-testid="call-panel"/);
    expect(html).toMatch(/<video [^>]*data-testid="call-remote-video"/);
    expect(text(html)).toContain('Teller: Marta');
    expect(text(html)).toContain('Mute');
    expect(await press('call-mute')).toEqual([{ type: 'CALL_TOGGLE_MUTE' }]);
    expect(await press('call-end')).toEqual([{ type: 'CALL_END' }]);
    const muted = render({ ...live, muted: true });
    expect(text(muted)).toContain('Unmute');
    expect(text(muted)).toContain('Your microphone is off.');
    expect(muted).toContain('aria-pressed="true"');
  });

  it('while connecting, says so instead of a name', () => {
    const shown = text(render(VIEWS.connecting));
    expect(shown).toContain('Connecting the video…');
    expect(shown).not.toContain('Marta');
  });

  it("shows the teller's messages and prompts; a prompt is answered yes or no once", async () => {
    const notes: VideoTellerView['notes'] = [
      { actionId: 'm1', kind: 'message', text: 'Hello, I am checking your order.', answer: null },
      { actionId: PROMPT_ID, kind: 'prompt', text: 'Is the address still correct?', answer: null },
    ];
    const html = render({ ...live, notes });
    expect(html.match(/data-testid="call-note"/g)).toHaveLength(2);
    expect(text(html)).toContain('Hello, I am checking your order.');
    expect(text(html)).toContain('Is the address still correct?');
    expect(await press('call-prompt-yes')).toEqual([
      { type: 'CALL_PROMPT_ANSWER', actionId: PROMPT_ID, answer: 'yes' },
    ]);
    expect(await press('call-prompt-no')).toEqual([
      { type: 'CALL_PROMPT_ANSWER', actionId: PROMPT_ID, answer: 'no' },
    ]);

    const answered = render({ ...live, notes: [{ ...notes[1]!, answer: 'no' }] });
    expect(text(answered)).toContain('You answered: no');
    expect(answered).not.toContain('call-prompt-yes');
  });

  it('renders note text as text, never as markup', () => {
    const html = render({
      ...live,
      notes: [{ actionId: 'x', kind: 'message', text: '<img src=x onerror=alert(1)>', answer: null }],
    });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
  });

  it("waits for the teller's approval when a flow step asks for it", () => {
    expect(text(render({ ...live, approvalPending: true }))).toContain("Waiting for the teller's approval…");
    expect(render(live)).not.toContain('call-approval-pending');
  });

  it('asks to see the ID document: show it or not', async () => {
    const html = render({ ...live, idScan: { actionId: 'a1', step: 'asking', identify: null } });
    expect(text(html)).toContain('The teller asks to see your ID document');
    expect(await press('call-id-scan-accept')).toEqual([{ type: 'CALL_ID_SCAN_ACCEPT' }]);
    expect(await press('call-id-scan-decline')).toEqual([{ type: 'CALL_ID_SCAN_DECLINE' }]);
  });

  it('while scanning, shows the identify screens themselves over the screen below', async () => {
    const call: VideoTellerView = {
      ...live,
      idScan: {
        actionId: 'a1',
        step: 'scanning',
        identify: { method: 'idScan', step: 'placeDocument', attemptsLeft: 3, message: null, document: null },
      },
    };
    const html = render(call);
    expect(html).toContain('data-testid="identify-step-placeDocument"');
    expect(html).toContain('data-testid="call-id-scan"');
    expect(text(html)).toContain('Place your passport or ID card on the scanner');
    expect(callCoversScreen(call)).toBe(true);
    expect(await press('call-id-scan-cancel')).toEqual([{ type: 'CALL_ID_SCAN_DECLINE' }]);
    expect(await press('identify-back')).toEqual([{ type: 'IDENTIFY_BACK' }]);
    // The teller is already on the call: the failed step offers no new call.
    const failed = render({
      ...call,
      idScan: {
        actionId: 'a1',
        step: 'scanning',
        identify: {
          method: 'idScan',
          step: 'failed',
          attemptsLeft: 0,
          message: 'tooManyAttempts',
          document: null,
        },
      },
    });
    expect(failed).toContain('data-testid="identify-step-failed"');
    expect(failed).not.toContain('identify-call-teller');
  });

  it.each([
    ['shared', 'The teller can now see your document.'],
    ['declined', 'Your document was not shown to the teller.'],
    ['failed', 'Your document could not be shown to the teller.'],
    ['sharing', 'Sending your document to the teller…'],
  ] as const)('after the scan (%s): a short note', (step, said) => {
    const html = render({ ...live, idScan: { actionId: 'a1', step, identify: null } });
    expect(text(html)).toContain(said);
    expect(html).not.toContain('identify-step-');
  });
});

describe('the phone keypad', () => {
  function renderKeypad(digits: string) {
    const changes: string[] = [];
    const html = withProviders('en', <PhoneKeypad digits={digits} onDigitsChange={(d) => changes.push(d)} />);
    return { html, changes };
  }

  it('types digits and deletes the last one', async () => {
    const { changes } = renderKeypad('61');
    await press('call-phone-key-2');
    await press('call-phone-key-0');
    await press('call-phone-delete');
    expect(changes).toEqual(['612', '610', '6']);
  });

  it('sends only 6 to 15 digits, and takes no 16th', async () => {
    renderKeypad('12345');
    expect(await press('call-phone-send')).toEqual([]);
    renderKeypad('123456');
    expect(await press('call-phone-send')).toEqual([{ type: 'CALL_CALLBACK_PHONE', phone: '123456' }]);
    const { changes } = renderKeypad('123456789012345');
    await press('call-phone-key-9');
    expect(changes).toEqual([]);
    expect(await press('call-phone-send')).toEqual([
      { type: 'CALL_CALLBACK_PHONE', phone: '123456789012345' },
    ]);
  });

  it('shows the number only in the typed field, in no attribute', () => {
    const { html } = renderKeypad('600123456');
    expect(html.match(/600123456/g)).toHaveLength(1);
    expect(html).toMatch(/<output [^>]*data-digits="9"[^>]*>600123456<\/output>/);
  });

  it('phone rules', () => {
    expect(typePhoneDigit('12', 'a')).toBe('12');
    expect(typePhoneDigit('12', '3')).toBe('123');
    expect(isCompletePhone('12345')).toBe(false);
    expect(isCompletePhone('123456')).toBe(true);
    expect(isCompletePhone('1234567890123456')).toBe(false);
  });
});

describe('the call over the kiosk', () => {
  const view = (
    screen: KioskView['screen'],
    call: VideoTellerView | null,
    flow: KioskView['flow'] = null,
  ): KioskView => ({
    revision: 1,
    screen,
    language: 'en',
    sessionId: 's1',
    menu: [{ flow: 'videoTeller', available: true, reason: null }],
    flow,
    timeoutPrompt: null,
    outOfService: null,
    goodbye: screen === 'goodbye' ? { receipt: 'printed' } : null,
    backendOnline: true,
    deposit: null,
    card: null,
    call,
  });

  function renderApp(kioskView: KioskView, language: Language = 'en') {
    app.view = { ...kioskView, language };
    return withProviders(language, <KioskApp />);
  }

  it('offers "Need help?" at every step of a flow, with the flow\'s topic, in every language', async () => {
    for (const language of ['es', 'en', 'zh'] as const) {
      const html = renderApp(view('flow', null, { id: 'cardIssuing', step: 'enterCode' }), language);
      expect(html).toContain('data-testid="need-help"');
      expect(text(html)).not.toMatch(/call\.\w+/);
    }
    renderApp(view('flow', null, { id: 'cardIssuing', step: 'enterCode' }));
    expect(await press('need-help')).toEqual([{ type: 'CALL_TELLER', topic: 'cards' }]);
    renderApp(view('flow', null, { id: 'cashDeposit', step: 'account' }));
    expect(await press('need-help')).toEqual([{ type: 'CALL_TELLER', topic: 'cash' }]);
  });

  it('offers no "Need help?" on attract, the menu (it has "Talk to a teller") and goodbye, nor while a call is open', () => {
    expect(renderApp(view('attract', null))).not.toContain('need-help');
    expect(renderApp(view('menu', null))).not.toContain('need-help');
    expect(renderApp(view('flow', VIEWS.queued, { id: 'cardIssuing', step: 'enterCode' }))).not.toContain(
      'need-help',
    );
    expect(renderApp(view('goodbye', null))).not.toContain('need-help');
    expect(renderApp(view('menu', VIEWS.queued))).not.toContain('need-help');
  });

  it('the menu entry reads "Talk to a teller" and opens the call', async () => {
    expect(text(renderApp(view('menu', null)))).toContain('Talk to a teller');
    expect(text(renderApp(view('menu', null), 'es'))).toContain('Hablar con un asesor');
    expect(text(renderApp(view('menu', null), 'zh'))).toContain('柜员');
  });

  it('lays a modal step over an inert screen, and docks the call beside a usable one', () => {
    const modal = renderApp(view('menu', VIEWS.consent));
    expect(modal).toMatch(/class="kiosk__screen" inert=""/);
    expect(modal).toContain('data-call-step="consent"');
    const docked = renderApp(view('flow', live, { id: 'cardIssuing', step: 'confirmOrder' }));
    expect(docked).toContain('kiosk--call-docked');
    expect(docked).not.toMatch(/class="kiosk__screen" inert/);
    expect(docked).toContain('data-testid="call-panel"');
    expect(renderApp(view('menu', null))).not.toContain('call-layer');
  });

  it('modal and docked steps', () => {
    expect(callCoversScreen(null)).toBe(false);
    expect(callCoversScreen(VIEWS.consent)).toBe(true);
    expect(callCoversScreen(VIEWS.ended)).toBe(true);
    expect(callCoversScreen(VIEWS.queued)).toBe(false);
    expect(callCoversScreen(live)).toBe(false);
    expect(callIsDocked(live)).toBe(true);
    expect(callIsDocked(VIEWS.consent)).toBe(false);
  });

  it('topics by flow', () => {
    expect(topicOfFlow('cardIssuing')).toBe('cards');
    expect(topicOfFlow('accountOpening')).toBe('accounts');
    expect(topicOfFlow('cashDeposit')).toBe('cash');
    expect(topicOfFlow('videoTeller')).toBe('general');
    expect(topicOfFlow(null)).toBe('general');
  });
});
