import { io, type Socket } from 'socket.io-client';
import { KIOSK_NAMESPACE } from '../../contracts/index.ts';

/**
 * A `/kiosk` socket for sync tests, paced for tests (short reconnection delays). socket.io does not
 * reconnect by itself after the server drops a socket on purpose ("io server disconnect"); a kiosk
 * must, so this socket reconnects then too.
 */
export function connectSyncSocket(url: string, auth?: (deliver: (auth: object) => void) => void): Socket {
  const socket = io(`${url}${KIOSK_NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 20,
    reconnectionDelayMax: 200,
    ...(auth ? { auth } : {}),
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') socket.connect();
  });
  return socket;
}
