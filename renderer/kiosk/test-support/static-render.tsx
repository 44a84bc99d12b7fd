import type { MouseEvent, ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { KioskBridge, UiEvent } from '../../../contracts/bridge.ts';
import type { Language } from '../../../contracts/language.ts';
import { createKioskI18n } from '../../i18n/kiosk-i18n.ts';
import { BridgeContext } from '../bridge/bridge-context.ts';
import type * as TouchButtonModule from '../components/touch-button.tsx';
import { LanguageContext } from '../language-context.ts';

/**
 * Static rendering of kiosk screens for tests. Static rendering drops event handlers, so every
 * TouchButton rendered is recorded with its handler and a test presses it the way a finger would.
 * A test file mocks the button with this module's recorder:
 *
 *   vi.mock('…/components/touch-button.tsx', async (importOriginal) =>
 *     (await import('…/test-support/static-render.tsx')).recordingTouchButton(await importOriginal()));
 */

export interface RenderedButton {
  testId: string | undefined;
  disabled: boolean;
  ariaDisabled: boolean;
  onClick: ((event: MouseEvent<HTMLButtonElement>) => void) | undefined;
}

export const rendered = { buttons: [] as RenderedButton[] };

export function recordingTouchButton(original: typeof TouchButtonModule): typeof TouchButtonModule {
  return {
    ...original,
    TouchButton(props) {
      rendered.buttons.push({
        testId: (props as Record<string, unknown>)['data-testid'] as string | undefined,
        disabled: props.disabled === true,
        ariaDisabled: props['aria-disabled'] === 'true',
        onClick: props.onClick,
      });
      return original.TouchButton(props);
    },
  };
}

/** What the screens sent to the runtime since the last press. */
export const sent: UiEvent[] = [];

const bridge: KioskBridge = {
  send: async (event) => {
    sent.push(event);
    return { accepted: true };
  },
  getView: async () => {
    throw new Error('not used');
  },
  onView: () => () => {},
  onConnection: () => () => {},
  // Static rendering runs no effects: no call media is set up.
  sendSignal: async () => ({ accepted: false }),
  onSignal: () => () => {},
};
export const i18n = createKioskI18n();

/** Forgets what earlier tests rendered and sent. */
export function resetRendered(): void {
  sent.length = 0;
  rendered.buttons.length = 0;
}

/** Renders `children` as the kiosk page would, in `language`; only its buttons are then recorded. */
export function withProviders(language: Language, children: ReactNode): string {
  rendered.buttons.length = 0;
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <BridgeContext.Provider value={bridge}>
        <LanguageContext.Provider value={language}>{children}</LanguageContext.Provider>
      </BridgeContext.Provider>
    </I18nextProvider>,
  );
}

/** The text a customer reads in rendered markup, entities decoded, spaces collapsed. */
export const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/\s+/g, ' ');

/** The one rendered button with this test id. */
export function button(testId: string): RenderedButton {
  const matches = rendered.buttons.filter((b) => b.testId === testId);
  // Not vitest's expect: the renderer layer imports no test tooling outside test files.
  if (matches.length !== 1) throw new Error(`${matches.length} buttons with data-testid="${testId}", not 1`);
  return matches[0]!;
}

/** Presses a rendered button as a finger would: a disabled button does nothing. Returns what was sent. */
export async function press(testId: string): Promise<UiEvent[]> {
  sent.length = 0;
  const target = button(testId);
  if (!target.disabled && !target.ariaDisabled) target.onClick?.({} as MouseEvent<HTMLButtonElement>);
  await Promise.resolve();
  return [...sent];
}
