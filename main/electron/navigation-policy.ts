import { isOnAppOrigin } from './app-origin.ts';

/**
 * The kiosk window shows the kiosk app and nothing else: a link, a redirect or a script cannot take
 * it to another origin, and no page can open a window (a new window would escape kiosk mode).
 * These are the decisions; `web-contents-guards.ts` attaches them to Electron's events.
 */

/** `will-navigate`, `will-frame-navigate`, `will-redirect`: stay on the app origin. */
export function isNavigationAllowed(url: string): boolean {
  return isOnAppOrigin(url);
}

/** `setWindowOpenHandler`: every `window.open` and `target=_blank` is refused. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** `will-attach-webview`: the kiosk has no `<webview>` (and `webviewTag` is off besides). */
export function isWebviewAttachAllowed(): boolean {
  return false;
}
