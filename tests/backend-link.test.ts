import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK_NAMESPACE } from '../contracts/index.ts';
import { type BackendLink, connectBackend } from '../main/runtime/backend/backend-link.ts';
import { createMemoryLogger } from '../platform/log.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A bare socket.io server on the kiosk namespace: accepts anyone, counts connections. */
async function fakeBackend() {
  const http = createServer();
  const io = new Server(http);
  const connections: string[] = [];
  io.of(KIOSK_NAMESPACE).on('connection', (socket) => connections.push(socket.id));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  cleanups.push(() => {
    io.close();
    http.close();
  });
  return { io, connections, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

function until(link: BackendLink, online: boolean, timeoutMs = 5_000) {
  return new Promise<void>((resolve, reject) => {
    if (link.state().online === online) return resolve();
    const timer = setTimeout(() => reject(new Error(`link never became online=${online}`)), timeoutMs);
    const off = link.onChange((state) => {
      if (state.online === online) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

describe('backend link', () => {
  it('connects again after the backend closes its socket on purpose', async () => {
    const backend = await fakeBackend();
    const link = connectBackend({
      url: backend.url,
      kioskId: 'kiosk-link-001',
      privateKey: generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      softwareVersion: 'test',
      heartbeatMs: 60_000,
      snapshot: () => ({ screen: 'attract', devices: [] }),
      logger: createMemoryLogger(),
    });
    cleanups.push(() => link.close());
    await until(link, true);
    // A server-side disconnect: socket.io's client does not reconnect by itself after this one.
    backend.io.of(KIOSK_NAMESPACE).disconnectSockets(true);
    await until(link, false);
    await until(link, true);
    expect(backend.connections).toHaveLength(2);
  });
});
