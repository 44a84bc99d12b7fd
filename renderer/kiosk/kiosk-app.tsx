import { useLayoutEffect } from 'react';
import type { KioskView } from '../../contracts/session-view.ts';
import { DEFAULT_LANGUAGE, HTML_LANG } from '../i18n/kiosk-i18n.ts';
import { useActivityReporter } from './activity/use-activity-reporter.ts';
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

  useLayoutEffect(() => {
    document.documentElement.lang = HTML_LANG[language];
  }, [language]);

  return (
    <LanguageContext.Provider value={language}>
      <div
        className="kiosk"
        data-screen={view?.screen ?? 'connecting'}
        data-revision={view?.revision}
        data-connection={connection}
      >
        <div className="kiosk__screen" inert={overlayOpen}>
          {view ? <Screen view={view} /> : <StartingScreen />}
        </div>
        {prompt && <TimeoutPrompt key={prompt.deadline} deadline={prompt.deadline} />}
        {disconnected && <DisconnectedOverlay language={view?.language ?? null} />}
      </div>
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
