import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { KIOSK_NAMESPACE, SYNC_EVENTS, SYNC_LIMITS, type SyncAck, SyncBatch } from '../../contracts/index.ts';

/**
 * A backend that speaks only the sync protocol (contracts/sync-protocol.ts), in memory, with faults
 * a test can queue. It applies records exactly as the protocol says (skip ≤ mark, consume mark+1,
 * stop at a gap) and records what it saw, so a test can check exactly-once, order and how many
 * batches were in flight at once.
 */

export type SyncFault =
  /** The batch is applied but no ack is sent (it was lost on the way back). */
  | { kind: 'dropAck' }
  /** The batch is applied and the ack is garbage. */
  | { kind: 'garbage'; reply: unknown }
  /** Nothing is applied; the ack is `ok: false`. */
  | { kind: 'refuse'; code: 'internal' | 'batch-too-large' | 'invalid-message' | 'not-in-order' }
  /** The batch is applied; the ack leaves after `ms`. */
  | { kind: 'delay'; ms: number }
  /** The server drops the connection, after applying the batch or before. */
  | { kind: 'disconnect'; applyFirst: boolean }
  /** Only the first `consume` records are applied; the ack asks for the rest again (`resendFrom`). */
  | { kind: 'partial'; consume: number }
  /** Nothing is applied; the ack asks to resend from the batch's first record. */
  | { kind: 'stall' };

export interface ReceivedBatch {
  first: number;
  last: number;
  count: number;
  at: number;
}

export interface FakeSyncBackend {
  url: string;
  port: number;
  /** Highest sequence consumed. */
  mark(): number;
  /** Applied records' sequences in the order they were applied. */
  applied: number[];
  /** How many times each sequence was applied (exactly once means 1 each). */
  appliedCount: Map<number, number>;
  batches: ReceivedBatch[];
  hellos: number;
  /** Records received again after they were consumed (skipped, as the protocol says). */
  duplicatesReceived: number;
  maxInFlight: number;
  /** Faults for the next batches, taken one per batch in order. */
  batchFaults: SyncFault[];
  helloFaults: SyncFault[];
  /** Consumes records 1..n as if an earlier connection had sent them. */
  preload(seqs: number[]): void;
  disconnectAll(): void;
  close(): Promise<void>;
}

export async function startFakeSyncBackend(
  options: { port?: number; maxRecords?: number } = {},
): Promise<FakeSyncBackend> {
  const maxRecords = options.maxRecords ?? SYNC_LIMITS.maxRecords;
  const httpServer = createServer();
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 1e6 });
  let mark = 0;
  let inFlight = 0;
  const keys = new Set<string>();
  const state: Omit<FakeSyncBackend, 'url' | 'port' | 'close'> = {
    mark: () => mark,
    applied: [],
    appliedCount: new Map(),
    batches: [],
    hellos: 0,
    duplicatesReceived: 0,
    maxInFlight: 0,
    batchFaults: [],
    helloFaults: [],
    preload(seqs) {
      for (const seq of seqs) apply(seq, `preloaded-${seq}`);
    },
    disconnectAll() {
      io.of(KIOSK_NAMESPACE).disconnectSockets(true);
    },
  };

  function apply(seq: number, key: string) {
    keys.add(key);
    mark = seq;
    state.applied.push(seq);
    state.appliedCount.set(seq, (state.appliedCount.get(seq) ?? 0) + 1);
  }

  /** The protocol's rule per record; `limit` applies at most that many new records. */
  function consume(batch: SyncBatch, limit = Number.POSITIVE_INFINITY): Extract<SyncAck, { ok: true }> {
    let consumed = 0;
    for (const record of batch.records) {
      if (record.seq <= mark) {
        state.duplicatesReceived += 1;
        continue;
      }
      if (record.seq > mark + 1 || consumed >= limit) {
        return { ok: true, highWaterMark: mark, rejected: [], resendFrom: mark + 1 };
      }
      apply(record.seq, record.idempotencyKey);
      consumed += 1;
    }
    return { ok: true, highWaterMark: mark, rejected: [], resendFrom: null };
  }

  const helloAck = (): SyncAck => ({ ok: true, highWaterMark: mark, rejected: [], resendFrom: null });

  io.of(KIOSK_NAMESPACE).on('connection', (socket: Socket) => {
    socket.on(SYNC_EVENTS.hello, (_payload: unknown, ack: (reply: unknown) => void) => {
      state.hellos += 1;
      const fault = state.helloFaults.shift();
      if (!fault) return ack(helloAck());
      answerWithFault(socket, fault, (value) => value !== undefined && ack(value), helloAck);
    });

    socket.on(SYNC_EVENTS.batch, (payload: unknown, ack: (reply: unknown) => void) => {
      inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      let settled = false;
      const reply = (value: unknown) => {
        if (settled) return;
        settled = true;
        inFlight -= 1;
        if (value !== undefined) ack(value);
      };
      const parsed = SyncBatch.safeParse(payload);
      if (!parsed.success) return reply(refusal('invalid-message'));
      const batch = parsed.data;
      const first = batch.records[0]!.seq;
      state.batches.push({
        first,
        last: batch.records.at(-1)!.seq,
        count: batch.records.length,
        at: Date.now(),
      });
      if (batch.records.length > maxRecords) return reply(refusal('batch-too-large'));
      const fault = state.batchFaults.shift();
      if (!fault) return reply(consume(batch));
      switch (fault.kind) {
        case 'partial':
          return reply(consume(batch, fault.consume));
        case 'stall':
          return reply({ ok: true, highWaterMark: mark, rejected: [], resendFrom: first });
        case 'refuse':
          return reply(refusal(fault.code));
        case 'disconnect':
          if (fault.applyFirst) consume(batch);
          reply(undefined);
          socket.disconnect(true);
          return;
        default:
          answerWithFault(socket, fault, reply, () => consume(batch));
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    ...state,
    // The arrays and counters above are shared by reference; these read the live values.
    get hellos() {
      return state.hellos;
    },
    get duplicatesReceived() {
      return state.duplicatesReceived;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    url: `http://127.0.0.1:${port}`,
    port,
    async close() {
      const closed = io.close();
      httpServer.closeAllConnections();
      await closed;
    },
  };
}

/** Faults that apply the message first and then answer badly or late, or not at all. */
function answerWithFault(
  socket: Socket,
  fault: SyncFault,
  reply: (value: unknown) => void,
  applyAndAck: () => SyncAck,
): void {
  switch (fault.kind) {
    case 'dropAck':
      applyAndAck();
      reply(undefined);
      return;
    case 'garbage':
      applyAndAck();
      reply(fault.reply);
      return;
    case 'delay': {
      const ack = applyAndAck();
      setTimeout(() => reply(ack), fault.ms);
      return;
    }
    case 'refuse':
      reply(refusal(fault.code));
      return;
    case 'disconnect':
      if (fault.applyFirst) applyAndAck();
      socket.disconnect(true);
      return;
    default:
      reply(applyAndAck());
  }
}

function refusal(code: 'internal' | 'batch-too-large' | 'invalid-message' | 'not-in-order'): SyncAck {
  return { ok: false, error: { code, message: `refused: ${code}` } };
}
