import type { Socket } from 'socket.io';
import { type SyncAck, SYNC_EVENTS, SyncHello } from '../../contracts/sync-protocol.ts';
import type { Logger } from '../../platform/log.ts';
import { screenBatch } from '../sync/batch-screening.ts';
import { summariseIssues } from '../sync/issue-summary.ts';
import type { SyncIngestion } from '../sync/sync-ingestion.ts';

const INTERNAL: SyncAck = {
  ok: false,
  error: { code: 'internal', message: 'the backend could not store the batch; send it again' },
};

/**
 * Serves the kiosk's sync messages on its authenticated socket. The kiosk id is the socket's, set
 * at authentication: a kiosk cannot sync as another, whatever its messages say. Every answer is a
 * `SyncAck`; nothing a kiosk sends throws out of here or closes the connection.
 */
export function listenForSync(
  socket: Socket,
  kioskId: string,
  ingestion: SyncIngestion,
  logger: Logger,
): void {
  answer(socket, SYNC_EVENTS.hello, kioskId, logger, (payload) => {
    // A hello carries nothing yet; an absent payload is as good as `{}`.
    const hello = SyncHello.safeParse(payload ?? {});
    if (!hello.success) {
      return { ok: false, error: { code: 'invalid-message', message: summariseIssues(hello.error) } };
    }
    return ingestion.hello(kioskId);
  });
  answer(socket, SYNC_EVENTS.batch, kioskId, logger, (payload) => {
    const screened = screenBatch(payload);
    if (!screened.ok) return screened;
    const ack = ingestion.ingest(kioskId, screened.batch);
    logger.info('sync batch consumed', {
      kioskId,
      records: screened.batch.records.length,
      highWaterMark: ack.highWaterMark,
      rejected: ack.rejected.length,
      resendFrom: ack.resendFrom,
    });
    return ack;
  });
}

function answer(
  socket: Socket,
  event: string,
  kioskId: string,
  logger: Logger,
  handle: (payload: unknown) => SyncAck,
): void {
  // As for the other kiosk messages: the ack callback, when sent, is the last argument.
  socket.on(event, (...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (reply: SyncAck) => void) : undefined;
    let reply: SyncAck;
    try {
      reply = handle(args[0]);
    } catch (error) {
      logger.error('sync message could not be handled', { kioskId, event, error: error as Error });
      reply = INTERNAL;
    }
    if (!reply.ok) logger.warn('sync message refused', { kioskId, event, code: reply.error.code });
    // Without an ack the batch is still consumed: the kiosk learns the mark at its next hello.
    if (ack) ack(reply);
    else logger.warn('sync message sent without an ack callback', { kioskId, event });
  });
}
