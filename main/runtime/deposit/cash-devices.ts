import type { BillValidator, CoinAcceptor } from '../../../contracts/index.ts';
import { createBillValidator } from '../../../device-drivers/cash/bill-validator.ts';
import { createCoinAcceptor } from '../../../device-drivers/cash/coin-acceptor.ts';
import { type CcTalkCoinHopper, createCoinHopper } from '../../../device-drivers/cash/coin-hopper.ts';
import type { Logger } from '../../../platform/log.ts';
import type { CashThresholds } from '../cash/types.ts';
import type { RuntimeConfig } from '../types.ts';

/** Cashbox alerts by pieces held (a typical 500-note box); hopper low at 20 coins. */
export const CASH_THRESHOLDS: CashThresholds = { cashboxNearFull: 450, cashboxFull: 500, hopperLow: 20 };

/** The hopper pays one coin value; the simulator and the default kit pay 1 € coins. */
const HOPPER_COIN_VALUE = 100;

export interface CashDevices {
  validator: BillValidator | null;
  coins: CoinAcceptor | null;
  hopper: CcTalkCoinHopper | null;
}

/** The kiosk's ccTalk cash devices, one driver per configured serial path. */
export function createCashDevices(config: RuntimeConfig, log: Logger): CashDevices {
  // Notes and coins are polled every 50 ms: a customer sees a coin credited within ~100 ms
  // (bench/cash-credit-latency.ts); at 9600 baud a poll of 159 takes ~22 ms of its own line. The
  // hopper only needs to be followed during a payout.
  const common = { pollIntervalMs: Math.min(config.devicePollMs, 50), commandTimeoutMs: 500 };
  return {
    validator: config.billValidatorPath
      ? createBillValidator({
          ...common,
          path: config.billValidatorPath,
          logger: log.child('billValidator'),
          escrowHoldMs: 10_000,
        })
      : null,
    coins: config.coinAcceptorPath
      ? createCoinAcceptor({ ...common, path: config.coinAcceptorPath, logger: log.child('coinAcceptor') })
      : null,
    hopper: config.coinHopperPath
      ? createCoinHopper({
          ...common,
          path: config.coinHopperPath,
          coinValue: HOPPER_COIN_VALUE,
          pollIntervalMs: Math.min(config.devicePollMs, 200),
          logger: log.child('coinHopper'),
        })
      : null,
  };
}
