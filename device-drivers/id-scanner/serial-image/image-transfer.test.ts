import { describe, expect, it } from 'vitest';
import { chunkLayout, crc32, type HostCommand, type ScannerMessage } from '../../codecs/id-scanner/index.ts';
import { LinkTimeoutError } from '../../transport/link-errors.ts';
import type { FrameLink } from './frame-link.ts';
import { pullImage, refuseImageInfo } from './image-transfer.ts';

const IMAGE = Uint8Array.from({ length: 9_000 }, (_, i) => (i * 31) & 0xff);
const INFO = {
  mime: 'image/png' as const,
  totalBytes: IMAGE.length,
  ...chunkLayout(IMAGE.length),
  crc32: crc32(IMAGE),
};
const OPTIONS = { maxImageBytes: 1_000_000, chunkTimeoutMs: 10, maxTries: 3 };

/** A link whose chunk replies `answer` decides; it counts the requests. */
function fakeLink(answer: (index: number, attempt: number) => ScannerMessage | Error) {
  const asked: number[] = [];
  const link = {
    request: async (command: HostCommand) => {
      if (command.type !== 'getChunk') throw new Error('only chunks here');
      asked.push(command.index);
      const reply = answer(command.index, asked.filter((i) => i === command.index).length);
      if (reply instanceof Error) throw reply;
      return reply;
    },
  } as unknown as FrameLink;
  return { link, asked };
}

const chunkOf = (index: number): ScannerMessage => {
  const data = IMAGE.subarray(index * 4096, Math.min((index + 1) * 4096, IMAGE.length));
  return { type: 'chunk', chunk: { index, crc32: crc32(data), data } };
};

describe('image transfer', () => {
  it('refuses announcements that are too large or do not add up', () => {
    expect(refuseImageInfo(INFO, 1_000_000)).toBeNull();
    expect(refuseImageInfo(INFO, 8_999)).toMatch(/over the limit/);
    expect(refuseImageInfo({ ...INFO, chunkCount: 2 }, 1_000_000)).toMatch(/does not fit/);
    expect(refuseImageInfo({ ...INFO, chunkSize: 5000, chunkCount: 2 }, 1_000_000)).toMatch(/chunk size/);
    expect(refuseImageInfo({ ...INFO, totalBytes: 0, chunkCount: 0 }, 1_000_000)).toMatch(/empty/);
  });

  it('asks again after a lost chunk and assembles the image', async () => {
    const { link, asked } = fakeLink((index, attempt) =>
      index === 1 && attempt === 1 ? new LinkTimeoutError('lost') : chunkOf(index),
    );
    const result = await pullImage(link, INFO, OPTIONS);
    expect(result).toEqual({ code: 'success', value: IMAGE });
    expect(asked).toEqual([0, 1, 1, 2]);
  });

  it('does not take a chunk with the wrong index or length', async () => {
    const { link, asked } = fakeLink((index) => chunkOf(index === 2 ? 1 : index));
    expect(await pullImage(link, INFO, OPTIONS)).toMatchObject({
      code: 'invalidData',
      errorCode: 'chunkInvalid',
    });
    expect(asked).toEqual([0, 1, 2, 2, 2]);
  });

  it('checks the whole image against the announced CRC-32', async () => {
    const { link } = fakeLink(chunkOf);
    const result = await pullImage(link, { ...INFO, crc32: INFO.crc32 ^ 1 }, OPTIONS);
    expect(result).toMatchObject({ code: 'invalidData', errorCode: 'imageChecksum' });
  });

  it('asks for nothing when the announced size is over the limit', async () => {
    const { link, asked } = fakeLink(chunkOf);
    const result = await pullImage(link, INFO, { ...OPTIONS, maxImageBytes: 4096 });
    expect(result).toMatchObject({ code: 'invalidData', errorCode: 'imageRefused' });
    expect(asked).toEqual([]);
  });
});
