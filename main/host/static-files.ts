import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeOf, fileInside } from '../../platform/static-file.ts';

/** The renderer's pages: `/kiosk/` and `/technician/` map to their index.html. */
const PAGE_ROUTES: Record<string, string> = {
  '/kiosk/': 'kiosk/index.html',
  '/technician/': 'technician/index.html',
};

/**
 * Serves the built renderer (dist/renderer) read-only. A path that would leave the root, or names a
 * hidden file, is not served (platform/static-file.ts).
 */
export function createStaticFiles(root: string) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const relative = PAGE_ROUTES[pathname] ?? pathname.replace(/^\/+/, '');
    const file = fileInside(root, relative);
    if (!file) return false;
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return false;
    const isHtml = file.endsWith('.html');
    res.writeHead(200, {
      'content-type': contentTypeOf(file),
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
