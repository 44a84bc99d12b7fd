import type { Logger } from '../../platform/log.ts';
import { CcTalkDecoder, type DecodedFrame } from '../codecs/cctalk/decoder.ts';
import { type ChecksumMode, encodeFrame } from '../codecs/cctalk/frame.ts';
import { BROADCAST, BUSY, HOST, NAK } from '../codecs/cctalk/headers.ts';
import {
  createSerialLink,
  LinkAbortedError,
  LinkClosedError,
  type LinkState,
  LinkTimeoutError,
  type SerialPortLike,
} from '../transport/serial-link.ts';
import {
  CcTalkAbortedError,
  CcTalkBusyError,
  CcTalkChecksumError,
  CcTalkCollisionError,
  CcTalkLinkClosedError,
  CcTalkNakError,
  CcTalkTimeoutError,
} from './cctalk-errors.ts';

export {
  CcTalkAbortedError,
  CcTalkBusyError,
  CcTalkChecksumError,
  CcTalkCollisionError,
  CcTalkLinkClosedError,
  CcTalkNakError,
  CcTalkTimeoutError,
} from './cctalk-errors.ts';

export interface CcTalkBusOptions {
  path: string;
  mode: ChecksumMode;
  logger: Logger;
  /**
   * Part 1: ccTalk is a single wire shared by sending and receiving, so the host reads its own
   * request back before the reply. Default true; false for interfaces with separate TX and RX.
   */
  echo?: boolean;
  /** Part 1 fixes 9600 baud, 8 data bits, no parity, 1 stop bit. */
  baudRate?: number;
  openPort?: (path: string, baudRate: number) => SerialPortLike;
  reopenDelayMs?: { initial: number; max: number };
}

export interface CcTalkRequest {
  destination: number;
  header: number;
  data?: Uint8Array;
  /** From the moment the request is written; default `DEFAULT_TIMEOUT_MS`. */
  timeoutMs?: number;
  /**
   * Further attempts after a time-out, a garbled reply, a collision or BUSY (default 0). Only the
   * caller knows whether repeating is safe: part 1 allows repeating polls and status requests,
   * which change nothing, but never 154 route bill or 167 dispense hopper coins — if the first
   * attempt reached the device, a second would route a note or pay coins again. Those commands
   * keep 0 and are recovered from event counters instead.
   */
  retries?: number;
}

export interface CcTalkReply {
  /** 0 (ACK, a reply with its data) or any other header a device answers with, except NAK and BUSY. */
  header: number;
  data: Uint8Array;
}

/**
 * The host side of a ccTalk bus (part 1): one command on the wire at a time, each answered by
 * one reply addressed to the host from the device the command went to.
 *
 * Duties:
 * - `request` rejects with `CcTalkTimeoutError` (no reply; `CcTalkChecksumError` when only garbled
 *   bytes came), `CcTalkNakError`, `CcTalkBusyError`, `CcTalkCollisionError` (echo mismatch),
 *   `CcTalkLinkClosedError` or `CcTalkAbortedError`; it never retries unless told to;
 * - with `echo`, the first frame back must be the request itself, byte for byte;
 * - frames addressed to others and bytes that make no frame are skipped and counted in `noiseBytes`.
 */
export interface CcTalkBus {
  readonly path: string;
  readonly mode: ChecksumMode;
  readonly state: LinkState;
  /** Bytes received that were no frame, or came while no command waited. */
  readonly noiseBytes: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  onStateChange(listener: (state: LinkState) => void): () => void;
  request(request: CcTalkRequest, options?: { signal?: AbortSignal }): Promise<CcTalkReply>;
}

/**
 * Part 1 leaves reply times to each device (most answer within tens of milliseconds); 500 ms also
 * covers a long reply at 9600 baud (about 1 ms per byte) and a simulator on a loaded machine.
 */
export const DEFAULT_TIMEOUT_MS = 500;

type AttemptOutcome = { reply: DecodedFrame } | { collision: DecodedFrame };

/** Silence after which held bytes are settled as noise (part 1 timing: a receiver gives up on
 * a message after a short gap; at 9600 baud the bytes of one message come about 1 ms apart). */
export const INTER_BYTE_GAP_MS = 50;

/** Turns what an attempt saw into its reply or its error. */
function replyOf(outcome: AttemptOutcome | null, request: CcTalkRequest, sent: Buffer): CcTalkReply {
  if (!outcome) throw new CcTalkTimeoutError(`no reply to header ${request.header}`);
  if ('collision' in outcome) {
    throw new CcTalkCollisionError(
      `bus collision: read back ${outcome.collision.raw.toString('hex')} instead of ${sent.toString('hex')}`,
    );
  }
  const { header, data } = outcome.reply;
  if (header === NAK) throw new CcTalkNakError(`NAK to header ${request.header} from ${request.destination}`);
  if (header === BUSY)
    throw new CcTalkBusyError(`BUSY to header ${request.header} from ${request.destination}`);
  return { header, data };
}

