import type { CashExchange } from '../../contracts/business-records.ts';
import type { SqliteDatabase } from '../../platform/sqlite.ts';
import { amountOf } from '../cash/cash-amounts.ts';

/** A technician's exchange as stored, with the difference between what was counted and expected. */
export interface StoredExchange extends CashExchange {
  seq: number;
  /** Counted minus expected, minor units. */
  difference: number;
}

export interface CashExchangeStore {
  seqOf(kioskId: string, exchangeId: string): number | undefined;
  insert(kioskId: string, seq: number, exchange: CashExchange): void;
  /** The kiosk's exchanges, newest first. */
  list(kioskId: string, limit: number): StoredExchange[];
}

interface ExchangeRow {
  exchange_id: string;
  seq: number;
  device: CashExchange['device'];
  kind: CashExchange['kind'];
  expected_json: string;
  counted_json: string;
  difference: number;
  started_at: string;
  ended_at: string;
}

export function createCashExchangeStore(db: SqliteDatabase): CashExchangeStore {
  const seqStatement = db.prepare<[string, string], { seq: number }>(
    'SELECT seq FROM cash_exchanges WHERE kiosk_id = ? AND exchange_id = ?',
  );
  const insertStatement = db.prepare(
    `INSERT INTO cash_exchanges
       (kiosk_id, exchange_id, seq, device, kind, expected_json, counted_json, difference, started_at, ended_at)
     VALUES (@kioskId, @exchangeId, @seq, @device, @kind, @expectedJson, @countedJson, @difference, @startedAt, @endedAt)`,
  );
  const listStatement = db.prepare<[string, number], ExchangeRow>(
    `SELECT exchange_id, seq, device, kind, expected_json, counted_json, difference, started_at, ended_at
     FROM cash_exchanges WHERE kiosk_id = ? ORDER BY seq DESC LIMIT ?`,
  );
  return {
    seqOf: (kioskId, exchangeId) => seqStatement.get(kioskId, exchangeId)?.seq,
    insert: (kioskId, seq, exchange) => {
      insertStatement.run({
        kioskId,
        seq,
        exchangeId: exchange.exchangeId,
        device: exchange.device,
        kind: exchange.kind,
        expectedJson: JSON.stringify(exchange.expected),
        countedJson: JSON.stringify(exchange.counted),
        difference: amountOf(exchange.counted) - amountOf(exchange.expected),
        startedAt: exchange.startedAt,
        endedAt: exchange.endedAt,
      });
    },
    list: (kioskId, limit) =>
      listStatement.all(kioskId, limit).map((row) => ({
        exchangeId: row.exchange_id,
        seq: row.seq,
        device: row.device,
        kind: row.kind,
        expected: JSON.parse(row.expected_json) as Record<string, number>,
        counted: JSON.parse(row.counted_json) as Record<string, number>,
        difference: row.difference,
        startedAt: row.started_at,
        endedAt: row.ended_at,
      })),
  };
}
