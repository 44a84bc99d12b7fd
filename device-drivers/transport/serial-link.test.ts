import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../platform/log.ts';
import {
  createSerialLink,
  LinkAbortedError,
  LinkClosedError,
  type LinkState,
  LinkTimeoutError,
  type SerialLink,
  type SerialPortLike,
} from './serial-link.ts';

const PATH = '/dev/ttyTEST';
const MockBinding = SerialPortMock.binding;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

/**
 * A mock serial device: `respond` sees each write and may answer after `replyDelayMs`. Events
 * are logged in order so a test can see whether a write went out before the previous reply.
 */
function mockDevice(respond: (written: Buffer) => Buffer | null, replyDelayMs = 5) {
  const events: string[] = [];
  const ports: SerialPortMock[] = [];
  let failSet = false;
  const openPort = (path: string, baudRate: number): SerialPortLike => {
    const port = new SerialPortMock({ path, baudRate, autoOpen: false });
    const write = port.write.bind(port) as (
      data: Buffer,
      cb?: (error: Error | null | undefined) => void,
    ) => boolean;
    Object.assign(port, {
      write: (data: Buffer, cb?: (error: Error | null | undefined) => void) => {
        events.push(`write:${data.toString('hex')}`);
        const result = write(data, cb);
        const reply = respond(data);
        if (reply) {
          setTimeout(() => {
            events.push(`reply:${reply.toString('hex')}`);
            port.port?.emitData(reply);
          }, replyDelayMs);
        }
        return result;
      },
      set: (_options: unknown, cb: (error: Error | null) => void) => {
        if (failSet) cb(new Error('Inappropriate ioctl for device'));
        else cb(null);
      },
    });
    ports.push(port);
    return port;
  };
  return {
    events,
    ports,
    openPort,
    failSetLikeAPty: () => {
      failSet = true;
    },
  };
}

let link: SerialLink | null = null;
afterEach(async () => {
  await link?.stop();
  link = null;
  MockBinding.reset();
});

function startLink(device: ReturnType<typeof mockDevice>, logger = createMemoryLogger()) {
  link = createSerialLink({
    path: PATH,
    logger,
    openPort: device.openPort,
    reopenDelayMs: { initial: 10, max: 40 },
  });
  return link;
}

