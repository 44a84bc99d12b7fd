import { SerialPort } from 'serialport';
import {
  decodeScannerMessage,
  encodeCommand,
  encodeFrame,
  EVENT_SEQ,
  FrameDecoder,
  type HostCommand,
  maxReplyPayload,
  REPLY_TYPES,
  type ScannerMessage,
} from '../../codecs/id-scanner/index.ts';
import type { Logger } from '../../../platform/log.ts';
import { LinkAbortedError, LinkClosedError, LinkTimeoutError } from '../../transport/link-errors.ts';
import { createReopeningPort } from '../../transport/reopening-port.ts';
import type { LinkState, SerialPortLike } from '../../transport/serial-link.ts';

/** A reply frame arrived damaged (CRC or ETX): the caller may ask again at once. */
export class CorruptReplyError extends Error {
  override readonly name = 'CorruptReplyError';
}

/** A reply frame came whole but its payload does not fit its type. */
export class BadReplyError extends Error {
  override readonly name = 'BadReplyError';
}

export interface FrameLinkOptions {
  path: string;
  logger: Logger;
  /** Delay before reopening a lost port: starts at `initial`, doubles up to `max`. */
  reopenDelayMs?: { initial: number; max: number };
  /** Creates an unopened port; tests may pass a mock. */
  openPort?: (path: string) => SerialPortLike;
}

/**
 * The framed link to the ID scanner (docs/id-scanner-protocol.md). Unlike the byte-oriented
 * serial link of the printers, the scanner speaks unprompted (document-present events), so this
 * link parses every byte into frames: replies are matched to the waiting command by `seq`, events
 * (seq 0) go to `onEvent`, anything else (a late reply to a command given up) is dropped.
 *
 * Duties: one command on the wire at a time, each with its own timeout; the port is reopened
 * with backoff when lost; after `stop()` no timer is left and no listener is called.
 */
export interface FrameLink {
  readonly state: LinkState;
  /** Bytes that were not part of any good frame. */
  readonly skippedBytes: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  onStateChange(listener: (state: LinkState) => void): () => void;
  onEvent(listener: (message: ScannerMessage) => void): () => void;
  /**
   * Sends one command and resolves its reply. Rejects with LinkTimeoutError, LinkClosedError,
   * LinkAbortedError, CorruptReplyError or BadReplyError.
   */
  request(
    command: HostCommand,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<ScannerMessage>;
}

interface Waiting {
  seq: number;
  resolve: (message: ScannerMessage) => void;
  reject: (error: Error) => void;
}

const DEFAULT_REOPEN = { initial: 250, max: 2_000 };

const defaultOpenPort = (path: string): SerialPortLike =>
  // USB CDC ACM: the baud rate is not used on the wire, any value opens the port.
  new SerialPort({ path, baudRate: 115_200, autoOpen: false });

export function createFrameLink(options: FrameLinkOptions): FrameLink {
  const { path, logger } = options;
  const reopen = options.reopenDelayMs ?? DEFAULT_REOPEN;
  const openPort = options.openPort ?? defaultOpenPort;
  const decoder = new FrameDecoder({ acceptTypes: REPLY_TYPES, maxPayload: maxReplyPayload });
  let seq = 0;
  let waiting: Waiting | null = null;
  /** Commands run one after another: each waits for the previous one's end. */
  let turn: Promise<void> = Promise.resolve();
  const stateListeners = new Set<(state: LinkState) => void>();
  const eventListeners = new Set<(message: ScannerMessage) => void>();

  const notify = <T>(listeners: Set<(value: T) => void>, value: T) => {
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch (error) {
        logger.error('frame link listener failed', { error });
      }
    }
  };

  const onData = (chunk: Buffer) => {
    for (const item of decoder.push(chunk)) {
      if (item.kind === 'corrupt') {
        waiting?.reject(new CorruptReplyError(`damaged frame (${item.reason})`));
        continue;
      }
      const { frame } = item;
      const message = decodeScannerMessage(frame.type, frame.payload);
      if (frame.seq === EVENT_SEQ) {
        if (message) notify(eventListeners, message);
      } else if (waiting && frame.seq === waiting.seq) {
        if (message) waiting.resolve(message);
        else
          waiting.reject(new BadReplyError(`reply of type 0x${frame.type.toString(16)} has a bad payload`));
      }
    }
  };

  const connection = createReopeningPort({
    path,
    logger,
    reopenDelayMs: reopen,
    openPort: () => openPort(path),
    onData,
    onOpen: () => decoder.reset(),
    onLost() {
      decoder.reset();
      waiting?.reject(new LinkClosedError(`serial port ${path} was lost`));
    },
    onStateChange: (next) => notify(stateListeners, next),
  });

  const exchange = (
    command: HostCommand,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<ScannerMessage> =>
    new Promise((resolve, reject) => {
      if (connection.stopped) return reject(new LinkClosedError('link stopped'));
      const writer = connection.port;
      if (connection.state !== 'open' || !writer)
        return reject(new LinkClosedError(`serial port ${path} is not open`));
      if (signal?.aborted) return reject(new LinkAbortedError('request aborted'));
      seq = (seq % 255) + 1;
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (waiting === entry) waiting = null;
      };
      const entry: Waiting = {
        seq,
        resolve: (message) => {
          done();
          resolve(message);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      };
      const onAbort = () => entry.reject(new LinkAbortedError('request aborted'));
      const timer = setTimeout(() => {
        // Whatever half-frame is buffered belongs to nothing now.
        decoder.reset();
        entry.reject(new LinkTimeoutError(`no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting = entry;
      const { type, payload } = encodeCommand(command);
      writer.write(Buffer.from(encodeFrame({ type, seq, payload })), (error) => {
        if (error) entry.reject(new LinkClosedError(`write failed: ${error.message}`));
      });
    });

  return {
    get state() {
      return connection.state;
    },
    get skippedBytes() {
      return decoder.skippedBytes;
    },
    start: () => connection.start(),
    stop: () =>
      connection.stop(() => {
        stateListeners.clear();
        eventListeners.clear();
        waiting?.reject(new LinkClosedError('link stopped'));
      }),
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    request(command, { timeoutMs, signal }) {
      const result = turn.then(() => exchange(command, timeoutMs, signal));
      turn = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
  };
}
