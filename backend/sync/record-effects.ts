import type { DeviceActionInDoubt, SessionEnded } from '../../contracts/business-records.ts';
import type { SqliteDatabase } from '../../platform/sqlite.ts';
import type { BackendStores } from '../store/backend-stores.ts';
import { createCardEffects } from './card-effects.ts';
import { createCashDepositEffect } from './cash-deposit-effect.ts';
import { createCashExchangeEffect } from './cash-exchange-effect.ts';
import { type EffectContext, RecordConflict } from './record-effect-types.ts';
import type { ValidatedRecord } from './record-validation.ts';

export { type EffectContext, RecordConflict };

/** Applies the effect of one applied record. Runs inside the ingestion transaction. */
export type ApplyRecordEffect = (
  record: Extract<ValidatedRecord, { ok: true }>,
  context: EffectContext,
) => void;

export function createRecordEffects(
  db: SqliteDatabase,
  stores: Pick<
    BackendStores,
    'accounts' | 'deposits' | 'cashExchanges' | 'cardOrders' | 'cards' | 'cardMailRequests'
  >,
): ApplyRecordEffect {
  const sessionSeqStatement = db.prepare<[string, string], { seq: number }>(
    'SELECT seq FROM sessions WHERE kiosk_id = ? AND session_id = ?',
  );
  const insertSessionStatement = db.prepare(
    `INSERT INTO sessions (kiosk_id, session_id, seq, started_at, ended_at, language, outcome, receipt)
     VALUES (@kioskId, @sessionId, @seq, @startedAt, @endedAt, @language, @outcome, @receipt)`,
  );
  const insertIncidentStatement = db.prepare(
    `INSERT INTO incidents
       (kiosk_id, seq, occurred_at, intent_seq, device, action, resolution, device_state)
     VALUES (@kioskId, @seq, @occurredAt, @intentSeq, @device, @action, @resolution, @deviceState)`,
  );

  const sessionEnded = (session: SessionEnded, { kioskId, seq }: EffectContext) => {
    const earlier = sessionSeqStatement.get(kioskId, session.sessionId);
    if (earlier) throw new RecordConflict(`session already recorded by seq ${earlier.seq}`);
    insertSessionStatement.run({ kioskId, seq, ...session });
  };
  const cashDeposit = createCashDepositEffect(stores.accounts, stores.deposits);
  const cashExchange = createCashExchangeEffect(stores.cashExchanges);
  const card = createCardEffects(stores.cardOrders, stores.cards, stores.cardMailRequests);
  const actionInDoubt = (incident: DeviceActionInDoubt, { kioskId, seq, occurredAt }: EffectContext) => {
    insertIncidentStatement.run({ kioskId, seq, occurredAt, ...incident });
  };

  return (record, context) => {
    switch (record.type) {
      case 'session.ended':
        return sessionEnded(record.data, context);
      case 'device.actionInDoubt':
        return actionInDoubt(record.data, context);
      case 'cash.deposit':
        return cashDeposit(record.data, context);
      case 'cash.exchange':
        return cashExchange(record.data, context);
      case 'card.issued':
        return card.issued(record.data, context);
      case 'card.spoiled':
        return card.spoiled(record.data, context);
      case 'card.voided':
        return card.voided(record.data, context);
      case 'card.mailRequested':
        return card.mailRequested(record.data, context);
      default: {
        // A record type added to the contracts fails to compile here until it has an effect.
        const unhandled: never = record;
        throw new Error(`no effect for ${(unhandled as { type: string }).type}`);
      }
    }
  };
}
