/**
 * `node --import tsx bench/cctalk-fuzz.ts [--cases N] [--seed S]`: random and mutated inputs
 * through the ccTalk decoder (both checksum modes) and the event and hopper parsers. A crash is
 * any exception other than the parsers' CcTalkDataError, or a broken invariant of the decoder
 * (buffer over its bound, a byte neither in a frame, in noise nor pending). Same seed, same run.
 */
import { parseArgs } from 'node:util';
import { CcTalkDecoder } from '../device-drivers/codecs/cctalk/decoder.ts';
import { CcTalkDataError } from '../device-drivers/codecs/cctalk/errors.ts';
import { parseBufferedEvents } from '../device-drivers/codecs/cctalk/events.ts';
import { type ChecksumMode, encodeFrame } from '../device-drivers/codecs/cctalk/frame.ts';
import { parsePayoutStatus, parseTestHopper } from '../device-drivers/codecs/cctalk/hopper.ts';
import { prng } from '../device-drivers/codecs/cctalk/test-support.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    'max-buffer': { type: 'string', default: '1024' },
  },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
const maxBufferBytes = Number(values['max-buffer']);
const random = prng(seed);
const int = (max: number) => Math.floor(random() * max);
const randomBytes = (length: number) => Uint8Array.from({ length }, () => int(256));

function validFrame(mode: ChecksumMode): Buffer {
  const dataLength = random() < 0.8 ? int(12) : int(253);
  return encodeFrame(
    { destination: int(256), source: int(256), header: int(256), data: randomBytes(dataLength) },
    mode,
  );
}

/** A stream of valid frames, then one mutation: bit flips, truncation, duplication, noise. */
function mutatedStream(mode: ChecksumMode): Uint8Array {
  const frames = Array.from({ length: 1 + int(4) }, () => validFrame(mode));
  let bytes = Buffer.concat(frames);
  switch (int(5)) {
    case 0:
      for (let n = 1 + int(3); n > 0; n--) {
        const at = int(bytes.length);
        bytes[at] = (bytes[at] ?? 0) ^ (1 << int(8));
      }
      break;
    case 1:
      bytes = bytes.subarray(0, int(bytes.length));
      break;
    case 2: {
      const from = int(bytes.length);
      const piece = bytes.subarray(from, from + 1 + int(20));
      bytes = Buffer.concat([bytes.subarray(0, from), piece, bytes.subarray(from)]);
      break;
    }
    case 3: {
      const at = int(bytes.length + 1);
      bytes = Buffer.concat([bytes.subarray(0, at), randomBytes(1 + int(8)), bytes.subarray(at)]);
      break;
    }
    default:
      bytes = Buffer.concat([randomBytes(int(10)), bytes]);
  }
  return bytes;
}

let crashes = 0;
let framesDecoded = 0;
let noiseBytes = 0;
let maxBufferSeen = 0;
let bytesIn = 0;
const crashSamples: string[] = [];

function crash(caseNo: number, what: string) {
  crashes++;
  if (crashSamples.length < 5) crashSamples.push(`case ${caseNo}: ${what}`);
}

const started = process.hrtime.bigint();
for (let caseNo = 0; caseNo < cases; caseNo++) {
  const mode: ChecksumMode = random() < 0.5 ? 'simple8' : 'crc16';
  const input = random() < 0.4 ? randomBytes(int(600)) : mutatedStream(mode);
  bytesIn += input.length;
  try {
    const decoder = new CcTalkDecoder(mode, { maxBufferBytes });
    let inFrames = 0;
    for (let i = 0; i < input.length; ) {
      const size = 1 + int(64);
      for (const frame of decoder.push(input.subarray(i, i + size))) inFrames += frame.raw.length;
      i += size;
      maxBufferSeen = Math.max(maxBufferSeen, decoder.pendingBytes);
      if (decoder.pendingBytes > maxBufferBytes) crash(caseNo, `buffer ${decoder.pendingBytes}`);
    }
    const settled = decoder.idle();
    for (const frame of settled) inFrames += frame.raw.length;
    if (inFrames + decoder.noiseBytes !== input.length) crash(caseNo, 'bytes not conserved');
    framesDecoded += inFrames;
    noiseBytes += decoder.noiseBytes;
    // Parsers on slices of the input: they may refuse it, only with CcTalkDataError.
    for (const parse of [parseBufferedEvents, parsePayoutStatus, parseTestHopper]) {
      const slice = input.subarray(0, random() < 0.5 ? 11 : int(16));
      try {
        parse(slice);
      } catch (error) {
        if (!(error instanceof CcTalkDataError)) throw error;
      }
    }
  } catch (error) {
    crash(caseNo, (error as Error).stack ?? String(error));
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

console.log(
  JSON.stringify({
    bench: 'cctalk-fuzz',
    seed,
    cases,
    crashes,
    maxBufferBytes,
    maxBufferSeen,
    bytesIn,
    frameBytesDecoded: framesDecoded,
    noiseBytes,
    seconds: Number(seconds.toFixed(2)),
    casesPerSecond: Math.round(cases / seconds),
    megabytesPerSecond: Number((bytesIn / seconds / 1e6).toFixed(2)),
  }),
);
for (const sample of crashSamples) console.error(sample);
process.exitCode = crashes === 0 ? 0 : 1;
