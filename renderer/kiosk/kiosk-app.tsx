import { useLayoutEffect } from 'react';
import type { KioskView } from '../../contracts/session-view.ts';
import { DEFAULT_LANGUAGE, HTML_LANG } from '../i18n/kiosk-i18n.ts';
import { useActivityReporter } from './activity/use-activity-reporter.ts';
import { CallContext } from './call/call-context.ts';
import { CallLayer, callCoversScreen, callIsDocked } from './call/call-layer.tsx';
import { topicOfFlow } from './call/call-topic.ts';
import { NeedHelpButton } from './call/need-help-button.tsx';
import { LanguageContext } from './language-context.ts';
import { DisconnectedOverlay } from './overlays/disconnected-overlay.tsx';
import { TimeoutPrompt } from './overlays/timeout-prompt.tsx';
import { AttractScreen } from './screens/attract-screen.tsx';
import { DepositScreen } from './screens/deposit/deposit-screen.tsx';
import { FlowScreen } from './screens/flow-screen.tsx';
import { GoodbyeScreen } from './screens/goodbye-screen.tsx';
import { LanguageScreen } from './screens/language-screen.tsx';
import { MenuScreen } from './screens/menu-screen.tsx';
import { OutOfServiceScreen } from './screens/out-of-service-screen.tsx';
import { StartingScreen } from './screens/starting-screen.tsx';
import { useKioskView } from './view/use-kiosk-view.ts';

/**
 * The kiosk UI: renders the runtime's view and nothing else. `data-screen` names the screen
 * shown (`connecting` until the first view arrives) so tests can wait on it.
 */
export function KioskApp() {
  const { view, connection } = useKioskView();
  useActivityReporter();
  const language = view?.language ?? DEFAULT_LANGUAGE;
  const disconnected = connection === 'disconnected';
  // The prompt's buttons could not reach the runtime while disconnected: only one overlay at a time.
  const prompt = !disconnected ? (view?.timeoutPrompt ?? null) : null;
  const overlayOpen = disconnected || prompt !== null;
  const call = view?.call ?? null;
  // A customer in a flow can call a teller from any step ("Need help?"); the menu has its own
  // "Talk to a teller" entry, and a second button saying the same would only compete with it.
  const helpOffered = view !== null && view.screen === 'flow';
  const classes = [
    'kiosk',
    callIsDocked(call) && 'kiosk--call-docked',
    helpOffered && !call && 'kiosk--help',
  ];

  useLayoutEffect(() => {
    document.documentElement.lang = HTML_LANG[language];
  }, [language]);

  return (
    <LanguageContext.Provider value={language}>
      <CallContext.Provider value={{ open: call !== null, topic: topicOfFlow(view?.flow?.id) }}>
        <div
          className={classes.filter(Boolean).join(' ')}
          data-screen={view?.screen ?? 'connecting'}
          data-revision={view?.revision}
          data-connection={connection}
          data-call={call?.step}
        >
          <div className="kiosk__screen" inert={overlayOpen || callCoversScreen(call)}>
            {view ? <Screen view={view} /> : <StartingScreen />}
            {helpOffered && <NeedHelpButton />}
          </div>
          {/* The call lies over the screen below and gives it back when it ends. */}
          {call && (
            <div className="kiosk__call" inert={overlayOpen}>
              <CallLayer call={call} />
            </div>
          )}
          {prompt && <TimeoutPrompt key={prompt.deadline} deadline={prompt.deadline} />}
          {disconnected && <DisconnectedOverlay language={view?.language ?? null} />}
        </div>
      </CallContext.Provider>
    </LanguageContext.Provider>
  );
}

function Screen({ view }: { view: KioskView }) {
  switch (view.screen) {
    case 'starting':
      return <StartingScreen />;
    case 'outOfService':
      return <OutOfServiceScreen />;
    case 'attract':
      return <AttractScreen />;
    case 'language':
      return <LanguageScreen />;
    case 'menu':
      return <MenuScreen menu={view.menu} backendOnline={view.backendOnline} />;
    case 'flow':
      return view.deposit ? (
        <DepositScreen deposit={view.deposit} />
      ) : (
        <FlowScreen flow={view.flow} card={view.card} />
      );
    case 'goodbye':
      return <GoodbyeScreen goodbye={view.goodbye} />;
  }
}
