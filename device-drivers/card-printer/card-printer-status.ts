import type {
  CardPosition,
  CardPrinterDetail,
  CardPrinterSupplies,
} from '../../contracts/devices/card-printer.ts';
import type { DeviceAction, DeviceState } from '../../contracts/devices/status.ts';
import type { StatusCore } from '../cash/status-publisher.ts';
import { MINOR, type PrinterStatus } from '../codecs/evolis/index.ts';

/** What one status poll (`Rst`, `Rsp`, `Rcp`) read from the printer. */
export interface PrinterReading extends PrinterStatus {
  supplies: CardPrinterSupplies;
  position: CardPosition;
}

interface MinorMeaning {
  state: DeviceState;
  action: DeviceAction;
  message: string;
}

/**
 * Minor states that stop the printer, per the state table of docs/card-printer-protocol.md.
 * Supplies and the cover are things staff fix (`userError` + `clear`); a jam or a stripe that
 * cannot be written needs an engineer (`hardwareError` + `maintenance`).
 */
const BLOCKING_MINORS: Record<string, MinorMeaning> = {
  [MINOR.coverOpen]: { state: 'userError', action: 'clear', message: 'cover open' },
  [MINOR.ribbonEnded]: { state: 'userError', action: 'clear', message: 'ribbon ended' },
  [MINOR.feederEmpty]: { state: 'userError', action: 'clear', message: 'feeder empty' },
  [MINOR.rejectBoxFull]: { state: 'userError', action: 'clear', message: 'reject bin full' },
  [MINOR.mechanical]: { state: 'hardwareError', action: 'maintenance', message: 'card jam' },
  [MINOR.writeMagnetic]: {
    state: 'hardwareError',
    action: 'maintenance',
    message: 'magnetic stripe cannot be written',
  },
};

/** Minor states that leave the printer working: said in the message only. */
const WARNING_MESSAGES: Record<string, string> = {
  [MINOR.ribbonLow]: 'ribbon low',
  [MINOR.feederNearEmpty]: 'feeder near empty',
};

export function detailOf(reading: PrinterReading): CardPrinterDetail {
  return { ...reading.supplies, position: reading.position, minorStates: reading.minors.join(',') };
}

/**
 * Maps a status poll onto the status vocabulary. The worst blocking minor decides the state (an
 * engineer's fault over one staff can clear); all of them are named in the message. A reject bin
 * whose counter reached its capacity counts as `ERR_REJECT_BOX_FULL` even before the printer says
 * so. A major `ERROR` without a minor this driver knows is a hardware error. `ready` = online, no
 * card left inside and the reject bin not full.
 */
export function statusFromReading(reading: PrinterReading): StatusCore {
  const detail = detailOf(reading);
  const minors = new Set(reading.minors);
  if (reading.supplies.rejectBinCards >= reading.supplies.rejectBinCapacity) minors.add(MINOR.rejectBoxFull);
  const blocking = [...minors]
    .map((minor) => BLOCKING_MINORS[minor])
    .filter((meaning): meaning is MinorMeaning => meaning !== undefined);
  const worst = blocking.find((meaning) => meaning.state === 'hardwareError') ?? blocking[0];
  if (worst) {
    const message = blocking.map((meaning) => meaning.message).join(', ');
    return { state: worst.state, ready: false, detail, action: worst.action, message };
  }
  if (reading.major === 'ERROR') {
    const message = `printer error (${reading.minors.join(',') || 'no state given'})`;
    return { state: 'hardwareError', ready: false, detail, action: 'maintenance', message };
  }
  const notes = reading.minors.flatMap((minor) => WARNING_MESSAGES[minor] ?? []);
  // A card inside with no job (after a power loss): the kiosk rejects it before the next job.
  const cardInside = minors.has(MINOR.cardInside);
  if (cardInside) notes.unshift('a card is inside with no job: reject it');
  return {
    state: 'online',
    ready: !cardInside,
    detail,
    action: 'none',
    message: notes.length > 0 ? notes.join(', ') : null,
  };
}
