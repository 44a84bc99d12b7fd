import type { CashAlert, CashCounts, CashThresholds } from './types.ts';

export function pieces(counts: CashCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

/** The thresholds crossed by these counts, most urgent of each place only. */
export function cashAlerts(cashbox: CashCounts, hopper: CashCounts, thresholds: CashThresholds): CashAlert[] {
  const alerts: CashAlert[] = [];
  const inCashbox = pieces(cashbox);
  if (inCashbox >= thresholds.cashboxFull) alerts.push('cashboxFull');
  else if (inCashbox >= thresholds.cashboxNearFull) alerts.push('cashboxNearFull');
  if (thresholds.hopperLow !== null) {
    const inHopper = pieces(hopper);
    if (inHopper === 0) alerts.push('hopperEmpty');
    else if (inHopper <= thresholds.hopperLow) alerts.push('hopperLow');
  }
  return alerts;
}

/** Refuses thresholds that could never raise their alert in the right order. */
export function assertThresholds(thresholds: CashThresholds): void {
  const { cashboxNearFull, cashboxFull, hopperLow } = thresholds;
  if (!Number.isInteger(cashboxNearFull) || !Number.isInteger(cashboxFull) || cashboxNearFull < 1) {
    throw new RangeError('cashbox thresholds must be positive whole numbers');
  }
  if (cashboxNearFull > cashboxFull) throw new RangeError('cashboxNearFull must not exceed cashboxFull');
  if (hopperLow !== null && (!Number.isInteger(hopperLow) || hopperLow < 0)) {
    throw new RangeError('hopperLow must be a whole number ≥ 0, or null without a hopper');
  }
}
