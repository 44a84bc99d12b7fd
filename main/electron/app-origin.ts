/**
 * The kiosk UI is served from a privileged custom scheme, `app://kiosk/...`, never from `file://`:
 * a custom origin gets the same-origin rules of the web, and every policy in this folder can
 * name exactly one origin it trusts.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The kiosk app inside `dist/renderer` (Vite builds one folder per app: kiosk/, teller/, technician/). */
export const KIOSK_PAGE_PATH = '/kiosk/index.html';
export const KIOSK_PAGE_URL = `${APP_ORIGIN}${KIOSK_PAGE_PATH}`;

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

// Node's URL reports `origin: 'null'` for schemes it does not know, so the origin is compared
// by its parts. Credentials or a port never belong to the app origin.
function hasAppOrigin(url: URL): boolean {
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** Whether `url` is any URL on the app origin. */
export function isOnAppOrigin(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && hasAppOrigin(parsed);
}

/** Whether `origin` is the app origin itself (Chromium may add a trailing slash). */
export function isAppOrigin(origin: string): boolean {
  const parsed = parseUrl(origin);
  return (
    parsed !== null &&
    hasAppOrigin(parsed) &&
    (parsed.pathname === '' || parsed.pathname === '/') &&
    parsed.search === '' &&
    parsed.hash === ''
  );
}

/** Whether `url` is the kiosk page (any query or fragment: the UI may route with them). */
export function isKioskPage(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && hasAppOrigin(parsed) && parsed.pathname === KIOSK_PAGE_PATH;
}
