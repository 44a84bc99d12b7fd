import type { CoinEvent, Denomination } from '../../contracts/devices/cash.ts';
import type { CoinEventCode } from '../codecs/cctalk/events.ts';
import type { CoinAcceptorConditions } from './coin-acceptor-status.ts';

export interface AppliedCoinEvent {
  conditions: CoinAcceptorConditions;
  event: CoinEvent | null;
}

/** Part 3 error codes 128..159: "inhibited coin (type 1..32)", which the codec's table leaves out. */
function isInhibitedCoinCode(code: number): boolean {
  return code >= 128 && code <= 159;
}

/**
 * One decoded 229 event (part 3, coin acceptor error codes) applied to what the driver knows.
 * A coin credited or rejected shows the coin path is clear, ending a remembered jam or fraud.
 */
export function applyCoinEvent(
  c: CoinAcceptorConditions,
  code: CoinEventCode,
  denominations: readonly Denomination[],
): AppliedCoinEvent {
  const moving = { ...c, jam: null, fraud: null };
  switch (code.kind) {
    case 'credit': {
      const denomination = denominations.find((d) => d.type === code.coinPosition);
      // A coin taken whose value this host does not know: the caller must treat it as in doubt.
      if (!denomination) return { conditions: moving, event: { kind: 'eventsLost', count: 1 } };
      return { conditions: moving, event: { kind: 'credit', denomination } };
    }
    case 'rejected':
      return { conditions: moving, event: { kind: 'rejected', reason: code.reason } };
    case 'fraud':
      return { conditions: { ...c, fraud: code.reason }, event: { kind: 'fraud', reason: code.reason } };
    case 'jam':
      return { conditions: { ...c, jam: code.reason }, event: { kind: 'jam', reason: code.reason } };
    case 'fault':
      return { conditions: { ...c, fault: code.reason }, event: null };
    case 'unknown':
      if (isInhibitedCoinCode(code.code)) {
        const reason = `inhibited coin (type ${code.code - 127})`;
        return { conditions: moving, event: { kind: 'rejected', reason } };
      }
      return { conditions: c, event: null };
    case 'none':
    case 'status':
      return { conditions: c, event: null };
  }
}
