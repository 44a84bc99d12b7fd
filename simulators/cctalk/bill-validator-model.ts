import type { CashDeviceFault } from '../../contracts/simulator-control.ts';
import { BufferedEvents } from './buffered-events.ts';
import * as CcTalkHeader from '../../device-drivers/codecs/cctalk/headers.ts';
import {
  ack,
  CcTalkDeviceModel,
  type CcTalkDeviceModelOptions,
  type CcTalkReply,
  InsertRefused,
  NAK,
} from './cctalk-device-model.ts';
import { billId, EURO_BILL_TYPES, EURO_NOTES_NOT_PROGRAMMED } from './euro-denominations.ts';

/**
 * Result B of a 159 event when result A is 0 (part 3, bill validator event codes): a status,
 * reject, fraud or fatal error instead of a bill. Only the codes this simulator produces.
 */
export const BillStatus = {
  MASTER_INHIBIT_ACTIVE: 0,
  RETURNED_FROM_ESCROW: 1,
  INVALID_BILL_VALIDATION: 2,
  INHIBITED_BILL_SERIAL: 4,
  JAMMED_IN_TRANSPORT_UNSAFE: 6,
  JAMMED_IN_STACKER: 7,
  STACKER_FULL: 14,
  OPTO_FRAUD: 17,
  STRING_FRAUD: 18,
} as const;

/** Result B of a bill event (result A = bill type): where the bill is. */
export const BillPosition = { STACKED: 0, ESCROW: 1 } as const;

/** Bill operating mode (153) bits: bit 0 use the stacker, bit 1 use escrow. */
const MODE_STACKER = 0b01;
const MODE_ESCROW = 0b10;

/** Notes the validator emits before the real outcome under `eventBurst`: more than the buffer's 5. */
const BURST_REJECTS = 6;

export interface BillValidatorModelOptions extends CcTalkDeviceModelOptions {
  /** A note held in escrow goes back to the customer after this long without a route command. */
  escrowTimeoutMs?: number;
  stackerCapacity?: number;
}

interface Escrow {
  type: number;
  value: number;
  deadline: number;
}

/**
 * A bill validator at address 40 with CRC-16 checksums, EUR notes 5…200 as bill types 1…6.
 * Notes arrive with `insert(value)` (the control API's customer action); the host sees them only
 * through buffered events (159), accepts them with the inhibit mask (231) and master inhibit
 * (228), and routes a note held in escrow with 154.
 *
 * Faults: `jam` (notes inserted jam in the transport: status 6; a note stacked jams in the
 * stacker: status 7; until cleared), `stackerFull` (notes refused with status 14; the stacker's
 * real capacity does the same), `fraud` (notes report opto fraud 17, then string fraud 18,
 * alternating, until cleared), `counterWrap` (counter jumps to 250 at once, one-shot),
 * `eventBurst` (the next note first produces 6 rejects, so the host loses events; one-shot),
 * `powerCycle`, and the transport faults `noReply`, `badChecksum`, `unplug`.
 */
export class BillValidatorModel extends CcTalkDeviceModel {
  readonly device = 'billValidator' as const;
  readonly address = 40;
  readonly checksumMode = 'crc16' as const;
  readonly supportedFaults: readonly CashDeviceFault[] = [
    'jam',
    'stackerFull',
    'fraud',
    'counterWrap',
    'eventBurst',
    'powerCycle',
    'noReply',
    'badChecksum',
    'unplug',
  ];
  protected readonly identity = {
    manufacturer: 'Ventanilla',
    category: 'Bill Validator',
    productCode: 'SIM-BV',
    serialNumber: 40_0001,
    softwareRevision: '1.0',
  };

  readonly escrowTimeoutMs: number;
  readonly stackerCapacity: number;
  private readonly events = new BufferedEvents();
  /** Bit n-1 set = bill type n enabled (231 is "1 = enabled"). */
  private inhibitMask = 0;
  private masterEnabled = false;
  private operatingMode = MODE_STACKER | MODE_ESCROW;
  private escrow: Escrow | null = null;
  private readonly stacker = new Map<number, number>();
  private frauds = 0;

