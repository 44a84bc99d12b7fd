/**
 * `npm run cctalk -- decode "<hex bytes>" [--crc16]`: prints each ccTalk frame found in the bytes
 * as one JSON line, then one line with the noise count. Hex may be spaced, colon-separated or run
 * together. A partial frame at the end is settled as if the line had gone quiet.
 */
import { CcTalkDecoder, type DecodedFrame } from './decoder.ts';
import type { ChecksumMode } from './frame.ts';
import { headerName } from './headers.ts';

const USAGE = 'usage: npm run cctalk -- decode "<hex bytes>" [--crc16]';

export function parseHex(text: string): Buffer {
  const digits = text.replace(/0x/gi, '').replace(/[\s:,-]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(digits) || digits.length % 2 !== 0) {
    throw new Error(`not hex bytes: ${JSON.stringify(text)}`);
  }
  return Buffer.from(digits, 'hex');
}

function describeFrame(frame: DecodedFrame, mode: ChecksumMode) {
  return {
    destination: frame.destination,
    length: frame.data.length,
    // In crc16 mode the source slot carried the CRC's low byte.
    source: mode === 'crc16' ? null : frame.source,
    header: frame.header,
    headerName: headerName(frame.header),
    data: Buffer.from(frame.data).toString('hex'),
    // The decoder returns only frames whose checksum holds; the rest is counted as noise.
    checksumValid: true,
  };
}

/**
 * Decodes `hex` and returns the output lines: frames and runs of noise in stream order, then a
 * summary. The decoder consumes the stream front to back, so each frame's bytes are the first
 * copy of them after the previous frame; what lies between is noise.
 */
export function decodeCommand(hex: string, mode: ChecksumMode): string[] {
  const bytes = parseHex(hex);
  const decoder = new CcTalkDecoder(mode, { maxBufferBytes: 4096 });
  const frames = [...decoder.push(bytes), ...decoder.idle()];
  const lines: string[] = [];
  let cursor = 0;
  const noiseUpTo = (end: number) => {
    if (end > cursor) {
      lines.push(
        JSON.stringify({
          noise: bytes.subarray(cursor, end).toString('hex'),
          offset: cursor,
          length: end - cursor,
        }),
      );
    }
  };
  for (const frame of frames) {
    const offset = bytes.indexOf(frame.raw, cursor);
    noiseUpTo(offset);
    lines.push(JSON.stringify({ offset, ...describeFrame(frame, mode) }));
    cursor = offset + frame.raw.length;
  }
  noiseUpTo(bytes.length);
  lines.push(JSON.stringify({ frames: frames.length, noiseBytes: decoder.noiseBytes, checksum: mode }));
  return lines;
}

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const mode: ChecksumMode = rest.includes('--crc16') ? 'crc16' : 'simple8';
  const hex = rest.filter((arg) => arg !== '--crc16').join(' ');
  if (command !== 'decode' || hex.trim() === '') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    for (const line of decodeCommand(hex, mode)) process.stdout.write(`${line}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2));
}
