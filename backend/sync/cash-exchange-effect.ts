import type { CashExchange } from '../../contracts/business-records.ts';
import { amountOf } from '../cash/cash-amounts.ts';
import type { CashExchangeStore } from '../store/cash-exchange-store.ts';
import { type EffectContext, RecordConflict } from './record-effect-types.ts';

/**
 * The effect of a `cash.exchange` record: the exchange is stored with what the kiosk expected and
 * what the technician counted, so a difference stays visible to the back office.
 */
export function createCashExchangeEffect(exchanges: CashExchangeStore) {
  return (exchange: CashExchange, { kioskId, seq }: EffectContext): void => {
    const earlier = exchanges.seqOf(kioskId, exchange.exchangeId);
    if (earlier !== undefined) throw new RecordConflict(`exchange already recorded by seq ${earlier}`);
    if (Number.isNaN(amountOf(exchange.counted)) || Number.isNaN(amountOf(exchange.expected))) {
      throw new RecordConflict('counts must be keyed by positive whole values in minor units');
    }
    exchanges.insert(kioskId, seq, exchange);
  };
}
