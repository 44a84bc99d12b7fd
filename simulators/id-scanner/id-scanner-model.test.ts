import { describe, expect, it } from 'vitest';
import {
  crc32,
  decodeScannerMessage,
  encodeCommand,
  FrameDecoder,
  type HostCommand,
  REPLY_TYPES,
  type ScannerMessage,
  maxReplyPayload,
} from '../../device-drivers/codecs/id-scanner/index.ts';
import { HUGE_IMAGE_BYTES, IdScannerModel } from './id-scanner-model.ts';

const IMAGE = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) & 0xff);

function setup() {
  const model = new IdScannerModel({ captureMs: 5, random: () => 0.5 });
  let seq = 0;
  const decode = (frames: Uint8Array[]): ScannerMessage[] => {
    const decoder = new FrameDecoder({ acceptTypes: REPLY_TYPES, maxPayload: maxReplyPayload });
    return frames.flatMap((bytes) =>
      decoder
        .push(bytes)
        .flatMap((item) =>
          item.kind === 'frame' ? [decodeScannerMessage(item.frame.type, item.frame.payload)!] : [],
        ),
    );
  };
  const send = (command: HostCommand) => {
    const { type, payload } = encodeCommand(command);
    seq = (seq % 255) + 1;
    return decode(model.receive({ type, seq, payload }).frames);
  };
  return { model, send, decode };
}

describe('ID scanner model', () => {
  it('announces a document to an armed host, captures it and hands it out chunk by chunk', () => {
    const { model, send, decode } = setup();
    expect(send({ type: 'arm' })).toMatchObject([
      { type: 'status', status: { armed: true, documentPresent: false } },
    ]);
    expect(decode(model.place({ id: 'doc', image: IMAGE, mime: 'image/png' }))).toEqual([
      { type: 'documentPresent' },
    ]);
    const [info] = send({ type: 'capture' });
    expect(info).toEqual({
      type: 'imageInfo',
      info: { mime: 'image/png', totalBytes: 10_000, chunkSize: 4096, chunkCount: 3, crc32: crc32(IMAGE) },
    });
    const parts = [0, 1, 2].map((index) => {
      const [message] = send({ type: 'getChunk', index });
      if (message?.type !== 'chunk') throw new Error('no chunk');
      expect(message.chunk.crc32).toBe(crc32(message.chunk.data));
      return message.chunk.data;
    });
    expect(Buffer.concat(parts)).toEqual(Buffer.from(IMAGE));
    expect(send({ type: 'getChunk', index: 3 })).toEqual([{ type: 'nak', reason: 'badChunkIndex' }]);
  });

  it('says nothing to a host that is not armed, and refuses to capture an empty glass', () => {
    const { model, send } = setup();
    expect(model.place({ id: 'doc', image: IMAGE, mime: 'image/png' })).toEqual([]);
    model.remove();
    expect(send({ type: 'capture' })).toEqual([{ type: 'nak', reason: 'noDocument' }]);
  });

  it('applies the transfer faults to the next capture only', () => {
    const { model, send } = setup();
    model.place({ id: 'doc', image: IMAGE, mime: 'image/png' });
    model.injectFault('badChunkChecksum');
    model.injectFault('truncatedImage');
    send({ type: 'capture' });
    for (let attempt = 0; attempt < 2; attempt++) {
      const [bad] = send({ type: 'getChunk', index: 0 });
      if (bad?.type !== 'chunk') throw new Error('no chunk');
      expect(bad.chunk.crc32).not.toBe(crc32(bad.chunk.data));
    }
    expect(send({ type: 'getChunk', index: 1 })).toEqual([]);
    model.injectFault('hugeImage');
    expect(send({ type: 'capture' })).toMatchObject([
      { type: 'imageInfo', info: { totalBytes: HUGE_IMAGE_BYTES } },
    ]);
    const [next] = send({ type: 'capture' });
    expect(next).toMatchObject({ info: { totalBytes: IMAGE.length } });
    expect(send({ type: 'getChunk', index: 2 })).toHaveLength(1);
    expect(model.state(true).faults).toEqual([]);
  });

  it('keeps its frames decodable behind garbage, and is silent with noReply', () => {
    const { model, send } = setup();
    model.injectFault('garbage');
    expect(send({ type: 'status' })).toMatchObject([{ type: 'status' }]);
    model.injectFault('noReply');
    expect(send({ type: 'status' })).toEqual([]);
  });
});