export function createCcTalkBus(options: CcTalkBusOptions): CcTalkBus {
  const { mode, logger } = options;
  const echo = options.echo ?? true;
  const link = createSerialLink({
    path: options.path,
    baudRate: options.baudRate ?? 9600,
    logger,
    ...(options.openPort ? { openPort: options.openPort } : {}),
    ...(options.reopenDelayMs ? { reopenDelayMs: options.reopenDelayMs } : {}),
  });
  let frameNoise = 0;

  /** Whether a frame is the reply to a command sent to `destination`. */
  const isReplyFrom = (frame: DecodedFrame, destination: number): boolean => {
    if (frame.destination !== HOST) return false;
    // In crc16 mode the source slot held the CRC: the sender cannot be checked.
    if (mode === 'crc16' || destination === BROADCAST) return true;
    return frame.source === destination;
  };

  const attempt = async (
    request: CcTalkRequest,
    bytes: Buffer,
    signal?: AbortSignal,
  ): Promise<CcTalkReply> => {
    const decoder = new CcTalkDecoder(mode);
    let consumed = 0;
    let echoSeen = !echo;
    let outcome: AttemptOutcome | null = null;
    let skippedFrameBytes = 0;

    /** Looks at frames in arrival order; true once the attempt has its outcome. */
    const takeFrames = (frames: DecodedFrame[]): boolean => {
      for (const frame of frames) {
        if (!echoSeen) {
          if (!frame.raw.equals(bytes)) {
            outcome = { collision: frame };
            return true;
          }
          echoSeen = true;
        } else if (isReplyFrom(frame, request.destination)) {
          outcome = { reply: frame };
          return true;
        } else {
          skippedFrameBytes += frame.raw.length;
        }
      }
      return false;
    };

    let lastChunkAt = Date.now();
    const isComplete = (received: Buffer): boolean => {
      const now = Date.now();
      // A silence means the bytes held so far will not be completed (part 1 timing: a message's
      // bytes follow each other closely): settle them before the new chunk.
      if (now - lastChunkAt > INTER_BYTE_GAP_MS && takeFrames(decoder.idle())) return true;
      lastChunkAt = now;
      const frames = decoder.push(received.subarray(consumed));
      consumed = received.length;
      return takeFrames(frames);
    };

    const countNoise = () => {
      frameNoise += decoder.noiseBytes + skippedFrameBytes;
    };

    try {
      await link.request(bytes, {
        isComplete,
        timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (error instanceof LinkTimeoutError) {
        // The reply may sit behind a noise byte that looked like a long frame's start.
        if (takeFrames(decoder.idle())) return finishAttempt();
        countNoise();
        if (decoder.noiseBytes > 0) {
          throw new CcTalkChecksumError(
            `no valid reply to header ${request.header} from ${request.destination}: ${decoder.noiseBytes} garbled bytes`,
          );
        }
        const what = echoSeen ? 'no reply' : 'not even the echo';
        throw new CcTalkTimeoutError(`${what} to header ${request.header} from ${request.destination}`);
      }
      countNoise();
      if (error instanceof LinkAbortedError) throw new CcTalkAbortedError('request aborted');
      if (error instanceof LinkClosedError) throw new CcTalkLinkClosedError(error.message);
      throw error;
    }
    return finishAttempt();

    function finishAttempt(): CcTalkReply {
      countNoise();
      return replyOf(outcome as AttemptOutcome | null, request, bytes);
    }
  };

  return {
    path: options.path,
    mode,
    get state() {
      return link.state;
    },
    get noiseBytes() {
      return link.noiseBytes + frameNoise;
    },
    start: () => link.start(),
    stop: () => link.stop(),
    onStateChange: (listener) => link.onStateChange(listener),
    async request(request, requestOptions = {}) {
      const { signal } = requestOptions;
      const bytes = encodeFrame(
        {
          destination: request.destination,
          source: HOST,
          header: request.header,
          data: request.data ?? new Uint8Array(0),
        },
        mode,
      );
      const retries = Math.max(0, Math.floor(request.retries ?? 0));
      for (let attemptNo = 0; ; attemptNo++) {
        try {
          return await attempt(request, bytes, signal);
        } catch (error) {
          const retryable =
            error instanceof CcTalkTimeoutError ||
            error instanceof CcTalkCollisionError ||
            error instanceof CcTalkBusyError;
          if (!retryable || attemptNo >= retries || signal?.aborted) throw error;
          logger.debug('ccTalk command retried', {
            header: request.header,
            destination: request.destination,
            reason: (error as Error).name,
            attempt: attemptNo + 1,
          });
        }
      }
    },
  };
}
