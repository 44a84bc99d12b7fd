import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../platform/log.ts';
import { type ChecksumMode, encodeFrame } from '../codecs/cctalk/frame.ts';
import { BUSY, NAK, REQUEST_EQUIPMENT_CATEGORY_ID, SIMPLE_POLL } from '../codecs/cctalk/headers.ts';
import type { SerialPortLike } from '../transport/serial-link.ts';
import {
  type CcTalkBus,
  CcTalkAbortedError,
  CcTalkBusyError,
  CcTalkChecksumError,
  CcTalkCollisionError,
  CcTalkLinkClosedError,
  CcTalkNakError,
  CcTalkTimeoutError,
  createCcTalkBus,
} from './cctalk-bus.ts';

const PATH = '/dev/ttyCCTALK';
const MockBinding = SerialPortMock.binding;

/** What the scripted device puts on the wire after a write: byte chunks, each after a delay. */
type Script = (written: Buffer, attempt: number) => Array<{ afterMs: number; bytes: Buffer }>;

/**
 * A fake ccTalk bus: every write is seen by `script`, which decides what comes back — usually
 * the echo of the request (single wire) and then the device's reply.
 */
function fakeBus(script: Script) {
  const writes: Buffer[] = [];
  const openPort = (path: string, baudRate: number): SerialPortLike => {
    const port = new SerialPortMock({ path, baudRate, autoOpen: false });
    const write = port.write.bind(port) as (
      data: Buffer,
      cb?: (error: Error | null | undefined) => void,
    ) => boolean;
    Object.assign(port, {
      write: (data: Buffer, cb?: (error: Error | null | undefined) => void) => {
        writes.push(Buffer.from(data));
        const result = write(data, cb);
        for (const { afterMs, bytes } of script(Buffer.from(data), writes.length)) {
          setTimeout(() => port.port?.emitData(bytes), afterMs);
        }
        return result;
      },
    });
    return port;
  };
  return { writes, openPort };
}

const frame = (
  mode: ChecksumMode,
  destination: number,
  source: number,
  header: number,
  data: number[] = [],
) => encodeFrame({ destination, source, header, data: Uint8Array.from(data) }, mode);
const echoThen = (written: Buffer, ...replies: Buffer[]) => [
  { afterMs: 2, bytes: written },
  ...replies.map((bytes, i) => ({ afterMs: 10 + i * 5, bytes })),
];

let bus: CcTalkBus | null = null;
afterEach(async () => {
  await bus?.stop();
  bus = null;
  MockBinding.reset();
});

async function startBus(script: Script, mode: ChecksumMode = 'simple8', echo = true) {
  MockBinding.createPort(PATH);
  const device = fakeBus(script);
  bus = createCcTalkBus({ path: PATH, mode, logger: createMemoryLogger(), echo, openPort: device.openPort });
  await bus.start();
  return { bus, device };
}

