import type { WebContents } from 'electron';
import type { Logger } from '../../platform/log.ts';
import { isNavigationAllowed, isWebviewAttachAllowed, windowOpenDecision } from './navigation-policy.ts';

/**
 * Attaches the navigation policy to a web contents. Main applies it to every web contents
 * Electron creates (`web-contents-created`), not only the kiosk window's, so nothing escapes it.
 */
export function guardWebContents(contents: WebContents, log: Logger): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string, kind: string) => {
    if (isNavigationAllowed(url)) return;
    event.preventDefault();
    log.warn('navigation refused', { kind, target: originOf(url) });
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, event.url, 'navigate'));
  contents.on('will-frame-navigate', (event) => refuseNavigation(event, event.url, 'frame-navigate'));
  contents.on('will-redirect', (event) => refuseNavigation(event, event.url, 'redirect'));
  contents.setWindowOpenHandler((details) => {
    log.warn('window.open refused', { target: originOf(details.url) });
    return windowOpenDecision();
  });
  contents.on('will-attach-webview', (event) => {
    if (!isWebviewAttachAllowed()) event.preventDefault();
  });
}

/** In production the DevTools stay shut even if something opens them. */
export function keepDevToolsClosed(contents: WebContents): void {
  contents.on('devtools-opened', () => contents.closeDevTools());
}

// Logs carry where a refused navigation pointed, not its path or query (they may hold data).
function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(invalid url)';
  }
}
