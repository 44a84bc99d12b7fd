import type { Socket } from 'socket.io';
import {
  ACCOUNT_LOOKUP_EVENT,
  type AccountLookupAck,
  AccountLookupRequest,
} from '../../contracts/cash-deposit.ts';
import type { Logger } from '../../platform/log.ts';
import { maskHolderName } from '../cash/holder-name-mask.ts';
import type { AccountStore } from '../store/account-store.ts';
import { summariseIssues } from '../sync/issue-summary.ts';
import { createPerKioskRateLimiter } from './per-kiosk-rate-limit.ts';

/**
 * Lookups a kiosk may make per minute. A customer types one or two numbers; a kiosk asking far
 * more is walking the account space to harvest (masked) names, and is slowed to this pace.
 */
export const ACCOUNT_LOOKUPS_PER_MINUTE = 30;

/** Counts lookups per kiosk over the last minute, across reconnects. */
export function createLookupLimiter(now: () => number = Date.now) {
  return createPerKioskRateLimiter(ACCOUNT_LOOKUPS_PER_MINUTE, now);
}
export type LookupLimiter = ReturnType<typeof createLookupLimiter>;

/** Answers a kiosk's account lookups (the deposit flow's "whose account is this?"). */
export function listenForAccountLookup(
  socket: Socket,
  kioskId: string,
  accounts: AccountStore,
  limiter: LookupLimiter,
  logger: Logger,
): void {
  socket.on(ACCOUNT_LOOKUP_EVENT, (...args: unknown[]) => {
    const ack =
      typeof args.at(-1) === 'function' ? (args.pop() as (reply: AccountLookupAck) => void) : undefined;
    // Without an ack there is nobody to answer; nothing is looked up.
    if (!ack) {
      logger.warn('account lookup sent without an ack callback', { kioskId });
      return;
    }
    if (!limiter.allow(kioskId)) {
      logger.warn('account lookups over the rate limit', { kioskId });
      ack({ ok: false, error: { code: 'rate-limited', message: 'too many lookups; try again in a minute' } });
      return;
    }
    ack(lookUp(args[0], accounts, kioskId, logger));
  });
}

function lookUp(payload: unknown, accounts: AccountStore, kioskId: string, logger: Logger): AccountLookupAck {
  const request = AccountLookupRequest.safeParse(payload);
  if (!request.success) {
    return { ok: false, error: { code: 'invalid-message', message: summariseIssues(request.error) } };
  }
  try {
    const account = accounts.findByNumber(request.data.accountNumber);
    // The number and the name are personal data: the log says only whether one was found.
    logger.info('account lookup', { kioskId, found: account !== undefined });
    if (!account) return { ok: true, found: false };
    return {
      ok: true,
      found: true,
      accountRef: account.accountRef,
      holderNameMasked: maskHolderName(account.holderName).slice(0, 64),
    };
  } catch (error) {
    logger.error('account lookup failed', { kioskId, error: error as Error });
    return { ok: false, error: { code: 'internal', message: 'the backend could not look the account up' } };
  }
}
