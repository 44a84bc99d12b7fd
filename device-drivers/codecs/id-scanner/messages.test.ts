import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc.ts';
import { MAX_CHUNK_DATA } from './frame.ts';
import {
  chunkLayout,
  COMMAND,
  decodeCommand,
  decodeScannerMessage,
  encodeChunk,
  encodeCommand,
  encodeImageInfo,
  encodeNak,
  encodeStatus,
  REPLY,
} from './messages.ts';

describe('messages', () => {
  it('round-trips every command', () => {
    for (const type of Object.keys(COMMAND) as (keyof typeof COMMAND)[]) {
      const command = type === 'getChunk' ? { type, index: 70_000 } : { type };
      const { type: code, payload } = encodeCommand(command as never);
      expect(decodeCommand(code, payload)).toEqual(command);
    }
    expect(decodeCommand(COMMAND.status, Uint8Array.of(1))).toBeNull();
    expect(decodeCommand(0x55, new Uint8Array(0))).toBeNull();
  });

  it('round-trips status, image info, chunk and NAK', () => {
    const status = {
      documentPresent: true,
      lampOn: false,
      armed: true,
      imageReady: false,
      error: 'lamp' as const,
    };
    expect(decodeScannerMessage(REPLY.status, encodeStatus(status))).toEqual({ type: 'status', status });
    const info = {
      mime: 'image/jpeg' as const,
      totalBytes: 50 * 1024 * 1024,
      ...chunkLayout(50 * 1024 * 1024),
      crc32: 0xdeadbeef,
    };
    expect(decodeScannerMessage(REPLY.imageInfo, encodeImageInfo(info))).toEqual({ type: 'imageInfo', info });
    const data = Uint8Array.from({ length: MAX_CHUNK_DATA }, (_, i) => i & 0xff);
    expect(decodeScannerMessage(REPLY.chunk, encodeChunk(3, data))).toEqual({
      type: 'chunk',
      chunk: { index: 3, crc32: crc32(data), data },
    });
    expect(decodeScannerMessage(REPLY.nak, encodeNak('noDocument'))).toEqual({
      type: 'nak',
      reason: 'noDocument',
    });
  });

  it('keeps an unknown error or NAK code as its number', () => {
    expect(decodeScannerMessage(REPLY.status, Uint8Array.of(0, 99))).toMatchObject({ status: { error: 99 } });
    expect(decodeScannerMessage(REPLY.nak, Uint8Array.of(200))).toEqual({ type: 'nak', reason: 200 });
  });

  it('property: any type and payload decode to a message or null, never a throw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 5000 }), (type, payload) => {
        decodeScannerMessage(type, payload);
        decodeCommand(type, payload);
      }),
    );
  });
});
