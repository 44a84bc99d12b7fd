import { failed, type OperationResult, succeeded } from '../../../contracts/devices/operation.ts';
import {
  CRC32_INIT,
  crc32,
  crc32Finish,
  crc32Update,
  type ImageInfo,
  MAX_CHUNK_DATA,
  type ScannerMessage,
} from '../../codecs/id-scanner/index.ts';
import { LinkAbortedError, LinkClosedError, LinkTimeoutError } from '../../transport/link-errors.ts';
import type { FrameLink } from './frame-link.ts';

export interface TransferOptions {
  maxImageBytes: number;
  chunkTimeoutMs: number;
  maxTries: number;
  signal?: AbortSignal;
}

/** Why an announced image is refused before any chunk is asked for; null when it is acceptable. */
export function refuseImageInfo(info: ImageInfo, maxImageBytes: number): string | null {
  if (info.totalBytes === 0) return 'scanner announced an empty image';
  if (info.totalBytes > maxImageBytes)
    return `scanner announced ${info.totalBytes} bytes, over the limit of ${maxImageBytes}`;
  if (info.chunkSize === 0 || info.chunkSize > MAX_CHUNK_DATA) return `bad chunk size ${info.chunkSize}`;
  if (info.chunkCount !== Math.ceil(info.totalBytes / info.chunkSize))
    return `chunk count ${info.chunkCount} does not fit ${info.totalBytes} bytes in chunks of ${info.chunkSize}`;
  return null;
}

type ChunkOutcome = { ok: true; data: Uint8Array } | { ok: false; result: OperationResult<never> };

/**
 * Pulls an announced image chunk by chunk into one buffer of the announced size (checked against
 * the limit first, so memory is bounded by it). A chunk whose CRC-32 fails, that arrives damaged
 * or not at all is asked for again, up to `maxTries` times; then the transfer ends: `timeout` when
 * the chunks stopped coming, `invalidData` when they kept coming wrong. The whole image's CRC-32
 * is checked at the end.
 */
export async function pullImage(
  link: FrameLink,
  info: ImageInfo,
  options: TransferOptions,
): Promise<OperationResult<Uint8Array>> {
  const refusal = refuseImageInfo(info, options.maxImageBytes);
  if (refusal) return failed('invalidData', refusal, 'imageRefused');
  const image = new Uint8Array(info.totalBytes);
  let whole = CRC32_INIT;
  for (let index = 0; index < info.chunkCount; index++) {
    const expected = Math.min(info.chunkSize, info.totalBytes - index * info.chunkSize);
    const outcome = await pullChunk(link, index, expected, options);
    if (!outcome.ok) return outcome.result;
    image.set(outcome.data, index * info.chunkSize);
    whole = crc32Update(whole, outcome.data);
  }
  if (crc32Finish(whole) !== info.crc32)
    return failed('invalidData', 'image CRC-32 does not match the announced one', 'imageChecksum');
  return succeeded(image);
}

async function pullChunk(
  link: FrameLink,
  index: number,
  expectedBytes: number,
  options: TransferOptions,
): Promise<ChunkOutcome> {
  let lastProblem: 'timeout' | 'invalidData' = 'timeout';
  let lastMessage = '';
  for (let attempt = 1; attempt <= options.maxTries; attempt++) {
    let reply: ScannerMessage;
    try {
      reply = await link.request(
        { type: 'getChunk', index },
        { timeoutMs: options.chunkTimeoutMs, ...(options.signal ? { signal: options.signal } : {}) },
      );
    } catch (error) {
      if (error instanceof LinkAbortedError)
        return { ok: false, result: failed('canceled', 'scan canceled during the transfer') };
      if (error instanceof LinkClosedError)
        return {
          ok: false,
          result: failed('deviceNotReady', 'scanner link lost during the transfer', 'linkLost'),
        };
      lastProblem = error instanceof LinkTimeoutError ? 'timeout' : 'invalidData';
      lastMessage = (error as Error).message;
      continue;
    }
    if (reply.type !== 'chunk') {
      lastProblem = 'invalidData';
      lastMessage =
        reply.type === 'nak'
          ? `scanner refused chunk ${index} (${reply.reason})`
          : `unexpected ${reply.type}`;
      continue;
    }
    const { chunk } = reply;
    if (chunk.index !== index || chunk.data.length !== expectedBytes) {
      lastProblem = 'invalidData';
      lastMessage = `chunk ${chunk.index} of ${chunk.data.length} bytes where chunk ${index} of ${expectedBytes} was due`;
      continue;
    }
    if (crc32(chunk.data) !== chunk.crc32) {
      lastProblem = 'invalidData';
      lastMessage = `chunk ${index} fails its CRC-32`;
      continue;
    }
    return { ok: true, data: chunk.data };
  }
  const code = lastProblem === 'timeout' ? 'chunkTimeout' : 'chunkInvalid';
  return {
    ok: false,
    result: failed(lastProblem, `chunk ${index} failed ${options.maxTries} times: ${lastMessage}`, code),
  };
}