  constructor(options: BillValidatorModelOptions = {}) {
    super(options);
    this.escrowTimeoutMs = Math.max(1, options.escrowTimeoutMs ?? 30_000);
    this.stackerCapacity = Math.max(1, Math.trunc(options.stackerCapacity ?? 500));
    this.restart();
  }

  denominations() {
    return EURO_BILL_TYPES;
  }

  /** A customer feeds a note of `value` cents. */
  insert(value: number, now: number): void {
    if (!this.isPowered(now)) throw new InsertRefused('poweredOff', 'the bill validator is powered off');
    this.advance(now);
    const denomination = EURO_BILL_TYPES.find((d) => d.value === value);
    if (!denomination && !EURO_NOTES_NOT_PROGRAMMED.includes(value))
      throw new InsertRefused('unknownValue', `no EUR note of ${value} cents`);
    if (this.escrow) throw new InsertRefused('deviceBusy', 'a note is held in escrow');

    if (this.activeFaults.delete('eventBurst')) {
      for (let i = 0; i < BURST_REJECTS; i += 1) this.status(BillStatus.INVALID_BILL_VALIDATION);
    }
    if (this.activeFaults.has('fraud')) {
      this.status(this.frauds++ % 2 === 0 ? BillStatus.OPTO_FRAUD : BillStatus.STRING_FRAUD);
    } else if (this.activeFaults.has('jam')) {
      this.status(BillStatus.JAMMED_IN_TRANSPORT_UNSAFE);
    } else if (!denomination) {
      this.status(BillStatus.INVALID_BILL_VALIDATION);
    } else if (!this.masterEnabled) {
      this.status(BillStatus.MASTER_INHIBIT_ACTIVE);
    } else if ((this.inhibitMask & (1 << (denomination.type - 1))) === 0) {
      this.status(BillStatus.INHIBITED_BILL_SERIAL);
    } else if (this.stackerIsFull()) {
      this.status(BillStatus.STACKER_FULL);
    } else if (this.operatingMode & MODE_ESCROW) {
      this.escrow = { ...denomination, deadline: now + this.escrowTimeoutMs };
      this.events.record(denomination.type, BillPosition.ESCROW);
    } else {
      this.stack(denomination.type);
    }
  }

  replenish(now: number): void {
    this.advance(now);
    this.stacker.clear();
  }

  protected override advance(now: number): void {
    // The escrow timeout (part 2, header 154): the validator gives the note back by itself.
    if (this.escrow && now >= this.escrow.deadline) {
      this.escrow = null;
      this.status(BillStatus.RETURNED_FROM_ESCROW);
    }
  }

  protected override onFaultInjected(fault: CashDeviceFault): void {
    if (fault === 'counterWrap') {
      this.events.jumpCounterTo(250);
      this.activeFaults.delete(fault);
    }
  }

  protected restart(): void {
    // Power-up and reset alike (part 2, headers 1 and 159): counter 0, every note inhibited, master inhibit active.
    // A note in escrow goes back to the customer; the counter at 0 tells the host it cannot know.
    this.events.clear();
    this.inhibitMask = 0;
    this.masterEnabled = false;
    this.operatingMode = MODE_STACKER | MODE_ESCROW;
    this.escrow = null;
  }

