import type { CashDeviceFault } from '../../contracts/simulator-control.ts';
import { nextEventCounter } from './buffered-events.ts';
import * as CcTalkHeader from '../../device-drivers/codecs/cctalk/headers.ts';
import {
  ack,
  BUSY,
  CcTalkDeviceModel,
  type CcTalkDeviceModelOptions,
  type CcTalkReply,
  NAK,
} from './cctalk-device-model.ts';
import { coinId } from './euro-denominations.ts';

/** Part 2 header 217 "request payout high / low status": the hopper's level sensors. */
const REQUEST_PAYOUT_HIGH_LOW_STATUS = 217;

/** The code 164 "enable hopper" takes to enable payouts; any other value disables them (part 2). */
export const HOPPER_ENABLE_CODE = 165;

/**
 * Test hopper (163) register bits, part 2 header 163: three bytes, register 1 first. Only the
 * flags this simulator sets.
 */
export const HopperFlag = {
  /** Register 1 bit 1: the payout ended with no coin seen for a while, e.g. the hopper ran empty. */
  PAYOUT_TIMEOUT: { register: 0, bit: 1 },
  /** Register 1 bit 2: a motor jam made the hopper reverse. */
  MOTOR_REVERSED: { register: 0, bit: 2 },
  /** Register 1 bit 6: power was applied; cleared by a software reset, not by a power-up. */
  POWER_UP_DETECTED: { register: 0, bit: 6 },
  /** Register 1 bit 7: payouts are disabled until 164 enables them (always so after power-up or reset). */
  PAYOUT_DISABLED: { register: 0, bit: 7 },
  /** Register 2 bit 4: too many motor reverses, the payout was aborted: a lasting jam. */
  MOTOR_REVERSE_LIMIT: { register: 1, bit: 4 },
  /** Register 3 bit 0: power went during a payout; paid / unpaid in 166 tell what happened. */
  POWER_DOWN_DURING_PAYOUT: { register: 2, bit: 0 },
} as const;

export interface HopperModelOptions extends CcTalkDeviceModelOptions {
  /** Coins in the hopper when full (and at start). */
  coins?: number;
  /** Value of the one coin the hopper pays, in cents. */
  coinValue?: number;
  /** Time for one coin to leave the hopper. */
  coinIntervalMs?: number;
}

interface Payout {
  count: number;
  startedAt: number;
  /** Power goes after this many coins (fault `powerLossMidPayout`). */
  powerLossAfter: number | null;
}

/**
 * A coin hopper at address 3 with the simple checksum, one coin value (1.00 EUR by default).
 *
 * Dispense (167), unencrypted variants (part 2, header 167): `[count]`, or `[serial 1][serial 2]
 * [serial 3][count]` with the hopper's serial number as 242 returns it (least significant byte
 * first); a wrong serial number is refused with NAK. The encrypted variant (eight cipher bytes) is
 * not simulated: its algorithm is not public. Count is 1–255. The reply is ACK with the new
 * event counter. Coins leave one per `coinIntervalMs`; 166 reports
 * `[event counter, coins remaining, last paid, last unpaid]`, the event counter counting dispense
 * commands (0 only after power-up or reset, 255 wraps to 1).
 *
 * NAK for a dispense while payouts are disabled (after power-up, reset, emergency stop or 164
 * with another code) or while a flag that needs a reset is set (jam, power down during payout);
 * BUSY while a payout is still running.
 *
 * Faults: `emptyMidPayout` (the next payout runs dry half way: unpaid > 0, payout timeout flag;
 * the hopper stays empty until replenished), `powerLossMidPayout` (power goes half way through
 * the next payout: silent for `powerOffMs`, then power-up state with paid / unpaid kept and the
 * power-down-during-payout flag), `jam` (payouts stop at the next coin with the reverse-limit
 * flag, until cleared and reset), `powerCycle`, and the transport faults.
 */
