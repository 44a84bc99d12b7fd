import { EvolisReplyDecoder, type EvolisReply, parseReply } from '../codecs/evolis/reply.ts';

/**
 * Collects one reply for one command from the bytes the link hands over (all of them so far, on
 * every chunk). The reply is done at its CR, or at once when a byte arrives that no reply line can
 * hold (a reply is printable ASCII): a printer sending noise is told apart from a silent one
 * without waiting for the timeout.
 */
export interface ReplyCollector {
  isComplete(received: Buffer): boolean;
  /** The parsed reply, or null when what came is not a reply line. */
  reply(): EvolisReply | null;
  /** The reply line as it came (without its CR), for replies read whole (`Rm`); null as above. */
  line(): string | null;
  /** Something other than padding came: a request that times out after this got an unended line. */
  heard(): boolean;
}

const CR = 0x0d;
/** Bytes the reply decoder drops (CR LF endings, NUL padding): not noise. */
const TOLERATED = new Set([CR, 0x0a, 0x00]);

function isNoise(byte: number): boolean {
  return !TOLERATED.has(byte) && (byte < 0x20 || byte > 0x7e);
}

export function createReplyCollector(): ReplyCollector {
  const decoder = new EvolisReplyDecoder();
  let fed = 0;
  let line: string | null = null;
  let noise = false;
  let heard = false;
  return {
    isComplete(received) {
      // Byte by byte: what follows the reply's CR (or the first noise byte) is not this reply's.
      while (fed < received.length && !noise && line === null) {
        const byte = received[fed++]!;
        if (byte !== 0x00 && byte !== 0x0a) heard = true;
        if (isNoise(byte)) noise = true;
        else line = decoder.push(received.subarray(fed - 1, fed))[0] ?? null;
      }
      return noise || line !== null;
    },
    reply() {
      return noise || line === null ? null : parseReply(line);
    },
    line: () => (noise ? null : line),
    heard: () => heard,
  };
}
