import { z } from 'zod';
import { CashExchange } from '../../../contracts/index.ts';

/**
 * Bodies of the technician's exchange routes (`POST /api/technician/cash/exchange/start` and
 * `…/end`). Counts are bounded: a real container holds thousands of pieces, not millions.
 */
export const CashExchangeStartRequest = z.strictObject({
  device: CashExchange.shape.device,
  kind: CashExchange.shape.kind,
});
export type CashExchangeStartRequest = z.infer<typeof CashExchangeStartRequest>;

export const CashExchangeEndRequest = z.strictObject({
  exchangeId: z.uuid(),
  counted: z
    .record(
      z.string().regex(/^[1-9]\d{0,12}$/, 'a value in minor units'),
      z.number().int().min(0).max(100_000),
    )
    .refine((counts) => Object.keys(counts).length <= 32, 'at most 32 denominations'),
});
export type CashExchangeEndRequest = z.infer<typeof CashExchangeEndRequest>;