export class HopperModel extends CcTalkDeviceModel {
  readonly device = 'coinHopper' as const;
  readonly address = 3;
  readonly checksumMode = 'simple8' as const;
  readonly supportedFaults: readonly CashDeviceFault[] = [
    'jam',
    'emptyMidPayout',
    'powerLossMidPayout',
    'powerCycle',
    'noReply',
    'badChecksum',
    'unplug',
  ];
  protected readonly identity = {
    manufacturer: 'Ventanilla',
    category: 'Payout',
    productCode: 'SIM-HOP',
    serialNumber: 3_0001,
    softwareRevision: '1.0',
  };

  readonly capacity: number;
  readonly coinValue: number;
  readonly coinIntervalMs: number;
  private level: number;
  private enabled = false;
  private eventCounter = 0;
  private remaining = 0;
  private lastPaid = 0;
  private lastUnpaid = 0;
  private dispensedTotal = 0;
  private payout: Payout | null = null;
  private readonly flags = new Set<keyof typeof HopperFlag>();

  constructor(options: HopperModelOptions = {}) {
    super({ powerOffMs: 300, ...options });
    this.capacity = Math.max(0, Math.trunc(options.coins ?? 200));
    this.level = this.capacity;
    this.coinValue = options.coinValue ?? 100;
    this.coinIntervalMs = Math.max(1, options.coinIntervalMs ?? 50);
    this.restart('powerUp');
  }

  replenish(now: number): void {
    this.advance(now);
    this.level = this.capacity;
  }

  payoutStatus() {
    return {
      eventCounter: this.eventCounter,
      remaining: this.remaining,
      lastPaid: this.lastPaid,
      lastUnpaid: this.lastUnpaid,
    };
  }

  /** Pays the coins due by `now`, stopping where the hopper runs dry, jams or loses power. */
  protected override advance(now: number): void {
    const payout = this.payout;
    if (!payout) return;
    const due = Math.min(payout.count, Math.floor((now - payout.startedAt) / this.coinIntervalMs));
    let paid = payout.count - this.remaining;
    while (this.payout === payout && paid < due) {
      const at = payout.startedAt + (paid + 1) * this.coinIntervalMs;
      if (payout.powerLossAfter !== null && paid >= payout.powerLossAfter) {
        this.losePower(at);
        return;
      }
      if (this.activeFaults.has('jam')) {
        this.flags.add('MOTOR_REVERSED');
        this.flags.add('MOTOR_REVERSE_LIMIT');
        this.endPayout();
        return;
      }
      if (this.level === 0) {
        this.flags.add('PAYOUT_TIMEOUT');
        this.endPayout();
        return;
      }
      this.level -= 1;
      this.remaining -= 1;
      this.lastPaid += 1;
      this.dispensedTotal += 1;
      paid += 1;
    }
    if (this.remaining === 0) this.payout = null;
  }

  protected restart(cause: 'powerUp' | 'reset'): void {
    if (this.payout) {
      // The paid / unpaid counters survive (part 2, headers 166 and 163): they tell what really left.
      if (cause === 'powerUp') this.flags.add('POWER_DOWN_DURING_PAYOUT');
      this.endPayout();
    }
    if (cause === 'reset') this.flags.clear();
    else {
      this.flags.delete('PAYOUT_TIMEOUT');
      this.flags.delete('MOTOR_REVERSED');
      this.flags.add('POWER_UP_DETECTED');
    }
    this.eventCounter = 0;
    this.enabled = false;
  }

