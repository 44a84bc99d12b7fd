import { createServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { announceReady, onShutdownSignal } from '../../platform/ready-line.ts';

/**
 * The floor of a signaling relay, as its own process: a socket.io server with no authentication,
 * no validation, no routing table and no audit. A client names its pair and side in the handshake;
 * each `signal` it sends goes as it is to the other side of that pair, with an `{ok:true}` ack as
 * the backend gives. What the video teller's relay costs is measured against this.
 */
const pairs = new Map<string, { teller?: Socket; kiosk?: Socket }>();
const http = createServer();
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 1_000_000 });

io.on('connection', (socket) => {
  const { pair, side } = socket.handshake.auth as { pair: string; side: 'teller' | 'kiosk' };
  const entry = pairs.get(pair) ?? {};
  entry[side] = socket;
  pairs.set(pair, entry);
  const other = side === 'teller' ? 'kiosk' : 'teller';
  socket.on('signal', (message: unknown, ack?: (reply: unknown) => void) => {
    pairs.get(pair)?.[other]?.emit('signal', message);
    ack?.({ ok: true });
  });
  socket.on('disconnect', () => {
    const current = pairs.get(pair);
    if (current?.[side] === socket) delete current[side];
  });
});

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  announceReady({ url: `http://127.0.0.1:${port}`, port, pid: process.pid });
});
onShutdownSignal(async () => {
  await io.close();
});
