import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  MrzReader,
  MrzReaderHealth,
  MrzReadResult,
  MrzTimings,
} from '../../../../contracts/identity.ts';
import { readImageHeader } from '../../../ocr/image/limits.ts';
import { readMrzText } from '../../../ocr/mrz/read-text.ts';
import { rejected } from '../../../ocr/mrz/result.ts';
import type { OcrReply, OcrRequest } from '../../../ocr/ocr-protocol.ts';
import { createLogger, type Logger } from '../../../../platform/log.ts';

/**
 * The runtime's MRZ reader: OCR in a child process (main/ocr/ocr-process.ts) kept warm, so a
 * crash or a hang of tesseract never takes the kiosk with it. One read at a time, a short
 * bounded queue; a read past its time kills the process, which is restarted with backoff.
 * `readText` needs no OCR and runs here.
 */

export interface MrzReaderClientOptions {
  /** How to start the OCR process. Default: this checkout's source through tsx. */
  command?: { execPath: string; args: string[] };
  /** From spawn to the warm-up read's answer. */
  startTimeoutMs?: number;
  /** Default time a read may take, from the call (queue included). */
  readTimeoutMs?: number;
  /** Reads waiting behind the one in progress; more are refused. */
  maxQueue?: number;
  /** Restart delay after a death: doubles from `initial` up to `max`, reset once ready. */
  backoffMs?: { initial: number; max: number };
  logger?: Logger;
}

const SOURCE_ENTRY = fileURLToPath(new URL('../../../ocr/ocr-process.ts', import.meta.url));

export function defaultOcrCommand(): { execPath: string; args: string[] } {
  return { execPath: process.execPath, args: ['--import', 'tsx', SOURCE_ENTRY] };
}

interface PendingRead {
  id: number;
  image: Uint8Array;
  started: number;
  timer: NodeJS.Timeout;
  resolve: (result: MrzReadResult) => void;
  onAbort?: () => void;
  signal?: AbortSignal;
}

function elapsed(started: number): MrzTimings {
  return { decodeMs: 0, prepareMs: 0, ocrMs: 0, totalMs: performance.now() - started };
}

/** Resident memory of a process from /proc, or null. */
function rssOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The reader, plus the OCR process id (for the technician panel and tests). */
export type MrzReaderClient = MrzReader & { pid(): number | null };

