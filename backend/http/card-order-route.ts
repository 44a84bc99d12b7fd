import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { OrderCode } from '../../contracts/card-issuing.ts';
import { CardOrderLookupByDocumentRequest } from '../../contracts/identity.ts';
import type { Logger } from '../../platform/log.ts';
import { HttpError, readJsonBody, sendJson } from '../../platform/http.ts';
import { isPastExpiry } from '../cards/card-order-status.ts';
import { openCardOrder } from '../cards/card-orders.ts';
import type { AppCodeIssuer } from '../identity/app-code-issuer.ts';
import { documentHash } from '../identity/document-hash.ts';
import type { IdentityKeys } from '../identity/identity-key.ts';
import type { BackendStores } from '../store/backend-stores.ts';

/**
 * Body of `POST /api/card-orders`: the account, optionally the names, the mail address, and the
 * customer's ID document as its MRZ prints it (so a kiosk that reads it finds the order).
 */
export const NewCardOrder = z.strictObject({
  accountNumber: z.string().regex(/^\d{6,20}$/),
  surname: z.string().trim().min(1).max(40).optional(),
  givenNames: z.string().trim().min(1).max(40).optional(),
  deliveryAddress: z.string().trim().min(1).max(300).optional(),
  document: CardOrderLookupByDocumentRequest.strict().optional(),
  /** The bank wants a teller to approve the card before a kiosk makes it. */
  tellerApproval: z.boolean().optional(),
});

export interface CardOrderRouteDeps {
  stores: BackendStores;
  appCodes: AppCodeIssuer;
  identity: IdentityKeys;
  logger: Logger;
}

/**
 * Opens a card order on an account, as the bank's app would when a customer orders a card: the
 * stand-in that lets a demo or a test make a fresh order. Answers `201 { orderRef, orderCode,
 * expiresAt, appCode, appCodeExpiresAt }`; the code is what the customer types at the kiosk, the
 * app code what the app shows as a QR code (both null when app codes are not configured).
 * Of the document only a keyed hash is stored.
 */
export async function createCardOrder(
  req: IncomingMessage,
  res: ServerResponse,
  deps: CardOrderRouteDeps,
): Promise<void> {
  const body = NewCardOrder.safeParse(await readJsonBody(req, 4096));
  if (!body.success) {
    throw new HttpError(
      400,
      'body must be { accountNumber: 6 to 20 digits, surname?, givenNames?, deliveryAddress?, ' +
        'document?: { issuingState: 3 letters, documentNumber: 1 to 24 of A-Z 0-9, birthDate: YYMMDD }, ' +
        'tellerApproval?: boolean }',
    );
  }
  const account = deps.stores.accounts.findByNumber(body.data.accountNumber);
  if (!account) throw new HttpError(404, 'no account has this number');
  const { document, ...details } = body.data;
  const order = openCardOrder(
    deps.stores.cardOrders,
    account,
    { ...details, documentHash: document ? documentHash(deps.identity.documentHash, document) : null },
    new Date(),
  );
  if ('error' in order) throw new HttpError(422, order.error);
  const code = deps.appCodes.cardOrder(order.orderCode, order.expiresAt);
  // The code lets whoever has it collect the card: it goes to the caller, never to the log.
  deps.logger.info('card order opened', {
    orderRef: order.orderRef,
    withDocument: document !== undefined,
    tellerApproval: order.tellerApproval,
  });
  sendJson(res, 201, {
    orderRef: order.orderRef,
    orderCode: order.orderCode,
    expiresAt: order.expiresAt,
    appCode: code?.appCode ?? null,
    appCodeExpiresAt: code?.expiresAt ?? null,
  });
}

/**
 * `POST /api/card-orders/:code/app-code`: a new app code for an order that can still be collected
 * (the app shows a fresh one when the last expired). 404 for an unknown code, 409 for an order no
 * card can come from any more, 503 when app codes are not configured.
 */
export function createCardOrderAppCode(
  res: ServerResponse,
  pathSegment: string,
  deps: CardOrderRouteDeps,
): void {
  if (!deps.appCodes.enabled) throw new HttpError(503, 'app codes are not configured on this backend');
  const orderCode = OrderCode.safeParse(pathSegment);
  const order = orderCode.success ? deps.stores.cardOrders.findByCode(orderCode.data) : undefined;
  if (!order) throw new HttpError(404, 'no card order has this code');
  const now = new Date();
  const cards = deps.stores.cards.listByOrder(order.orderRef);
  if (order.status !== 'open' || cards.some((card) => card.status === 'issued')) {
    throw new HttpError(409, 'the order is not open (issued, mailed, cancelled or expired)');
  }
  if (isPastExpiry(order, now)) throw new HttpError(409, 'the order has expired');
  const code = deps.appCodes.cardOrder(order.orderCode, order.expiresAt, now)!;
  deps.logger.info('card order app code issued', { orderRef: order.orderRef });
  sendJson(res, 201, { orderRef: order.orderRef, appCode: code.appCode, appCodeExpiresAt: code.expiresAt });
}