  protected handleCommand(header: number, data: Uint8Array, now: number): CcTalkReply | null {
    switch (header) {
      case CcTalkHeader.READ_BUFFERED_BILL_EVENTS:
        return data.length === 0 ? ack(this.events.reply()) : NAK;
      case CcTalkHeader.MODIFY_INHIBIT_STATUS:
        // Two bytes, types 1–8 then 9–16; one byte is taken for a device of 8 types or fewer.
        if (data.length < 1 || data.length > 2) return NAK;
        this.inhibitMask = data[0]! | ((data[1] ?? 0) << 8);
        return ack();
      case CcTalkHeader.REQUEST_INHIBIT_STATUS:
        return data.length === 0 ? ack([this.inhibitMask & 0xff, this.inhibitMask >> 8]) : NAK;
      case CcTalkHeader.MODIFY_MASTER_INHIBIT:
        if (data.length !== 1) return NAK;
        this.masterEnabled = (data[0]! & 1) === 1;
        return ack();
      case CcTalkHeader.REQUEST_MASTER_INHIBIT:
        return data.length === 0 ? ack([this.masterEnabled ? 1 : 0]) : NAK;
      case CcTalkHeader.ROUTE_BILL:
        return data.length === 1 ? this.route(data[0]!, now) : NAK;
      case CcTalkHeader.MODIFY_BILL_OPERATING_MODE:
        if (data.length !== 1) return NAK;
        this.operatingMode = data[0]! & (MODE_STACKER | MODE_ESCROW);
        return ack();
      case CcTalkHeader.REQUEST_BILL_OPERATING_MODE:
        return data.length === 0 ? ack([this.operatingMode]) : NAK;
      case CcTalkHeader.REQUEST_BILL_ID: {
        const denomination = EURO_BILL_TYPES.find((d) => d.type === data[0]);
        if (data.length !== 1 || !denomination) return NAK;
        return ack(Buffer.from(billId(denomination.value), 'latin1'));
      }
      case CcTalkHeader.REQUEST_COUNTRY_SCALING_FACTOR: {
        // [scaling LSB, scaling MSB, decimal places]: EU0020A × 100 = 2000 cents; all 0 = unknown country.
        if (data.length !== 2) return NAK;
        const euro = data[0] === 0x45 && data[1] === 0x55;
        return ack(euro ? [100, 0, 2] : [0, 0, 0]);
      }
      default:
        return null;
    }
  }

  protected supplies() {
    const supplies: Record<string, number | boolean> = {};
    let notes = 0;
    let value = 0;
    for (const { type, value: noteValue } of EURO_BILL_TYPES) {
      const count = this.stacker.get(type) ?? 0;
      supplies[`stacker.${noteValue}`] = count;
      notes += count;
      value += count * noteValue;
    }
    return {
      ...supplies,
      stackerNotes: notes,
      stackerValue: value,
      stackerCapacity: this.stackerCapacity,
      escrowValue: this.escrow?.value ?? 0,
      eventCounter: this.events.counter,
      masterEnabled: this.masterEnabled,
      inhibitMask: this.inhibitMask,
    };
  }

  private route(code: number, now: number): CcTalkReply {
    if (
      code !== CcTalkHeader.ROUTE_RETURN &&
      code !== CcTalkHeader.ROUTE_STACK &&
      code !== CcTalkHeader.ROUTE_EXTEND_ESCROW
    )
      return NAK;
    const held = this.escrow;
    if (!held) return ack([CcTalkHeader.ROUTE_ERROR_ESCROW_EMPTY]);
    if (code === CcTalkHeader.ROUTE_EXTEND_ESCROW) {
      held.deadline = now + this.escrowTimeoutMs;
      return ack();
    }
    if (code === CcTalkHeader.ROUTE_RETURN) {
      this.escrow = null;
      this.status(BillStatus.RETURNED_FROM_ESCROW);
      return ack();
    }
    // Stack: a full stacker cannot take it and the note stays in escrow for the host to return.
    if (this.stackerIsFull()) return ack([CcTalkHeader.ROUTE_ERROR_FAILED]);
    this.escrow = null;
    if (this.activeFaults.has('jam')) {
      // Jammed on its way into the stacker: not counted as stacked.
      this.status(BillStatus.JAMMED_IN_STACKER);
      return ack();
    }
    this.stack(held.type);
    return ack();
  }

  private stack(type: number): void {
    this.stacker.set(type, (this.stacker.get(type) ?? 0) + 1);
    this.events.record(type, BillPosition.STACKED);
  }

  private stackerIsFull(): boolean {
    let notes = 0;
    for (const count of this.stacker.values()) notes += count;
    return this.activeFaults.has('stackerFull') || notes >= this.stackerCapacity;
  }

  private status(code: number): void {
    this.events.record(0, code);
  }
}
