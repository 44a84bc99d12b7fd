import type { Socket } from 'socket.io-client';
import { SYNC_EVENTS, SYNC_LIMITS, SyncAck, type SyncBacklog } from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type { JournalStore } from '../journal/types.ts';
import { backoffCeilingMs, backoffDelayMs, type RetryPolicy } from './backoff.ts';
import { BacklogFeed } from './backlog-feed.ts';
import { BatchBudget, type BatchLimits } from './batch-budget.ts';
import type { SyncClient } from './types.ts';

/** The part of the journal store the sync client needs: the outbox. */
export type SyncStore = Pick<JournalStore, 'pendingRecords' | 'markSynced' | 'backlog'>;

export interface SyncClientOptions {
  /** The kiosk's authenticated `/kiosk` socket, connected or not; the client never connects or closes it. */
  socket: Socket;
  store: SyncStore;
  logger: Logger;
  ackTimeoutMs?: number;
  retry?: RetryPolicy;
  /** The sender also looks at the outbox this often, for commits nobody nudged it about. */
  pollMs?: number;
  limits?: BatchLimits;
  /** Source of the backoff's jitter, in [0, 1). */
  random?: () => number;
  /** Told about every hello and batch once it ends: for metrics (ack latency), never for control. */
  onExchange?: (exchange: SyncExchange) => void;
}

export interface SyncExchange {
  event: string;
  records: number;
  latencyMs: number;
  outcome: 'acked' | 'timeout' | 'disconnected' | 'malformed' | 'refused';
}

/** Batches sent in one turn before the sender yields to the event loop (and to the commits it serves). */
const BATCHES_PER_TURN = 64;
/** Acknowledgements in a row that consume nothing before the sender backs off and asks for the mark again. */
const STALLS_BEFORE_BACKOFF = 2;

type Exchange =
  | { ok: true; ack: Extract<SyncAck, { ok: true }> }
  | { ok: false; failure: 'timeout' | 'disconnected' | 'malformed' | 'refused'; code?: string };

/** How a step of the sender ended: go on, nothing to send, or back off. */
type Step = 'progress' | 'idle' | 'failed';

/**
 * The outbox relay of docs/architecture.md ("Journal, outbox and exactly-once sync"). One sender
 * turn runs at a time and awaits each acknowledgement before the next batch, so at most one hello
 * or batch is in flight.
 * The backend's high-water mark is the only truth about what arrived: the client asks for it
 * (`kiosk:sync-hello`) after every connect and after every failure, marks rows synced only up to an
 * acknowledged mark, and sends from the mark onward. A batch that may have arrived although its ack
 * was lost is simply sent again; the backend skips what it has already consumed.
 */