describe('serial link', () => {
  it('keeps exactly one request on the wire and returns each reply to its caller', async () => {
    MockBinding.createPort(PATH);
    const device = mockDevice((written) => Buffer.from([written[2]! + 0x10]), 15);
    const serial = startLink(device);
    await serial.start();
    expect(serial.state).toBe('open');
    const replies = await Promise.all(
      [1, 2, 3].map((n) =>
        serial.request(Buffer.from([0x10, 0x04, n]), { responseLength: 1, timeoutMs: 500 }),
      ),
    );
    expect(replies.map((r) => r[0])).toEqual([0x11, 0x12, 0x13]);
    expect(device.events).toEqual([
      'write:100401',
      'reply:11',
      'write:100402',
      'reply:12',
      'write:100403',
      'reply:13',
    ]);
  });

  it('completes a reply by length or by predicate and counts extra bytes as noise', async () => {
    MockBinding.createPort(PATH);
    const device = mockDevice((written) =>
      written[0] === 0x01 ? Buffer.from('abc') : Buffer.from('OK\r\n'),
    );
    const serial = startLink(device);
    await serial.start();
    const byLength = await serial.request(Buffer.from([0x01]), { responseLength: 2, timeoutMs: 500 });
    expect(byLength.toString()).toBe('ab');
    await until(() => serial.noiseBytes === 1);
    const byPredicate = await serial.request(Buffer.from([0x02]), {
      isComplete: (received) => received.includes(0x0a),
      timeoutMs: 500,
    });
    expect(byPredicate.toString()).toBe('OK\r\n');
  });

  it('counts bytes that arrive when nobody waits as noise', async () => {
    MockBinding.createPort(PATH);
    const device = mockDevice(() => null);
    const serial = startLink(device);
    await serial.start();
    device.ports[0]!.port!.emitData(Buffer.from([0xff, 0x00, 0x7f]));
    await until(() => serial.noiseBytes === 3);
  });

  it('times out a silent device per request and carries on with the next', async () => {
    MockBinding.createPort(PATH);
    const device = mockDevice((written) => (written[0] === 0x02 ? Buffer.from([0x42]) : null));
    const serial = startLink(device);
    await serial.start();
    const started = Date.now();
    const silent = serial.request(Buffer.from([0x01]), { responseLength: 1, timeoutMs: 80 });
    const answered = serial.request(Buffer.from([0x02]), { responseLength: 1, timeoutMs: 80 });
    await expect(silent).rejects.toBeInstanceOf(LinkTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    expect((await answered)[0]).toBe(0x42);
  });

  it('aborts a queued request and the one on the wire', async () => {
    MockBinding.createPort(PATH);
    const device = mockDevice(() => null);
    const serial = startLink(device);
    await serial.start();
    const onWire = new AbortController();
    const queued = new AbortController();
    const first = serial.request(Buffer.from([0x01]), {
      responseLength: 1,
      timeoutMs: 5_000,
      signal: onWire.signal,
    });
    const second = serial.request(Buffer.from([0x02]), {
      responseLength: 1,
      timeoutMs: 5_000,
      signal: queued.signal,
    });
    queued.abort();
    await expect(second).rejects.toBeInstanceOf(LinkAbortedError);
    onWire.abort();
    await expect(first).rejects.toBeInstanceOf(LinkAbortedError);
    expect(device.events).toEqual(['write:01']);
  });

  it('resolves a command without a reply once it is written', async () => {
    MockBinding.createPort(PATH, { record: true });
    const device = mockDevice(() => null);
    const serial = startLink(device);
    await serial.start();
    const reply = await serial.request(Buffer.from('hello'), { timeoutMs: 500 });
    expect(reply.length).toBe(0);
    expect(device.ports[0]!.port!.recording.toString()).toBe('hello');
  });

  it('opens even when the modem lines cannot be set, as on a PTY', async () => {
    MockBinding.createPort(PATH);
    const device = mockDevice(() => Buffer.from([0x12]));
    device.failSetLikeAPty();
    const logger = createMemoryLogger();
    const serial = startLink(device, logger);
    await serial.start();
    expect(serial.state).toBe('open');
    expect(
      (await serial.request(Buffer.from([0x10, 0x04, 0x01]), { responseLength: 1, timeoutMs: 500 }))[0],
    ).toBe(0x12);
    expect(logger.lines.some((line) => line.includes('modem control lines not supported'))).toBe(true);
  });

  it('marks itself closed when the port is lost and reopens by itself with backoff', async () => {
    MockBinding.createPort(PATH);
    const device = mockDevice(() => null);
    const serial = startLink(device);
    const states: LinkState[] = [];
    serial.onStateChange((s) => states.push(s));
    await serial.start();
    const inFlight = serial.request(Buffer.from([0x01]), { responseLength: 1, timeoutMs: 5_000 });
    // The cable is pulled: the device disappears and the port closes with a disconnect error.
    MockBinding.reset();
    device.ports[0]!._disconnected(new Error('device disconnected'));
    await expect(inFlight).rejects.toBeInstanceOf(LinkClosedError);
    expect(states).toEqual(['open', 'closed']);
    await expect(
      serial.request(Buffer.from([0x02]), { responseLength: 1, timeoutMs: 100 }),
    ).rejects.toBeInstanceOf(LinkClosedError);
    // Reopen attempts fail while the device is gone (10, 20, 40, 40 ms apart)...
    await until(() => device.ports.length >= 4);
    expect(serial.state).toBe('closed');
    // ...and succeed once it is back.
    MockBinding.createPort(PATH);
    await until(() => serial.state === 'open');
    expect(states).toEqual(['open', 'closed', 'open']);
  });

  it('leaves nothing running after stop', async () => {
    MockBinding.createPort(PATH);
    const device = mockDevice(() => null);
    const serial = startLink(device);
    let calls = 0;
    serial.onStateChange(() => calls++);
    await serial.start();
    const pending = serial.request(Buffer.from([0x01]), { responseLength: 1, timeoutMs: 5_000 });
    MockBinding.reset();
    await serial.stop();
    await expect(pending).rejects.toBeInstanceOf(LinkClosedError);
    const opened = device.ports.length;
    await sleep(100);
    expect(device.ports.length).toBe(opened);
    expect(calls).toBe(1);
    await expect(serial.request(Buffer.from([0x01]), { timeoutMs: 10 })).rejects.toBeInstanceOf(
      LinkClosedError,
    );
  });

  it('fails every queued request as stopped, and starts none of them on the way out', async () => {
    MockBinding.createPort(PATH);
    const device = mockDevice(() => null);
    const serial = startLink(device);
    await serial.start();
    const requests = [0x01, 0x02, 0x03].map((byte) =>
      serial.request(Buffer.from([byte]), { responseLength: 1, timeoutMs: 300 }),
    );
    const outcomes = Promise.allSettled(requests);
    await serial.stop();
    for (const outcome of await outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(LinkClosedError);
    }
    expect(device.events.filter((event) => event.startsWith('write:'))).toEqual(['write:01']);
  });
});
