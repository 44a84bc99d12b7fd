import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A one-line HTML page from node:http on loopback: the cheapest page Chromium can load and paint,
 * the baseline for "kiosk URL to attract screen painted".
 */
export async function startStaticPage(): Promise<{ url: string; close(): Promise<void> }> {
  const body = '<!doctype html><p id="static">Ventanilla</p>\n';
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
