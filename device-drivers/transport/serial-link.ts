import { SerialPort } from 'serialport';
import type { Logger } from '../../platform/log.ts';
import { LinkAbortedError, LinkClosedError, LinkTimeoutError } from './link-errors.ts';
import { createReopeningPort } from './reopening-port.ts';

export { LinkAbortedError, LinkClosedError, LinkTimeoutError } from './link-errors.ts';

/** The part of a `serialport` stream the link uses; `SerialPort` and `SerialPortMock` both fit. */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  write(data: Buffer, callback?: (error: Error | null | undefined) => void): boolean;
  drain(callback: (error: Error | null) => void): void;
  set(options: { dtr?: boolean; rts?: boolean }, callback: (error: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'error' | 'close', listener: (error?: Error | null) => void): unknown;
  removeAllListeners(): unknown;
}

export type LinkState = 'open' | 'closed';

export interface RequestOptions {
  /**
   * The reply is complete after this many bytes. Leave it and `isComplete` out (or give 0) for a
   * command without a reply: the request then completes once the bytes are written out.
   */
  responseLength?: number;
  /** The reply is complete when this returns true for the bytes received so far. */
  isComplete?: (received: Buffer) => boolean;
  /** Counted from the moment the command is written, not from when it was queued. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface SerialLinkOptions {
  path: string;
  baudRate?: number;
  logger: Logger;
  /** Delay before reopening a lost port: starts at `initial`, doubles up to `max`. */
  reopenDelayMs?: { initial: number; max: number };
  /** Creates an unopened port; tests pass one built on `@serialport/binding-mock`. */
  openPort?: (path: string, baudRate: number) => SerialPortLike;
}

/**
 * A serial link to a half-duplex request/response device (ESC/POS status, ccTalk, card printers).
 *
 * Duties:
 * - keeps the port open: a port that errors or closes is marked closed and reopened with backoff
 *   until `stop()`;
 * - exactly one request is on the wire at a time; others wait in order, each with its own timeout,
 *   and reject with `LinkTimeoutError`, `LinkClosedError` or `LinkAbortedError`;
 * - bytes that arrive while no request waits for a reply are discarded and counted as noise;
 * - after `stop()` no timer is left and no listener is called.
 */
export interface SerialLink {
  readonly path: string;
  readonly state: LinkState;
  /** Bytes received while no request was waiting for them. */
  readonly noiseBytes: number;
  /** Makes the first open attempt and resolves after it, whatever its outcome. */
  start(): Promise<void>;
  stop(): Promise<void>;
  onStateChange(listener: (state: LinkState) => void): () => void;
  request(bytes: Uint8Array, options: RequestOptions): Promise<Buffer>;
}

interface PendingRequest {
  bytes: Buffer;
  options: RequestOptions;
  resolve: (reply: Buffer) => void;
  reject: (error: Error) => void;
  detachAbort: () => void;
}

interface ActiveRequest {
  pending: PendingRequest;
  received: Buffer;
  expectsReply: boolean;
  timer: NodeJS.Timeout;
}

const DEFAULT_REOPEN = { initial: 250, max: 2_000 };

function defaultOpenPort(path: string, baudRate: number): SerialPortLike {
  return new SerialPort({ path, baudRate, autoOpen: false });
}

