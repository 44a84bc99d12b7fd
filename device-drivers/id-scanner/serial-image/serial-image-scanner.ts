import { failed, type OperationResult, succeeded } from '../../../contracts/devices/operation.ts';
import type { IdScanner, ScannedDocument } from '../../../contracts/devices/scanners.ts';
import type { Logger } from '../../../platform/log.ts';
import type { HostCommand, ImageInfo, ScannerMessage, ScannerStatus } from '../../codecs/id-scanner/index.ts';
import { type LinkCondition, linkStatus } from '../../cash/link-status.ts';
import { createPollLoop, startLinkAndPolling } from '../../cash/poll-loop.ts';
import { createStatusPublisher } from '../../cash/status-publisher.ts';
import { LinkAbortedError, LinkClosedError, LinkTimeoutError } from '../../transport/link-errors.ts';
import { createFrameLink, type FrameLinkOptions } from './frame-link.ts';
import { pullImage, refuseImageInfo } from './image-transfer.ts';
import { statusFromScanner } from './scanner-status.ts';
import {
  DEFAULT_MAX_IMAGE_BYTES,
  DEFAULT_SERIAL_IMAGE_TIMEOUTS,
  MAX_TRIES,
  type SerialImageTimeouts,
} from './serial-image-timeouts.ts';

export interface SerialImageScannerOptions {
  /** Serial device, e.g. `/dev/ttyACM0` or a simulator's PTY link. */
  path: string;
  /** Status poll interval while no scan runs. */
  pollIntervalMs: number;
  logger: Logger;
  timeouts?: Partial<SerialImageTimeouts>;
  /** Largest image accepted (default 8 MB); a larger one is refused before it is transferred. */
  maxImageBytes?: number;
  /** While armed, status is also asked this often in case a document-present event was lost. */
  armedPollMs?: number;
  reopenDelayMs?: FrameLinkOptions['reopenDelayMs'];
  openPort?: FrameLinkOptions['openPort'];
}

type Failure = Extract<OperationResult<never>, { code: Exclude<OperationResult<never>['code'], 'success'> }>;
type Asked = { ok: true; message: ScannerMessage } | { ok: false; error: Error };

/**
 * ID scanner in serial image mode (docs/id-scanner-protocol.md), for the duties of
 * contracts/devices/scanners.ts: status polls while idle, and one scan at a time that arms the
 * scanner, waits for a document, captures it and pulls the image in checked chunks.
 */
