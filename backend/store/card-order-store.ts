import type { SqliteDatabase } from '../../platform/sqlite.ts';

/** The status an order carries in the database; what kiosks see is derived (card-order-status.ts). */
export type StoredOrderStatus = 'open' | 'mailRequested' | 'cancelled' | 'expired';

/** A card order made in the bank's app: whose card, which names on it, where to mail it. */
export interface CardOrder {
  orderRef: string;
  orderCode: string;
  accountRef: string;
  /** Upper-case, as the card carries them. */
  surname: string;
  givenNames: string;
  product: 'debit';
  /** Null: the address the bank holds for the account. */
  deliveryAddress: string | null;
  status: StoredOrderStatus;
  expiresAt: string;
  createdAt: string;
  mailRequestedAt: string | null;
  /** HMAC of the customer's document (identity/document-hash.ts); null when none was given. */
  documentHash: string | null;
  /** The bank wants a teller to approve the card before a kiosk makes it. */
  tellerApproval: boolean;
}

/** What a re-seed may change on an order that is still open. */
export interface OrderRenewal {
  accountRef: string;
  surname: string;
  givenNames: string;
  deliveryAddress: string | null;
  expiresAt: string;
  documentHash: string | null;
  tellerApproval: boolean;
}

/** Orders of one document looked at, newest first: a person has few orders at a time. */
export const ORDERS_PER_DOCUMENT_LIMIT = 20;

export interface CardOrderStore {
  findByRef(orderRef: string): CardOrder | undefined;
  findByCode(orderCode: string): CardOrder | undefined;
  /** Orders stored as open for this document hash, newest first (at most ORDERS_PER_DOCUMENT_LIMIT). */
  listOpenByDocumentHash(documentHash: string): CardOrder[];
  /** Adds the order; false when its code is taken (the caller draws another). */
  insert(order: CardOrder): boolean;
  /** Re-opens the order with the given fields and a new expiry. */
  renew(orderRef: string, renewal: OrderRenewal): void;
  markMailRequested(orderRef: string, at: string): void;
}

interface CardOrderRow {
  order_ref: string;
  order_code: string;
  account_ref: string;
  surname: string;
  given_names: string;
  product: 'debit';
  delivery_address: string | null;
  status: StoredOrderStatus;
  expires_at: string;
  created_at: string;
  mail_requested_at: string | null;
  document_hash: string | null;
  teller_approval: 0 | 1;
}

function toOrder(row: CardOrderRow | undefined): CardOrder | undefined {
  return (
    row && {
      orderRef: row.order_ref,
      orderCode: row.order_code,
      accountRef: row.account_ref,
      surname: row.surname,
      givenNames: row.given_names,
      product: row.product,
      deliveryAddress: row.delivery_address,
      status: row.status,
      expiresAt: row.expires_at,
      createdAt: row.created_at,
      mailRequestedAt: row.mail_requested_at,
      documentHash: row.document_hash,
      tellerApproval: row.teller_approval === 1,
    }
  );
}

export function createCardOrderStore(db: SqliteDatabase): CardOrderStore {
  const byRef = db.prepare<[string], CardOrderRow>('SELECT * FROM card_orders WHERE order_ref = ?');
  const byCode = db.prepare<[string], CardOrderRow>('SELECT * FROM card_orders WHERE order_code = ?');
  const openByDocument = db.prepare<[string, number], CardOrderRow>(
    `SELECT * FROM card_orders WHERE document_hash = ? AND status = 'open'
     ORDER BY created_at DESC, rowid DESC LIMIT ?`,
  );
  const insertStatement = db.prepare(
    `INSERT INTO card_orders
       (order_ref, order_code, account_ref, surname, given_names, product, delivery_address, status,
        expires_at, created_at, mail_requested_at, document_hash, teller_approval)
     VALUES (@orderRef, @orderCode, @accountRef, @surname, @givenNames, @product, @deliveryAddress, @status,
        @expiresAt, @createdAt, @mailRequestedAt, @documentHash, @tellerApproval)
     ON CONFLICT (order_code) DO NOTHING`,
  );
  const renewStatement = db.prepare(
    `UPDATE card_orders SET account_ref = @accountRef, surname = @surname, given_names = @givenNames,
       delivery_address = @deliveryAddress, expires_at = @expiresAt, document_hash = @documentHash,
       teller_approval = @tellerApproval, status = 'open'
     WHERE order_ref = @orderRef`,
  );
  const mailStatement = db.prepare(
    `UPDATE card_orders SET status = 'mailRequested', mail_requested_at = ? WHERE order_ref = ?`,
  );
  return {
    findByRef: (orderRef) => toOrder(byRef.get(orderRef)),
    findByCode: (orderCode) => toOrder(byCode.get(orderCode)),
    listOpenByDocumentHash: (documentHash) =>
      openByDocument.all(documentHash, ORDERS_PER_DOCUMENT_LIMIT).map((row) => toOrder(row)!),
    insert: (order) =>
      insertStatement.run({ ...order, tellerApproval: order.tellerApproval ? 1 : 0 }).changes === 1,
    renew: (orderRef, renewal) => {
      renewStatement.run({ orderRef, ...renewal, tellerApproval: renewal.tellerApproval ? 1 : 0 });
    },
    markMailRequested: (orderRef, at) => {
      mailStatement.run(at, orderRef);
    },
  };
}
