import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Logger } from '../../platform/log.ts';
import { HttpError, readJsonBody, sendJson } from '../../platform/http.ts';
import { openCardOrder } from '../cards/card-orders.ts';
import type { BackendStores } from '../store/backend-stores.ts';

/** Body of `POST /api/card-orders`: the account, and optionally the names and the mail address. */
export const NewCardOrder = z.strictObject({
  accountNumber: z.string().regex(/^\d{6,20}$/),
  surname: z.string().trim().min(1).max(40).optional(),
  givenNames: z.string().trim().min(1).max(40).optional(),
  deliveryAddress: z.string().trim().min(1).max(300).optional(),
});

/**
 * Opens a card order on an account, as the bank's app would when a customer orders a card: the
 * stand-in that lets a demo or a test make a fresh order. Answers `201 { orderRef, orderCode,
 * expiresAt }`; the code is what the customer types at the kiosk.
 */
export async function createCardOrder(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { stores: BackendStores; logger: Logger },
): Promise<void> {
  const body = NewCardOrder.safeParse(await readJsonBody(req, 4096));
  if (!body.success) {
    throw new HttpError(
      400,
      'body must be { accountNumber: 6 to 20 digits, surname?, givenNames?, deliveryAddress? }',
    );
  }
  const account = deps.stores.accounts.findByNumber(body.data.accountNumber);
  if (!account) throw new HttpError(404, 'no account has this number');
  const order = openCardOrder(deps.stores.cardOrders, account, body.data, new Date());
  if ('error' in order) throw new HttpError(422, order.error);
  // The code lets whoever has it collect the card: it goes to the caller, never to the log.
  deps.logger.info('card order opened', { orderRef: order.orderRef });
  sendJson(res, 201, { orderRef: order.orderRef, orderCode: order.orderCode, expiresAt: order.expiresAt });
}
