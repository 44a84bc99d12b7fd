import type { BillEvent, Denomination } from '../../contracts/devices/cash.ts';
import type { BillEventCode } from '../codecs/cctalk/events.ts';
import type { BillValidatorConditions } from './bill-validator-status.ts';

export interface AppliedBillEvent {
  conditions: BillValidatorConditions;
  /** What the driver reports, or null for events that only change the status. */
  event: BillEvent | null;
  /** A note of a type missing from the configured table is in escrow: the driver returns it. */
  returnUnknownNote?: boolean;
}

/**
 * One decoded 159 event (part 3, bill event codes) applied to what the driver knows. A note moving
 * normally (escrow, stacked, returned, rejected) shows the transport is clear, so it ends a
 * remembered jam or fraud; stacker OK or inserted ends a full or removed stacker.
 */
export function applyBillEvent(
  c: BillValidatorConditions,
  code: BillEventCode,
  denominations: readonly Denomination[],
): AppliedBillEvent {
  const moving = { ...c, jam: null, fraud: null };
  switch (code.kind) {
    case 'escrow': {
      const denomination = denominations.find((d) => d.type === code.billType);
      // A validator with a full stacker refuses notes (status 14) instead of taking them to escrow.
      const conditions = { ...moving, escrow: true, stacker: c.stacker === 'full' ? 'ok' : c.stacker };
      if (!denomination) return { conditions, event: null, returnUnknownNote: true };
      return { conditions, event: { kind: 'escrow', denomination } };
    }
    case 'stacked': {
      const denomination = denominations.find((d) => d.type === code.billType);
      const conditions = { ...moving, escrow: false, stacker: c.stacker === 'full' ? 'ok' : c.stacker };
      // Money taken whose value this host does not know: the caller must treat it as in doubt.
      if (!denomination) return { conditions, event: { kind: 'eventsLost', count: 1 } };
      return { conditions, event: { kind: 'stacked', denomination } };
    }
    case 'unknownStacked':
      return { conditions: { ...moving, escrow: false }, event: { kind: 'eventsLost', count: 1 } };
    case 'returned':
      return { conditions: { ...moving, escrow: false }, event: { kind: 'returned' } };
    case 'rejected':
      return { conditions: { ...moving, escrow: false }, event: { kind: 'rejected', reason: code.reason } };
    case 'fraud':
      return {
        conditions: { ...c, escrow: false, fraud: code.reason },
        event: { kind: 'fraud', reason: code.reason },
      };
    case 'jam':
      return {
        conditions: { ...c, escrow: false, jam: code.reason },
        event: { kind: 'jam', reason: code.reason },
      };
    case 'stackerFull':
      return { conditions: { ...c, stacker: 'full' }, event: { kind: 'stackerFull' } };
    case 'fault':
      return { conditions: { ...c, fault: code.reason }, event: null };
    case 'status':
      // Part 3 codes 10 stacker OK, 11 removed, 12 inserted (20 barcode detected changes nothing).
      if (code.code === 11) return { conditions: { ...c, stacker: 'removed' }, event: null };
      if (code.code === 10 || code.code === 12) {
        return { conditions: { ...c, stacker: 'ok', fault: null }, event: null };
      }
      return { conditions: c, event: null };
    case 'unknown':
      return { conditions: c, event: null };
  }
}