export function createSerialLink(options: SerialLinkOptions): SerialLink {
  const { path, logger } = options;
  const baudRate = options.baudRate ?? 9600;
  const reopen = options.reopenDelayMs ?? DEFAULT_REOPEN;
  const openPort = options.openPort ?? defaultOpenPort;

  let noiseBytes = 0;
  const queue: PendingRequest[] = [];
  let active: ActiveRequest | null = null;
  const stateListeners = new Set<(state: LinkState) => void>();

  const failAll = (error: Error) => {
    if (active) finish(active, error);
    for (const pending of queue.splice(0)) {
      pending.detachAbort();
      pending.reject(error);
    }
  };

  const onData = (chunk: Buffer) => {
    if (!active?.expectsReply) {
      noiseBytes += chunk.length;
      return;
    }
    const current = active;
    current.received = Buffer.concat([current.received, chunk]);
    const { responseLength, isComplete } = current.pending.options;
    if (responseLength !== undefined && responseLength > 0 && current.received.length >= responseLength) {
      noiseBytes += current.received.length - responseLength;
      finish(current, current.received.subarray(0, responseLength));
    } else if (isComplete?.(current.received)) {
      finish(current, current.received);
    }
  };

  const connection = createReopeningPort({
    path,
    logger,
    reopenDelayMs: reopen,
    openPort: () => openPort(path, baudRate),
    onData,
    onOpen(port) {
      // Assert DTR/RTS for devices that wait for them; a PTY answers "Inappropriate ioctl".
      port.set({ dtr: true, rts: true }, (setError) => {
        if (setError) logger.debug('modem control lines not supported', { path, reason: setError.message });
      });
    },
    onLost: () => failAll(new LinkClosedError(`serial port ${path} was lost`)),
    onStateChange(next) {
      for (const listener of [...stateListeners]) {
        try {
          listener(next);
        } catch (error) {
          logger.error('link state listener failed', { error });
        }
      }
      if (next === 'open') pump();
    },
  });

  function finish(request: ActiveRequest, outcome: Buffer | Error): void {
    if (active !== request) return;
    active = null;
    clearTimeout(request.timer);
    request.pending.detachAbort();
    if (outcome instanceof Error) request.pending.reject(outcome);
    else request.pending.resolve(outcome);
    pump();
  }

  function pump(): void {
    const port = connection.port;
    // Stopping fails the active request first: the next queued one must not start on its way out.
    if (active || connection.stopped || connection.state !== 'open' || !port) return;
    const pending = queue.shift();
    if (!pending) return;
    const { responseLength, isComplete, timeoutMs } = pending.options;
    const expectsReply = (responseLength ?? 0) > 0 || isComplete !== undefined;
    const request: ActiveRequest = {
      pending,
      received: Buffer.alloc(0),
      expectsReply,
      timer: setTimeout(
        () => finish(request, new LinkTimeoutError(`no reply within ${timeoutMs} ms`)),
        timeoutMs,
      ),
    };
    active = request;
    const writer = port;
    writer.write(pending.bytes, (error) => {
      if (error) finish(request, new LinkClosedError(`write failed: ${error.message}`));
    });
    if (!expectsReply) {
      writer.drain((error) => {
        finish(request, error ? new LinkClosedError(`write failed: ${error.message}`) : Buffer.alloc(0));
      });
    }
  }

  return {
    path,
    get state() {
      return connection.state;
    },
    get noiseBytes() {
      return noiseBytes;
    },
    start: () => connection.start(),
    stop: () =>
      connection.stop(() => {
        stateListeners.clear();
        failAll(new LinkClosedError('serial link stopped'));
      }),
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    request(bytes, requestOptions) {
      return new Promise<Buffer>((resolve, reject) => {
        const { signal } = requestOptions;
        if (connection.stopped) return reject(new LinkClosedError('serial link stopped'));
        if (connection.state !== 'open')
          return reject(new LinkClosedError(`serial port ${path} is not open`));
        if (signal?.aborted) return reject(new LinkAbortedError('request aborted'));
        const onAbort = () => {
          const index = queue.indexOf(pending);
          if (index >= 0) {
            queue.splice(index, 1);
            pending.detachAbort();
            reject(new LinkAbortedError('request aborted'));
          } else if (active?.pending === pending) {
            finish(active, new LinkAbortedError('request aborted'));
          }
        };
        const pending: PendingRequest = {
          bytes: Buffer.from(bytes),
          options: requestOptions,
          resolve,
          reject,
          detachAbort: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(pending);
        pump();
      });
    },
  };
}
