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
  let state: LinkState = 'closed';
  let port: SerialPortLike | null = null;
  let generation = 0;
  let started = false;
  let stopped = false;
  let reopenTimer: NodeJS.Timeout | null = null;
  let reopenDelay = reopen.initial;
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

  const setState = (next: LinkState) => {
    if (state === next) return;
    state = next;
    notify(stateListeners, next);
  };

  const discardPort = (old: SerialPortLike) => {
    old.removeAllListeners();
    // A late 'error' must still find a listener or Node throws.
    old.on('error', () => {});
    if (old.isOpen) old.close(() => {});
  };

  const scheduleReopen = () => {
    if (stopped || reopenTimer) return;
    const delay = reopenDelay;
    reopenDelay = Math.min(reopenDelay * 2, reopen.max);
    reopenTimer = setTimeout(() => {
      reopenTimer = null;
      void openOnce();
    }, delay);
  };

  const portLost = (gen: number, error?: Error | null) => {
    if (gen !== generation || stopped || !port) return;
    const lost = port;
    port = null;
    generation++;
    discardPort(lost);
    decoder.reset();
    logger.warn('serial port lost', { path, reason: error?.message ?? 'closed' });
    setState('closed');
    waiting?.reject(new LinkClosedError(`serial port ${path} was lost`));
    scheduleReopen();
  };

  const onData = (gen: number, chunk: Buffer) => {
    if (gen !== generation) return;
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

  const openOnce = (): Promise<void> =>
    new Promise((resolve) => {
      if (stopped) return resolve();
      const gen = ++generation;
      let candidate: SerialPortLike;
      try {
        candidate = openPort(path);
      } catch (error) {
        logger.debug('serial port could not be created', { path, error });
        scheduleReopen();
        return resolve();
      }
      port = candidate;
      candidate.on('data', (chunk) => onData(gen, chunk));
      candidate.on('error', (error) => portLost(gen, error));
      candidate.on('close', (error) => portLost(gen, error));
      candidate.open((error) => {
        if (gen !== generation || stopped) {
          discardPort(candidate);
          return resolve();
        }
        if (error) {
          port = null;
          discardPort(candidate);
          logger.debug('serial port open failed', { path, error });
          scheduleReopen();
          return resolve();
        }
        reopenDelay = reopen.initial;
        decoder.reset();
        logger.info('serial port open', { path });
        setState('open');
        resolve();
      });
    });

  const exchange = (
    command: HostCommand,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<ScannerMessage> =>
    new Promise((resolve, reject) => {
      if (stopped) return reject(new LinkClosedError('link stopped'));
      const writer = port;
      if (state !== 'open' || !writer) return reject(new LinkClosedError(`serial port ${path} is not open`));
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
      return state;
    },
    get skippedBytes() {
      return decoder.skippedBytes;
    },
    async start() {
      if (started || stopped) return;
      started = true;
      await openOnce();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      stateListeners.clear();
      eventListeners.clear();
      if (reopenTimer) clearTimeout(reopenTimer);
      reopenTimer = null;
      waiting?.reject(new LinkClosedError('link stopped'));
      generation++;
      const last = port;
      port = null;
      state = 'closed';
      if (last) {
        last.removeAllListeners();
        last.on('error', () => {});
        if (last.isOpen) await new Promise<void>((resolve) => last.close(() => resolve()));
      }
    },
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
