import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { CallAck, CallRequestAck } from '../../../contracts/teller.ts';
import type { Logger } from '../../../platform/log.ts';
import { summariseIssues } from '../../sync/issue-summary.ts';
import { refusal } from './call-model.ts';

/**
 * Listens for one call event: the payload is checked against its schema (a bad one is answered
 * `invalid-message`, naming the field, never echoing the value), the handler's answer goes to
 * the ack callback, which is the last argument when the sender passed one. A handler that
 * throws is answered `internal`; nothing a peer sends can throw out of here.
 */
export function answerCallEvent<Schema extends z.ZodType>(
  socket: Socket,
  event: string,
  schema: Schema,
  party: Record<string, string>,
  logger: Logger,
  handle: (payload: z.infer<Schema>) => CallAck | CallRequestAck,
): void {
  socket.on(event, (...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (reply: unknown) => void) : undefined;
    let reply: CallAck | CallRequestAck;
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      reply = refusal('invalid-message', summariseIssues(parsed.error));
    } else {
      try {
        reply = handle(parsed.data);
      } catch (error) {
        logger.error('call event failed', { ...party, event, error: error as Error });
        reply = refusal('internal', 'the backend could not handle this; try again');
      }
    }
    if (!reply.ok) logger.warn('call event refused', { ...party, event, code: reply.error.code });
    if (ack) ack(reply);
    else logger.warn('call event sent without an ack callback', { ...party, event });
  });
}
