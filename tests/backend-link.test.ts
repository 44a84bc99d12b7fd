import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_ISSUE_EVENT, CARD_ORDER_LOOKUP_EVENT, KIOSK_NAMESPACE } from '../contracts/index.ts';
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

function linkTo(url: string) {
  const link = connectBackend({
    url,
    kioskId: 'kiosk-link-002',
    privateKey: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    softwareVersion: 'test',
    heartbeatMs: 60_000,
    snapshot: () => ({ screen: 'attract', devices: [] }),
    logger: createMemoryLogger(),
  });
  cleanups.push(() => link.close());
  return link;
}

const ISSUED = {
  cardId: '3b0c6d8e-2f4a-4c1e-9a7b-5d6e7f8a9b0c',
  pan: '4000001234567899',
  surname: 'ESPINOSA',
  givenNames: 'ANA',
  expiry: '2911',
  serviceCode: '101',
  discretionary: '000123',
};
const ISSUE_REQUEST = {
  orderRef: 'order-ref-0001',
  attemptId: '6f1d0c1e-0000-4000-8000-000000000001',
  attempt: 1,
};

describe('backend link: card calls', () => {
  it('looks up a card order and validates the answer', async () => {
    const backend = await fakeBackend();
    const answers: unknown[] = [
      {
        ok: true,
        found: true,
        orderRef: 'order-ref-0001',
        holderNameMasked: 'A** E*****',
        product: 'debit',
        status: 'open',
        tellerApproval: false,
      },
      { ok: true, found: false },
      { ok: false, error: { code: 'rateLimited', message: 'slow down' } },
      { ok: true, found: true, orderRef: 'short' },
    ];
    backend.io
      .of(KIOSK_NAMESPACE)
      .on('connection', (socket) =>
        socket.on(CARD_ORDER_LOOKUP_EVENT, (_payload: unknown, ack: (answer: unknown) => void) =>
          ack(answers.shift()),
        ),
      );
    const link = linkTo(backend.url);
    await until(link, true);
    expect(await link.lookupCardOrder('ABCD2345')).toEqual({
      status: 'found',
      orderRef: 'order-ref-0001',
      holderNameMasked: 'A** E*****',
      product: 'debit',
      orderStatus: 'open',
      tellerApproval: false,
    });
    expect(await link.lookupCardOrder('ABCD2345')).toEqual({ status: 'notFound' });
    expect(await link.lookupCardOrder('ABCD2345')).toEqual({ status: 'notFound' });
    // A malformed answer is not trusted.
    expect(await link.lookupCardOrder('ABCD2345')).toEqual({ status: 'offline' });
  });

  it('issues a card, and treats a refusal, a malformed answer or silence as offline', async () => {
    const backend = await fakeBackend();
    const answers: unknown[] = [
      { ok: true, approved: true, card: ISSUED },
      { ok: true, approved: false, reason: 'orderExpired' },
      { ok: false, error: { code: 'internal', message: 'boom' } },
      { ok: true, approved: true, card: { ...ISSUED, pan: '4000' } },
      'silence',
    ];
    const requests: unknown[] = [];
    backend.io.of(KIOSK_NAMESPACE).on('connection', (socket) =>
      socket.on(CARD_ISSUE_EVENT, (payload: unknown, ack: (answer: unknown) => void) => {
        requests.push(payload);
        const answer = answers.shift();
        if (answer !== 'silence') ack(answer);
      }),
    );
    const link = linkTo(backend.url);
    await until(link, true);
    expect(await link.issueCard(ISSUE_REQUEST)).toEqual({ status: 'approved', card: ISSUED });
    expect(await link.issueCard(ISSUE_REQUEST)).toEqual({ status: 'declined', reason: 'orderExpired' });
    expect(await link.issueCard(ISSUE_REQUEST)).toEqual({ status: 'offline' });
    expect(await link.issueCard(ISSUE_REQUEST)).toEqual({ status: 'offline' });
    expect(await link.issueCard(ISSUE_REQUEST, undefined, 200)).toEqual({ status: 'offline' });
    expect(requests).toHaveLength(5);
    expect(requests[0]).toEqual(ISSUE_REQUEST);
    // A call whose caller already left is not sent.
    expect(await link.issueCard(ISSUE_REQUEST, AbortSignal.abort())).toEqual({ status: 'offline' });
    expect(requests).toHaveLength(5);
  });

  it('answers offline at once while the link is down', async () => {
    const link = linkTo('http://127.0.0.1:9');
    expect(await link.lookupCardOrder('ABCD2345')).toEqual({ status: 'offline' });
    expect(await link.issueCard(ISSUE_REQUEST)).toEqual({ status: 'offline' });
  });
});

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