describe('ccTalk bus', () => {
  it('skips its own echo and returns the reply addressed to the host', async () => {
    const { bus, device } = await startBus((w) => echoThen(w, frame('simple8', 1, 2, 0)));
    await expect(bus.request({ destination: 2, header: SIMPLE_POLL })).resolves.toEqual({
      header: 0,
      data: new Uint8Array(0),
    });
    expect(device.writes[0]).toEqual(Buffer.from([2, 0, 1, 254, 255]));
    expect(bus.noiseBytes).toBe(0);
  });

  it('returns reply data (equipment category)', async () => {
    const reply = frame('simple8', 1, 2, 0, [...Buffer.from('Coin Acceptor')]);
    const { bus } = await startBus((w) => echoThen(w, reply));
    const answer = await bus.request({ destination: 2, header: REQUEST_EQUIPMENT_CATEGORY_ID });
    expect(Buffer.from(answer.data).toString('ascii')).toBe('Coin Acceptor');
  });

  it('speaks CRC-16 to a bill validator (part 1 example frames)', async () => {
    const { bus, device } = await startBus((w) => echoThen(w, Buffer.from([1, 0, 48, 0, 55])), 'crc16');
    await expect(bus.request({ destination: 40, header: SIMPLE_POLL })).resolves.toEqual({
      header: 0,
      data: new Uint8Array(0),
    });
    expect(device.writes[0]).toEqual(Buffer.from([40, 0, 182, 254, 33]));
  });

  it('works without echo for interfaces with separate transmit and receive lines', async () => {
    const { bus } = await startBus(
      () => [{ afterMs: 5, bytes: frame('simple8', 1, 2, 0, [9]) }],
      'simple8',
      false,
    );
    await expect(bus.request({ destination: 2, header: 246 })).resolves.toEqual({
      header: 0,
      data: Uint8Array.of(9),
    });
  });

  it('reports a bus collision when the echo is not the request', async () => {
    const other = frame('simple8', 3, 1, SIMPLE_POLL);
    const { bus } = await startBus(() => [{ afterMs: 2, bytes: other }]);
    await expect(bus.request({ destination: 2, header: SIMPLE_POLL })).rejects.toBeInstanceOf(
      CcTalkCollisionError,
    );
  });

  it('skips noise right before the reply', async () => {
    // 0xff 0x13 reads as the start of a 24-byte frame, so the reply behind it is found when that
    // frame's checksum could fail or, as here, when the time-out settles the held bytes.
    const reply = frame('simple8', 1, 2, 0, [7]);
    const { bus } = await startBus((w) => echoThen(w, Buffer.concat([Buffer.from([0xff, 0x13]), reply])));
    await expect(bus.request({ destination: 2, header: 246, timeoutMs: 150 })).resolves.toEqual({
      header: 0,
      data: Uint8Array.of(7),
    });
    expect(bus.noiseBytes).toBe(2);
  });

  it('settles noise that looked like a long frame once the line was quiet, then finds the reply', async () => {
    const reply = frame('simple8', 1, 2, 0, [7]);
    const { bus } = await startBus((w) => [
      { afterMs: 2, bytes: w },
      { afterMs: 5, bytes: Buffer.from([0x01, 0xc8]) }, // 1 then 200: a 205-byte frame that never comes
      { afterMs: 80, bytes: reply },
    ]);
    await expect(bus.request({ destination: 2, header: 246 })).resolves.toEqual({
      header: 0,
      data: Uint8Array.of(7),
    });
  });

  it('ignores a frame from another device and waits for the right one', async () => {
    const { bus } = await startBus((w) =>
      echoThen(w, frame('simple8', 1, 3, 0, [1]), frame('simple8', 1, 2, 0, [2])),
    );
    await expect(bus.request({ destination: 2, header: 246 })).resolves.toEqual({
      header: 0,
      data: Uint8Array.of(2),
    });
  });

  it('turns NAK and BUSY into typed errors', async () => {
    const { bus } = await startBus((w, n) => echoThen(w, frame('simple8', 1, 2, n === 1 ? NAK : BUSY)));
    await expect(
      bus.request({ destination: 2, header: 231, data: Uint8Array.of(1, 2, 3) }),
    ).rejects.toBeInstanceOf(CcTalkNakError);
    await expect(
      bus.request({ destination: 2, header: 231, data: Uint8Array.of(255, 255) }),
    ).rejects.toBeInstanceOf(CcTalkBusyError);
  });

  it('times out when only the echo comes back', async () => {
    const { bus } = await startBus((w) => [{ afterMs: 2, bytes: w }]);
    const error = await bus
      .request({ destination: 2, header: SIMPLE_POLL, timeoutMs: 60 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CcTalkTimeoutError);
    expect(error).not.toBeInstanceOf(CcTalkChecksumError);
  });

  it('times out when nothing at all comes back', async () => {
    const { bus } = await startBus(() => []);
    await expect(bus.request({ destination: 2, header: SIMPLE_POLL, timeoutMs: 40 })).rejects.toThrow(
      /not even the echo/,
    );
  });

  it('reports a garbled reply as a checksum error (a kind of time-out)', async () => {
    const garbled = frame('simple8', 1, 2, 0, [5]);
    garbled[4] = 6;
    const { bus } = await startBus((w) => echoThen(w, garbled));
    await expect(bus.request({ destination: 2, header: 246, timeoutMs: 60 })).rejects.toBeInstanceOf(
      CcTalkChecksumError,
    );
  });

  it('retries a time-out only as often as the caller says', async () => {
    const script: Script = (w, n) =>
      n === 1 ? [{ afterMs: 2, bytes: w }] : echoThen(w, frame('simple8', 1, 2, 0));
    const { bus, device } = await startBus(script);
    await expect(
      bus.request({ destination: 2, header: SIMPLE_POLL, timeoutMs: 50, retries: 1 }),
    ).resolves.toEqual({
      header: 0,
      data: new Uint8Array(0),
    });
    expect(device.writes).toHaveLength(2);
  });

  it('does not retry by default, nor after NAK', async () => {
    const silent = await startBus((w) => [{ afterMs: 2, bytes: w }]);
    await expect(
      silent.bus.request({ destination: 2, header: 154, data: Uint8Array.of(1), timeoutMs: 40 }),
    ).rejects.toBeInstanceOf(CcTalkTimeoutError);
    expect(silent.device.writes).toHaveLength(1);
    await bus?.stop();
    MockBinding.reset();

    const naks = await startBus((w) => echoThen(w, frame('simple8', 1, 2, NAK)));
    await expect(naks.bus.request({ destination: 2, header: 231, retries: 3 })).rejects.toBeInstanceOf(
      CcTalkNakError,
    );
    expect(naks.device.writes).toHaveLength(1);
  });

  it('keeps one command on the wire at a time', async () => {
    const { bus, device } = await startBus((w) =>
      echoThen(w, frame('simple8', 1, w[0] ?? 0, 0, [w[0] ?? 0])),
    );
    const replies = await Promise.all(
      [2, 3, 2].map((destination) => bus.request({ destination, header: SIMPLE_POLL })),
    );
    expect(replies.map((r) => r.data[0])).toEqual([2, 3, 2]);
    expect(device.writes.map((w) => w[0])).toEqual([2, 3, 2]);
  });

  it('rejects with CcTalkLinkClosedError before start and after stop, and CcTalkAbortedError on abort', async () => {
    MockBinding.createPort(PATH);
    const device = fakeBus(() => []);
    bus = createCcTalkBus({
      path: PATH,
      mode: 'simple8',
      logger: createMemoryLogger(),
      openPort: device.openPort,
    });
    await expect(bus.request({ destination: 2, header: SIMPLE_POLL })).rejects.toBeInstanceOf(
      CcTalkLinkClosedError,
    );
    await bus.start();
    const controller = new AbortController();
    const pending = bus.request(
      { destination: 2, header: SIMPLE_POLL, timeoutMs: 1000 },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toBeInstanceOf(CcTalkAbortedError);
    await bus.stop();
    await expect(bus.request({ destination: 2, header: SIMPLE_POLL })).rejects.toBeInstanceOf(
      CcTalkLinkClosedError,
    );
  });
});
