import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedHidTransport } from './hid-simulated-transport.ts';
import { HidUnavailableError } from './hid-transport.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let server: Server | null = null;
let path = '';
const open: Socket[] = [];

async function listen(onConnection: (socket: Socket) => void): Promise<string> {
  path = join(tmpdir(), `ventanilla-hid-test-${process.pid}-${Math.random().toString(36).slice(2)}`);
  server = createServer((socket) => {
    open.push(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server!.listen(path, resolve));
  return path;
}

afterEach(async () => {
  for (const socket of open.splice(0)) socket.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  rmSync(path, { force: true });
});

describe('simulated HID transport', () => {
  it('delivers each framed report whole, however the stream is cut, and frames what it writes', async () => {
    const received: Buffer[] = [];
    const socketPath = await listen((socket) => {
      socket.on('data', (chunk) => received.push(chunk));
      socket.write(Buffer.from([3, 1, 2]));
      setTimeout(() => socket.write(Buffer.from([3, 3, 4, 5, 6])), 10);
    });
    const transport = new SimulatedHidTransport({ socketPath });
    const reports: number[][] = [];
    transport.onReport((report) => reports.push([...report]));
    await transport.open();
    await transport.write(Uint8Array.of(0, 7));
    while (reports.length < 2) await sleep(5);
    expect(reports).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(Buffer.concat(received)).toEqual(Buffer.from([2, 0, 7]));
    await transport.close();
  });

  it('drops the connection on a frame length of 0 or above 64', async () => {
    const socketPath = await listen((socket) => socket.write(Buffer.from([1, 9, 200, 1, 2, 3])));
    const transport = new SimulatedHidTransport({ socketPath });
    const reports: number[][] = [];
    const closes: string[] = [];
    transport.onReport((report) => reports.push([...report]));
    transport.onClose((reason) => closes.push(reason));
    await transport.open();
    while (closes.length === 0) await sleep(5);
    expect(reports).toEqual([[9]]);
    expect(closes[0]).toMatch(/out of step/);
    expect(transport.isOpen).toBe(false);
  });

  it('reports a closed connection, and opens again afterwards', async () => {
    const sockets: Socket[] = [];
    const socketPath = await listen((socket) => sockets.push(socket));
    const transport = new SimulatedHidTransport({ socketPath });
    const closes: string[] = [];
    transport.onClose((reason) => closes.push(reason));
    await transport.open();
    while (sockets.length === 0) await sleep(5);
    sockets[0]!.destroy();
    while (closes.length === 0) await sleep(5);
    await transport.open();
    expect(transport.isOpen).toBe(true);
    await transport.close();
    expect(closes).toHaveLength(1);
  });

  it('refuses to open when nothing listens', async () => {
    const transport = new SimulatedHidTransport({ socketPath: join(tmpdir(), 'ventanilla-no-such-socket') });
    await expect(transport.open()).rejects.toBeInstanceOf(HidUnavailableError);
  });
});
