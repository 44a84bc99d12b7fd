import { CashExchangeError, type ExchangeDevice, type ExchangeKind, type ExchangeStarted } from './types.ts';

/**
 * The container an exchange works on. Notes and coins accepted share the cashbox, which can only
 * be emptied; the hopper, which pays coins out, is replenished or emptied.
 */
export function exchangeLocation(device: ExchangeDevice, kind: ExchangeKind): ExchangeStarted['location'] {
  if (device === 'coinHopper') return 'hopper';
  if (kind === 'replenish') throw new CashExchangeError(400, `the ${device}'s cashbox can only be emptied`);
  return 'cashbox';
}
