import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentTypeOf, fileInside } from '../../platform/static-file.ts';

/**
 * Headers of the teller console and its assets. The console talks to this backend only (HTTP and
 * its socket.io WebSocket), shows the kiosk's video from MediaStreams (blob:) and the shared
 * document image (fetched, then shown as blob: or data:); nothing may frame it.
 */
export const TELLER_CONSOLE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; connect-src 'self' ws: wss:; media-src 'self' blob:; img-src 'self' data: blob:; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  // Camera and microphone for the teller's own video; nothing else.
  'permissions-policy': 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=()',
} as const;

const NOT_BUILT =
  'The teller console is not built. Build it with `npm run build:renderer` (it is written to ' +
  'dist/renderer/teller/) and reload this page.\n';

/** dist/renderer of the repository: the first folder above this module with a package.json. */
export function defaultRendererDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return join(dir, 'dist', 'renderer');
}

/** Paths the console's server answers; any other is not its business. */
export function isTellerConsolePath(pathname: string): boolean {
  return pathname === '/teller' || pathname.startsWith('/teller/') || pathname.startsWith('/assets/');
}

/**
 * Serves the built teller console from `rendererDir` (dist/renderer): `/teller/` is
 * teller/index.html, `/teller/<file>` a file beside it, and `/assets/<file>` the bundles Vite
 * shares between the renderer apps (the page refers to them as `../assets/…`). Files are read at
 * request time, so a rebuild needs no restart. A path that leaves its folder after decoding and
 * normalisation, or names a hidden file, is 404. Without a built console the page answers 503
 * with what to do. GET and HEAD only.
 */
export function createTellerConsoleAssets(rendererDir: string = defaultRendererDir()) {
  const tellerDir = join(rendererDir, 'teller');
  const assetsDir = join(rendererDir, 'assets');

  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'use GET\n', { allow: 'GET, HEAD' });
      return;
    }
    if (pathname === '/teller') {
      res.writeHead(308, { ...TELLER_CONSOLE_HEADERS, location: '/teller/' });
      res.end();
      return;
    }
    const [dir, relative] = pathname.startsWith('/assets/')
      ? [assetsDir, pathname.slice('/assets/'.length)]
      : [tellerDir, pathname.slice('/teller/'.length) || 'index.html'];
    const file = fileInside(dir, relative);
    if (!file) {
      sendText(res, 404, 'not found\n');
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      const built = await stat(join(tellerDir, 'index.html')).catch(() => null);
      if (!built?.isFile()) sendText(res, 503, NOT_BUILT);
      else sendText(res, 404, 'not found\n');
      return;
    }
    const body = await readFile(file);
    const isHtml = file.endsWith('.html');
    res.writeHead(200, {
      ...TELLER_CONSOLE_HEADERS,
      'content-type': contentTypeOf(file),
      'content-length': body.length,
      // Bundles under assets/ carry a content hash and never change; the page is fetched fresh so a
      // new build is picked up.
      'cache-control': isHtml || dir === tellerDir ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...TELLER_CONSOLE_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}