export function createSyncClient(options: SyncClientOptions): SyncClient {
  const { socket, store } = options;
  const log = options.logger;
  const ackTimeoutMs = options.ackTimeoutMs ?? 5000;
  const retry = options.retry ?? { baseMs: 250, maxMs: 30_000 };
  const pollMs = options.pollMs ?? 1000;
  const random = options.random ?? Math.random;
  const budget = new BatchBudget(options.limits ?? SYNC_LIMITS);
  const feed = new BacklogFeed((error) => log.error('a backlog listener failed', { error: error as Error }));

  let stopped = false;
  /** A sender turn is running; it alone talks to the backend. */
  let busy = false;
  /** Someone asked for a turn while one was running. */
  let wakeAgain = false;
  /** Next sequence to send; null until the backend has told us its mark on this connection. */
  let resumeFrom: number | null = null;
  let backendMark = 0;
  let attempt = 0;
  let stalls = 0;
  /** Counts connects, so a failure that belongs to an older connection does not delay the new one. */
  let connection = 0;
  let backoffTimer: NodeJS.Timeout | undefined;
  let continueTimer: NodeJS.Immediate | undefined;
  let publishTimer: NodeJS.Immediate | undefined;

  const exchange = async (event: string, payload: unknown, records: number): Promise<Exchange> => {
    const started = performance.now();
    const result = await exchangeOnce(event, payload);
    options.onExchange?.({
      event,
      records,
      latencyMs: performance.now() - started,
      outcome: result.ok ? 'acked' : result.failure,
    });
    return result;
  };

  const exchangeOnce = async (event: string, payload: unknown): Promise<Exchange> => {
    let raw: unknown;
    try {
      raw = await socket.timeout(ackTimeoutMs).emitWithAck(event, payload);
    } catch {
      // socket.io rejects with a timeout, or at once when the connection drops under the request.
      return { ok: false, failure: socket.connected ? 'timeout' : 'disconnected' };
    }
    const ack = SyncAck.safeParse(raw);
    if (!ack.success) return { ok: false, failure: 'malformed' };
    if (!ack.data.ok) return { ok: false, failure: 'refused', code: ack.data.error.code };
    return { ok: true, ack: ack.data };
  };

  const logFailure = (event: string, result: Extract<Exchange, { ok: false }>, seqs?: object) => {
    const fields = { event, failure: result.failure, code: result.code, ...seqs };
    if (result.failure === 'malformed') log.error('backend sent a malformed sync acknowledgement', fields);
    else log.warn('sync exchange failed', fields);
  };

  const hello = async (): Promise<Step> => {
    const result = await exchange(SYNC_EVENTS.hello, {}, 0);
    if (stopped) return 'idle';
    if (!result.ok) {
      logFailure(SYNC_EVENTS.hello, result);
      return 'failed';
    }
    const mark = result.ack.highWaterMark;
    // Rows at or below the mark reached the backend, even if a crash lost the ack that said so.
    if (mark > 0) store.markSynced(mark);
    backendMark = mark;
    resumeFrom = mark + 1;
    log.info('sync resumes from the backend mark', { highWaterMark: mark });
    return 'progress';
  };

  const sendBatch = async (from: number): Promise<Step> => {
    const pending = store.pendingRecords(from - 1, budget.current());
    if (pending.length === 0) return 'idle';
    const { batch, bytes, oversized } = budget.fit(pending);
    const first = batch[0]!.seq;
    const last = batch.at(-1)!.seq;
    const seqs = { first, last, count: batch.length };
    if (first !== from) {
      // The outbox has no unsynced row at the mark: it was marked synced by a backend that has since
      // lost it. Sending on lets the backend answer with its mark again; the log says why it loops.
      log.error('outbox does not continue at the backend mark', { expected: from, first });
    }
    if (oversized.length > 0) log.error('outbox records exceed the record size limit', { seqs: oversized });

    const result = await exchange(SYNC_EVENTS.batch, { records: batch }, batch.length);
    if (stopped) return 'idle';
    if (!result.ok) {
      logFailure(SYNC_EVENTS.batch, result, seqs);
      // A batch too large for the backend's message limit costs the connection, not an error reply.
      if (result.failure === 'disconnected' || result.code === 'batch-too-large') budget.shrink();
      return 'failed';
    }
    const { highWaterMark, rejected, resendFrom } = result.ack;
    if (rejected.length > 0) {
      // The backend's reasons may quote record data; the sequences are enough to find them.
      log.warn('backend stored records as rejected', {
        count: rejected.length,
        seqs: rejected.slice(0, 20).map((r) => r.seq),
      });
    }
    if (highWaterMark > 0) store.markSynced(highWaterMark);
    const advanced = highWaterMark > backendMark;
    backendMark = highWaterMark;
    resumeFrom = resendFrom ?? highWaterMark + 1;
    log.debug('sync batch acknowledged', { ...seqs, bytes, highWaterMark, resendFrom });
    if (advanced) {
      attempt = 0;
      stalls = 0;
      budget.grow();
      return 'progress';
    }
    stalls += 1;
    if (stalls < STALLS_BEFORE_BACKOFF) return 'progress';
    log.warn('backend acknowledged batches without consuming them', { ...seqs, highWaterMark, resendFrom });
    return 'failed';
  };

  const turn = async () => {
    busy = true;
    wakeAgain = false;
    const startedOn = connection;
    let step: Step = 'idle';
    try {
      for (let i = 0; i < BATCHES_PER_TURN && !stopped && socket.connected; i++) {
        step = resumeFrom === null ? await hello() : await sendBatch(resumeFrom);
        if (step !== 'progress') break;
      }
    } catch (error) {
      // The store failed (a busy or closed database): nothing was marked that the backend did not ack.
      log.error('sync step failed', { error: error as Error });
      step = 'failed';
    } finally {
      busy = false;
    }
    if (stopped) return;
    publishBacklog();
    if (step === 'idle') attempt = 0;
    if (step === 'failed') {
      resumeFrom = null;
      stalls = 0;
      // A failure of an older connection must not delay the hello the new one is owed.
      if (connection === startedOn) {
        scheduleBackoff();
        return;
      }
    }
    if (step !== 'idle' || wakeAgain) continueTimer = setImmediate(wake);
  };

  function wake(): void {
    if (stopped) return;
    if (busy) {
      wakeAgain = true;
      return;
    }
    // Waiting out a backoff; a nudge must not defeat it. Offline, the next connect wakes us.
    if (backoffTimer !== undefined || !socket.connected) return;
    void turn();
  }

  function scheduleBackoff(): void {
    const delayMs = backoffDelayMs(retry, attempt, random);
    log.warn('sync backing off', { attempt, delayMs, ceilingMs: backoffCeilingMs(retry, attempt) });
    attempt += 1;
    clearTimeout(backoffTimer);
    backoffTimer = setTimeout(() => {
      backoffTimer = undefined;
      wake();
    }, delayMs);
  }

  function readBacklog(): SyncBacklog {
    const backlog = store.backlog();
    feed.publish(backlog);
    return backlog;
  }

  function publishBacklog(): void {
    try {
      readBacklog();
    } catch (error) {
      log.error('outbox backlog could not be read', { error: error as Error });
    }
  }

  /** Commits come in bursts; one backlog query per burst is enough. */
  function publishSoon(): void {
    if (publishTimer !== undefined) return;
    publishTimer = setImmediate(() => {
      publishTimer = undefined;
      if (!stopped) publishBacklog();
    });
  }

  const onConnect = () => {
    connection += 1;
    resumeFrom = null;
    stalls = 0;
    // socket.io paced the reconnection itself; the new connection is owed its hello now.
    clearTimeout(backoffTimer);
    backoffTimer = undefined;
    wake();
  };
  const onDisconnect = () => {
    resumeFrom = null;
  };
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  const pollTimer = setInterval(() => {
    publishBacklog();
    wake();
  }, pollMs);
  if (socket.connected) onConnect();

  return {
    nudge() {
      if (stopped) return;
      publishSoon();
      wake();
    },
    backlog: readBacklog,
    onBacklog: (listener) => feed.subscribe(listener),
    drained(timeoutMs) {
      if (stopped) return Promise.resolve(false);
      const drained = feed.waitDrained(timeoutMs);
      publishBacklog();
      wake();
      return drained;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(pollTimer);
      clearTimeout(backoffTimer);
      if (continueTimer) clearImmediate(continueTimer);
      if (publishTimer) clearImmediate(publishTimer);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      feed.close();
    },
  };
}
