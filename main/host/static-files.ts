import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** The renderer's pages: `/kiosk/` and `/technician/` map to their index.html. */
const PAGE_ROUTES: Record<string, string> = {
  '/kiosk/': 'kiosk/index.html',
  '/technician/': 'technician/index.html',
};

/**
 * Serves the built renderer (dist/renderer) read-only. A path that leaves the root after
 * normalisation is refused, so `..` and encoded variants cannot reach other files.
 */
export function createStaticFiles(root: string) {
  const rootWithSep = root.endsWith(sep) ? root : root + sep;
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return false;
    }
    if (decoded.includes('\0')) return false;
    const relative = PAGE_ROUTES[decoded] ?? decoded.replace(/^\/+/, '');
    const file = normalize(join(root, relative));
    if (!file.startsWith(rootWithSep)) return false;
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return false;
    const isHtml = file.endsWith('.html');
    res.writeHead(200, {
      'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      // Hashed assets never change; pages must be fetched fresh so a new build is picked up.
      'cache-control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    createReadStream(file).pipe(res);
    return true;
  };
}
