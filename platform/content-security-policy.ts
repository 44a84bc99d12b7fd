/**
 * The Content-Security-Policy of every page Ventanilla serves, in Electron (`app://kiosk`) and in
 * the browser host (HTTP on loopback). One builder so the two shells cannot drift apart.
 *
 * No 'unsafe-inline' and no 'unsafe-eval': the renderer is built by Vite into files, and React sets
 * styles through the CSSOM, which CSP does not govern. `blob:` and `mediastream:` are there for the
 * video-teller call (camera preview and remote streams).
 */
export interface ContentSecurityPolicyOptions {
  /** Extra `connect-src` sources beyond 'self', e.g. `ws://127.0.0.1:4100` for the browser host's bridge. */
  connectSrc: string[];
}

/**
 * A CSP source is one token: a scheme (`ws:`), a host source (`https://bank.example:443`) or a
 * quoted keyword. Whitespace, ';' or ',' would let a config value add or cut directives.
 */
const SOURCE_PATTERN = /^[^\s;,]+$/;

export function contentSecurityPolicy(options: ContentSecurityPolicyOptions): string {
  for (const source of options.connectSrc) {
    if (!SOURCE_PATTERN.test(source)) {
      throw new Error(`content-security-policy: invalid connect-src source ${JSON.stringify(source)}`);
    }
  }
  const connectSrc = ["'self'", ...new Set(options.connectSrc.filter((source) => source !== "'self'"))];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src ${connectSrc.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}