export function createMrzReaderClient(options: MrzReaderClientOptions = {}): MrzReaderClient {
  const command = options.command ?? defaultOcrCommand();
  const startTimeoutMs = options.startTimeoutMs ?? 20_000;
  const readTimeoutMs = options.readTimeoutMs ?? 5_000;
  const maxQueue = options.maxQueue ?? 3;
  const backoff = options.backoffMs ?? { initial: 500, max: 30_000 };
  const log = options.logger ?? createLogger('mrz-reader');

  let state: MrzReaderHealth['state'] = 'stopped';
  let child: ChildProcess | null = null;
  let restarts = 0;
  let readyMs: number | null = null;
  let delay = backoff.initial;
  let restartTimer: NodeJS.Timeout | null = null;
  let startTimer: NodeJS.Timeout | null = null;
  let nextId = 1;
  let inFlight: PendingRead | null = null;
  const queue: PendingRead[] = [];
  let firstReady: { resolve: () => void } | null = null;

  const finish = (read: PendingRead, result: MrzReadResult) => {
    clearTimeout(read.timer);
    if (read.onAbort) read.signal?.removeEventListener('abort', read.onAbort);
    read.resolve(result);
  };

  const pump = () => {
    if (inFlight !== null || state !== 'ready' || child === null) return;
    const read = queue.shift();
    if (read === undefined) return;
    inFlight = read;
    const request: OcrRequest = { type: 'read', id: read.id, image: read.image };
    child.send(request);
  };

  const failAll = (reason: 'ocrUnavailable' | 'timeout', detail: string) => {
    const all = inFlight ? [inFlight, ...queue] : [...queue];
    inFlight = null;
    queue.length = 0;
    for (const read of all) finish(read, rejected(reason, detail, elapsed(read.started)));
  };

  const scheduleRestart = () => {
    if (state === 'stopped' || restartTimer !== null) return;
    state = restarts >= 5 && readyMs === null ? 'failed' : 'restarting';
    restartTimer = setTimeout(() => {
      restartTimer = null;
      restarts++;
      launch();
    }, delay);
    delay = Math.min(backoff.max, delay * 2);
  };

  const onExit = (which: ChildProcess) => {
    if (child !== which) return;
    child = null;
    if (startTimer) clearTimeout(startTimer);
    failAll('ocrUnavailable', 'the OCR process ended');
    scheduleRestart();
  };

  const launch = () => {
    if (state === 'stopped') return;
    state = state === 'starting' ? 'starting' : restarts === 0 ? 'starting' : 'restarting';
    const spawnedAt = performance.now();
    const proc = spawn(command.execPath, command.args, {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    child = proc;
    startTimer = setTimeout(() => {
      log.warn('OCR process did not get ready in time', { timeoutMs: startTimeoutMs });
      proc.kill('SIGKILL');
    }, startTimeoutMs);
    proc.on('error', (error) => {
      log.warn('OCR process could not start', { error: error.message });
      onExit(proc);
    });
    proc.on('exit', (code, signal) => {
      if (state !== 'stopped') log.warn('OCR process ended', { code, signal });
      onExit(proc);
    });
    proc.on('message', (message: OcrReply) => {
      if (child !== proc) return;
      if (message.type === 'ready') {
        if (startTimer) clearTimeout(startTimer);
        readyMs = performance.now() - spawnedAt;
        state = 'ready';
        delay = backoff.initial;
        log.info('OCR process ready', { readyMs: Math.round(readyMs), restarts });
        firstReady?.resolve();
        firstReady = null;
        pump();
      } else if (message.type === 'failed') {
        log.warn('OCR process failed to start', { error: message.message });
      } else if (message.type === 'result' && inFlight?.id === message.id) {
        const read = inFlight;
        inFlight = null;
        finish(read, message.result);
        pump();
      }
    });
  };

  return {
    start() {
      if (state !== 'stopped') return Promise.resolve();
      state = 'starting';
      delay = backoff.initial;
      // Resolves once ready, or when the start timed out (reads answer `ocrUnavailable` meanwhile).
      const ready = new Promise<void>((resolve) => {
        firstReady = { resolve };
        setTimeout(resolve, startTimeoutMs).unref();
      });
      launch();
      return ready;
    },

    async stop() {
      state = 'stopped';
      if (restartTimer) clearTimeout(restartTimer);
      if (startTimer) clearTimeout(startTimer);
      restartTimer = null;
      failAll('ocrUnavailable', 'the reader stopped');
      const proc = child;
      child = null;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
        proc.kill('SIGTERM');
        const killTimer = setTimeout(() => proc.kill('SIGKILL'), 2_000);
        await exited;
        clearTimeout(killTimer);
      }
      firstReady?.resolve();
      firstReady = null;
    },

    isReady: () => state === 'ready',

    readImage(image, readOptions = {}) {
      const started = performance.now();
      const header = readImageHeader(image);
      if (!header.ok) return Promise.resolve(rejected(header.reason, header.detail, elapsed(started)));
      if (state !== 'ready') {
        return Promise.resolve(rejected('ocrUnavailable', `the OCR is ${state}`, elapsed(started)));
      }
      if (readOptions.signal?.aborted) {
        return Promise.resolve(rejected('timeout', 'the read was cancelled', elapsed(started)));
      }
      if (queue.length >= maxQueue) {
        return Promise.resolve(rejected('ocrUnavailable', 'the OCR is busy', elapsed(started)));
      }
      const timeoutMs = readOptions.timeoutMs ?? readTimeoutMs;
      return new Promise<MrzReadResult>((resolve) => {
        const read: PendingRead = {
          id: nextId++,
          image,
          started,
          resolve,
          timer: setTimeout(() => onTimeout(), timeoutMs),
        };
        const onTimeout = () => {
          if (inFlight === read) {
            // The OCR is stuck on this image: kill it; the others waiting fail with it.
            log.warn('OCR read timed out; restarting the OCR process', { timeoutMs });
            inFlight = null;
            finish(read, rejected('timeout', `no answer within ${timeoutMs} ms`, elapsed(started)));
            child?.kill('SIGKILL');
          } else {
            const at = queue.indexOf(read);
            if (at >= 0) queue.splice(at, 1);
            finish(read, rejected('timeout', `not read within ${timeoutMs} ms`, elapsed(started)));
          }
        };
        if (readOptions.signal) {
          read.signal = readOptions.signal;
          read.onAbort = () => {
            const at = queue.indexOf(read);
            if (at >= 0) queue.splice(at, 1);
            if (inFlight === read) inFlight = null;
            finish(read, rejected('timeout', 'the read was cancelled', elapsed(started)));
            // The OCR process finishes its current image; its answer is dropped.
            pump();
          };
          readOptions.signal.addEventListener('abort', read.onAbort, { once: true });
        }
        queue.push(read);
        pump();
      });
    },

    readText: (lines) => readMrzText(lines),

    pid: () => child?.pid ?? null,

    health: () => ({
      state,
      restarts,
      readyMs,
      rssBytes: child && state !== 'stopped' ? rssOf(child.pid) : null,
    }),
  };
}
