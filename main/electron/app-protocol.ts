import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

/**
 * Serves `app://kiosk/<path>` from the built renderer (`dist/renderer`) for `protocol.handle`.
 * Pure apart from the injected `readFile`, so the rules below are tested without Electron.
 */
export interface AppProtocolOptions {
  /** Absolute folder of the built renderer. */
  root: string;
  /** The Content-Security-Policy sent with every response, errors included. */
  contentSecurityPolicy: string;
  readFile(path: string): Promise<Uint8Array>;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file a request URL names inside `root`, or null when it names none: another scheme or host,
 * a malformed escape, a NUL or backslash, or a path that would leave `root` (`..`, also encoded).
 * A path ending in `/` names that folder's index.html.
 */
export function resolveAppPath(requestUrl: string, root: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.port !== '' || url.username !== '') {
    return null;
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\') || !path.startsWith('/')) return null;
  if (path.endsWith('/')) path += 'index.html';
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  return file.startsWith(base + sep) ? file : null;
}

function respond(
  status: number,
  body: Uint8Array | string | null,
  contentType: string,
  csp: string,
): Response {
  return new Response(body as BodyInit | null, {
    status,
    headers: {
      'content-type': contentType,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      // The files change only with a new build; never serve a stale UI after an update.
      'cache-control': 'no-cache',
    },
  });
}

export async function serveAppRequest(
  request: { method: string; url: string },
  options: AppProtocolOptions,
): Promise<Response> {
  const csp = options.contentSecurityPolicy;
  const text = 'text/plain; charset=utf-8';
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return respond(405, 'method not allowed', text, csp);
  const file = resolveAppPath(request.url, options.root);
  if (file === null) return respond(404, 'not found', text, csp);
  let body: Uint8Array;
  try {
    body = await options.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR')
      return respond(404, 'not found', text, csp);
    return respond(500, 'cannot read file', text, csp);
  }
  return respond(200, request.method === 'HEAD' ? null : body, mimeTypeOf(file), csp);
}
