import type { StatusCore } from './status-publisher.ts';

/** What the acceptor's 229 error codes said about it, kept until an event says otherwise. */
export interface CoinAcceptorConditions {
  /** A fault that needs an engineer (part 3 error codes such as 255 unspecified alarm). */
  fault: string | null;
  jam: string | null;
  fraud: string | null;
}

export const CLEAR_COIN_CONDITIONS: CoinAcceptorConditions = { fault: null, jam: null, fraud: null };

/** Most serious first: fault (maintenance), jam (staff clear it), fraud (staff check), else ready. */
export function coinAcceptorStatus(c: CoinAcceptorConditions): StatusCore {
  const detail = { jam: c.jam !== null, fraud: c.fraud !== null };
  if (c.fault) {
    return { state: 'hardwareError', ready: false, detail, action: 'maintenance', message: c.fault };
  }
  if (c.jam) return { state: 'hardwareError', ready: false, detail, action: 'clear', message: c.jam };
  if (c.fraud) return { state: 'fraudAttempt', ready: false, detail, action: 'clear', message: c.fraud };
  return { state: 'online', ready: true, detail, action: 'none', message: null };
}