export function createSerialImageScanner(options: SerialImageScannerOptions): IdScanner {
  const { logger } = options;
  const timeouts: SerialImageTimeouts = { ...DEFAULT_SERIAL_IMAGE_TIMEOUTS, ...options.timeouts };
  const maxImageBytes = options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const armedPollMs = options.armedPollMs ?? 250;
  const link = createFrameLink({
    path: options.path,
    logger: logger.child('link'),
    ...(options.reopenDelayMs ? { reopenDelayMs: options.reopenDelayMs } : {}),
    ...(options.openPort ? { openPort: options.openPort } : {}),
  });
  const publisher = createStatusPublisher('idScanner', logger);
  const documentListeners = new Set<() => void>();
  let condition: LinkCondition = 'starting';
  let lastStatus: ScannerStatus | null = null;
  let started = false;
  let stopped = false;
  let scanning = false;
  /** Set while a scan waits for a document: the only time a document-present event means anything. */
  let documentArrived: (() => void) | null = null;

  const publishStatus = () => {
    if (condition !== 'up') publisher.publish(linkStatus(condition));
    else if (lastStatus) publisher.publish(statusFromScanner(lastStatus));
  };
  const setCondition = (next: LinkCondition) => {
    if (stopped) return;
    condition = next;
    publishStatus();
  };
  const noteStatus = (status: ScannerStatus) => {
    lastStatus = status;
    setCondition('up');
  };

  const ask = async (command: HostCommand, timeoutMs: number, signal?: AbortSignal): Promise<Asked> => {
    try {
      const message = await link.request(command, { timeoutMs, ...(signal ? { signal } : {}) });
      if (message.type === 'status') noteStatus(message.status);
      return { ok: true, message };
    } catch (error) {
      return { ok: false, error: error as Error };
    }
  };

  /** Asks up to MAX_TRIES times while the reply is missing or damaged; a closed link or abort ends it. */
  const askWithRetries = async (command: HostCommand, timeoutMs: number, signal?: AbortSignal) => {
    let last: Asked = { ok: false, error: new LinkTimeoutError('not asked') };
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      last = await ask(command, timeoutMs, signal);
      if (last.ok || last.error instanceof LinkClosedError || last.error instanceof LinkAbortedError)
        return last;
    }
    return last;
  };

  const conditionAfter = (error: Error): LinkCondition =>
    error instanceof LinkClosedError
      ? 'linkClosed'
      : error instanceof LinkTimeoutError
        ? 'noReply'
        : 'badReply';

  const poll = async () => {
    if (scanning || stopped || link.state !== 'open') return;
    const result = await askWithRetries({ type: 'status' }, timeouts.commandMs);
    if (!result.ok && !scanning) setCondition(conditionAfter(result.error));
  };
  const loop = createPollLoop(options.pollIntervalMs, poll);

  link.onStateChange((state) => {
    if (state === 'closed') setCondition('linkClosed');
    else loop.pollSoon();
  });
  link.onEvent((message) => {
    if (message.type !== 'documentPresent') return;
    // Not armed for a scan: nothing is kept for a later customer.
    if (!documentArrived) return logger.debug('document-present event while no scan waits: ignored');
    documentArrived();
  });

  const linkFailure = (error: Error, what: string): Failure => {
    if (error instanceof LinkAbortedError) return failed('canceled', `scan canceled ${what}`) as Failure;
    if (error instanceof LinkClosedError)
      return failed('deviceNotReady', `scanner link lost ${what}`, 'linkLost') as Failure;
    if (error instanceof LinkTimeoutError)
      return failed('timeout', `scanner did not answer ${what}`) as Failure;
    return failed('invalidData', `scanner reply damaged ${what}: ${error.message}`) as Failure;
  };

  /** Resolves 'present', 'timeout' or 'canceled'; polls status too in case an event was lost. */
  const waitForDocument = (deadline: number, signal?: AbortSignal) =>
    new Promise<'present' | 'timeout' | 'canceled'>((resolve) => {
      let settled = false;
      let pollTimer: NodeJS.Timeout | null = null;
      const finish = (outcome: 'present' | 'timeout' | 'canceled') => {
        if (settled) return;
        settled = true;
        documentArrived = null;
        clearTimeout(deadlineTimer);
        if (pollTimer) clearTimeout(pollTimer);
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const onAbort = () => finish('canceled');
      const deadlineTimer = setTimeout(() => finish('timeout'), Math.max(0, deadline - Date.now()));
      const pollArmed = async () => {
        pollTimer = null;
        if (settled) return;
        const reply = await ask({ type: 'status' }, timeouts.commandMs, signal);
        if (settled) return;
        if (reply.ok && reply.message.type === 'status' && reply.message.status.documentPresent)
          return finish('present');
        if (!reply.ok && reply.error instanceof LinkClosedError) setCondition('linkClosed');
        pollTimer = setTimeout(() => void pollArmed(), armedPollMs);
      };
      documentArrived = () => finish('present');
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) return finish('canceled');
      pollTimer = setTimeout(() => void pollArmed(), armedPollMs);
    });

  /** Capture, then the image info; a lost or damaged capture reply is followed by asking for the info. */
  const capture = async (signal?: AbortSignal): Promise<OperationResult<ImageInfo>> => {
    let reply = await ask({ type: 'capture' }, timeouts.captureMs, signal);
    if (!reply.ok && !(reply.error instanceof LinkClosedError || reply.error instanceof LinkAbortedError))
      reply = await askWithRetries({ type: 'imageInfo' }, timeouts.commandMs, signal);
    if (!reply.ok) return linkFailure(reply.error, 'during capture');
    const { message } = reply;
    if (message.type === 'imageInfo') return succeeded(message.info);
    if (message.type === 'nak' && message.reason === 'noDocument')
      return failed('userError', 'the document was taken away before capture', 'documentRemoved');
    return failed('invalidData', `unexpected ${message.type} reply to capture`);
  };

  const scan = async (timeoutMs: number, signal?: AbortSignal): Promise<OperationResult<ScannedDocument>> => {
    const deadline = Date.now() + timeoutMs;
    const armed = await askWithRetries({ type: 'arm' }, timeouts.commandMs, signal);
    if (!armed.ok) {
      if (armed.error instanceof LinkAbortedError) return failed('canceled', 'scan canceled');
      setCondition(conditionAfter(armed.error));
      return failed('deviceNotReady', `scanner could not be armed: ${armed.error.message}`);
    }
    const waited = await (armed.message.type === 'status' && armed.message.status.documentPresent
      ? Promise.resolve('present' as const)
      : waitForDocument(deadline, signal));
    if (waited !== 'present') {
      await ask({ type: 'disarm' }, timeouts.commandMs);
      return waited === 'timeout'
        ? failed('timeout', `no document placed within ${timeoutMs} ms`)
        : failed('canceled', 'scan canceled');
    }
    const detectedAt = performance.now();
    for (const listener of [...documentListeners]) {
      try {
        listener();
      } catch (error) {
        logger.error('document-present listener failed', { error });
      }
    }
    const outcome = await transfer(signal);
    if (outcome.code !== 'success') {
      // Whatever the scanner still holds is dropped, and it stops waiting.
      await ask({ type: 'reset' }, timeouts.commandMs);
      return outcome;
    }
    const transferMs = Math.round(performance.now() - detectedAt);
    await ask({ type: 'done' }, timeouts.commandMs);
    return succeeded({ kind: 'image', image: outcome.value.image, mime: outcome.value.mime, transferMs });
  };

  const transfer = async (signal?: AbortSignal) => {
    const info = await capture(signal);
    if (info.code !== 'success') return info;
    const refusal = refuseImageInfo(info.value, maxImageBytes);
    if (refusal) {
      logger.warn('image refused before transfer', { totalBytes: info.value.totalBytes, maxImageBytes });
      return failed('invalidData', refusal, 'imageRefused');
    }
    const image = await pullImage(link, info.value, {
      maxImageBytes,
      chunkTimeoutMs: timeouts.chunkMs,
      maxTries: MAX_TRIES,
      ...(signal ? { signal } : {}),
    });
    if (image.code !== 'success') return image;
    return succeeded({ image: image.value, mime: info.value.mime });
  };

  return {
    device: 'idScanner',
    mode: 'serialImage',
    async start() {
      if (started || stopped) return;
      started = true;
      await startLinkAndPolling(link, loop, () => setCondition('linkClosed'));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      loop.stop();
      documentListeners.clear();
      publisher.close();
      await link.stop();
    },
    status: () => publisher.current(),
    onStatus: (listener) => publisher.onStatus(listener),
    onDocumentPresent(listener) {
      documentListeners.add(listener);
      return () => {
        documentListeners.delete(listener);
      };
    },
    async scanDocument({ timeoutMs, signal }) {
      if (stopped || !started) return failed('deviceNotReady', 'scanner driver not running');
      if (scanning) return failed('sequenceError', 'a scan is already waiting');
      if (signal?.aborted) return failed('canceled', 'scan canceled');
      if (link.state !== 'open') return failed('deviceNotReady', 'scanner link is down', 'linkLost');
      scanning = true;
      try {
        const result = await scan(timeoutMs, signal);
        if (result.code !== 'success')
          logger.warn('scan did not succeed', { code: result.code, errorCode: result.errorCode });
        return result;
      } catch (error) {
        logger.error('scan failed', { error });
        return failed('internalError', 'scan failed');
      } finally {
        scanning = false;
        documentArrived = null;
        loop.pollSoon();
      }
    },
  };
}