  protected handleCommand(header: number, data: Uint8Array, now: number): CcTalkReply | null {
    switch (header) {
      case CcTalkHeader.ENABLE_HOPPER:
        if (data.length !== 1) return NAK;
        this.enabled = data[0] === HOPPER_ENABLE_CODE;
        return ack();
      case CcTalkHeader.DISPENSE_HOPPER_COINS:
        return this.dispense(data, now);
      case CcTalkHeader.REQUEST_PAYOUT_STATUS:
        return data.length === 0
          ? ack([this.eventCounter, this.remaining, this.lastPaid, this.lastUnpaid])
          : NAK;
      case CcTalkHeader.TEST_HOPPER:
        return data.length === 0 ? ack(this.registers()) : NAK;
      case CcTalkHeader.EMERGENCY_STOP: {
        // Part 2 header 172: stop now, answer the coins not paid, payouts disabled.
        if (data.length !== 0) return NAK;
        const unpaid = this.remaining;
        this.endPayout();
        this.enabled = false;
        return ack([unpaid]);
      }
      case CcTalkHeader.REQUEST_HOPPER_COIN:
        return data.length === 0 ? ack(Buffer.from(coinId(this.coinValue), 'latin1')) : NAK;
      case CcTalkHeader.REQUEST_HOPPER_DISPENSE_COUNT: {
        const total = this.dispensedTotal;
        return data.length === 0 ? ack([total & 0xff, (total >> 8) & 0xff, (total >> 16) & 0xff]) : NAK;
      }
      case REQUEST_PAYOUT_HIGH_LOW_STATUS: {
        // Bit 0: below the low level; bit 1: above the high level; bits 4 and 5: both sensors fitted.
        if (data.length !== 0) return NAK;
        const low = this.level < Math.max(1, Math.floor(this.capacity / 10)) ? 0b01 : 0;
        const high = this.level >= Math.ceil(this.capacity * 0.9) && this.capacity > 0 ? 0b10 : 0;
        return ack([0b11_0000 | low | high]);
      }
      default:
        return null;
    }
  }

  protected supplies() {
    return {
      coins: this.level,
      coinCapacity: this.capacity,
      coinValue: this.coinValue,
      enabled: this.enabled,
      eventCounter: this.eventCounter,
      remaining: this.remaining,
      lastPaid: this.lastPaid,
      lastUnpaid: this.lastUnpaid,
      dispensedTotal: this.dispensedTotal,
    };
  }

  private dispense(data: Uint8Array, now: number): CcTalkReply {
    if (data.length !== 1 && data.length !== 4) return NAK;
    if (data.length === 4 && !this.isOwnSerialNumber(data.subarray(0, 3))) return NAK;
    const count = data[data.length - 1]!;
    if (count === 0) return NAK;
    if (this.payout) return BUSY;
    if (!this.enabled || this.needsReset()) return NAK;
    let powerLossAfter: number | null = null;
    if (this.activeFaults.delete('emptyMidPayout')) this.level = Math.min(this.level, Math.floor(count / 2));
    if (this.activeFaults.delete('powerLossMidPayout')) powerLossAfter = Math.floor(count / 2);
    this.flags.delete('PAYOUT_TIMEOUT');
    this.eventCounter = nextEventCounter(this.eventCounter);
    this.remaining = count;
    this.lastPaid = 0;
    this.lastUnpaid = 0;
    this.payout = { count, startedAt: now, powerLossAfter };
    return ack([this.eventCounter]);
  }

  private isOwnSerialNumber(bytes: Uint8Array): boolean {
    const serial = this.identity.serialNumber;
    return bytes[0] === (serial & 0xff) && bytes[1] === ((serial >> 8) & 0xff) && bytes[2] === serial >> 16;
  }

  private endPayout(): void {
    this.lastUnpaid += this.remaining;
    this.remaining = 0;
    this.payout = null;
  }

  private needsReset(): boolean {
    return this.flags.has('MOTOR_REVERSE_LIMIT') || this.flags.has('POWER_DOWN_DURING_PAYOUT');
  }

  private registers(): number[] {
    const registers = [0, 0, 0];
    const set = (flag: { register: number; bit: number }) => {
      registers[flag.register] = (registers[flag.register] ?? 0) | (1 << flag.bit);
    };
    for (const name of this.flags) set(HopperFlag[name]);
    if (!this.enabled) set(HopperFlag.PAYOUT_DISABLED);
    return registers;
  }
}
