import type { CashDeviceFault, SimulatorState } from '../../contracts/simulator-control.ts';
import type { ChecksumMode } from '../../device-drivers/codecs/cctalk/frame.ts';
import * as CcTalkHeader from '../../device-drivers/codecs/cctalk/headers.ts';

/**
 * What a simulated ccTalk device answers one host command with (ccTalk Generic Specification
 * part 1): ACK (header 0) with the reply data, NAK (header 5) for a command it does not know or
 * cannot carry out with that data, BUSY (header 6) when it cannot take the command right now.
 * `null` means silence: the device is powered off.
 */
export type CcTalkReply = { kind: 'ack'; data: Uint8Array } | { kind: 'nak' } | { kind: 'busy' };

export const ack = (data: ArrayLike<number> = []): CcTalkReply => ({
  kind: 'ack',
  data: Uint8Array.from(data),
});
export const NAK: CcTalkReply = { kind: 'nak' };
export const BUSY: CcTalkReply = { kind: 'busy' };

export type CashDeviceId = 'billValidator' | 'coinAcceptor' | 'coinHopper';

/** Identification answered to headers 246, 245, 244, 242 and 241 (part 2). */
export interface DeviceIdentity {
  manufacturer: string;
  /** Equipment category text, e.g. `Bill Validator`, `Coin Acceptor`, `Payout`. */
  category: string;
  productCode: string;
  serialNumber: number;
  softwareRevision: string;
}

/** Why a customer action at the simulator was not possible; the control API maps it to a status. */
export class InsertRefused extends Error {
  constructor(
    readonly reason: 'unknownValue' | 'deviceBusy' | 'poweredOff',
    message: string,
  ) {
    super(message);
  }
}

export interface CcTalkDeviceModelOptions {
  /** How long the device stays silent when it loses power, before it powers up again. */
  powerOffMs?: number;
}

const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

/**
 * The behaviour every simulated ccTalk device shares: power (silent while off, power-up state
 * afterwards), the core commands (simple poll, reset, identification) and the fault set. Pure:
 * time comes in as `now` (ms) on each call, so timed behaviour (escrow timeout, payout speed) is
 * worked out when the device is next asked, and tests can move time by hand.
 */
export abstract class CcTalkDeviceModel {
  abstract readonly device: CashDeviceId;
  abstract readonly address: number;
  abstract readonly checksumMode: ChecksumMode;
  /** Faults this device knows; the control API refuses the others. */
  abstract readonly supportedFaults: readonly CashDeviceFault[];
  protected abstract readonly identity: DeviceIdentity;

  protected readonly activeFaults = new Set<CashDeviceFault>();
  protected readonly powerOffMs: number;
  private silentUntil = Number.NEGATIVE_INFINITY;

  constructor(options: CcTalkDeviceModelOptions = {}) {
    this.powerOffMs = Math.max(0, options.powerOffMs ?? 200);
  }

  /** One decoded host command addressed to this device. Never throws. */
  handle(header: number, data: Uint8Array, now: number): CcTalkReply | null {
    // Time first: a power loss due before `now` must silence this very command.
    this.advance(now);
    if (!this.isPowered(now)) return null;
    switch (header) {
      case CcTalkHeader.SIMPLE_POLL:
        return data.length === 0 ? ack() : NAK;
      case CcTalkHeader.RESET_DEVICE:
        // Part 2 header 1 "reset device": the device ACKs first, then restarts in its power-up state.
        if (data.length !== 0) return NAK;
        this.restart('reset', now);
        return ack();
      case CcTalkHeader.REQUEST_MANUFACTURER_ID:
        return data.length === 0 ? ack(ascii(this.identity.manufacturer)) : NAK;
      case CcTalkHeader.REQUEST_EQUIPMENT_CATEGORY_ID:
        return data.length === 0 ? ack(ascii(this.identity.category)) : NAK;
      case CcTalkHeader.REQUEST_PRODUCT_CODE:
        return data.length === 0 ? ack(ascii(this.identity.productCode)) : NAK;
      case CcTalkHeader.REQUEST_SERIAL_NUMBER: {
        // Three bytes, least significant first.
        const serial = this.identity.serialNumber;
        return data.length === 0 ? ack([serial & 0xff, (serial >> 8) & 0xff, (serial >> 16) & 0xff]) : NAK;
      }
      case CcTalkHeader.REQUEST_SOFTWARE_REVISION:
        return data.length === 0 ? ack(ascii(this.identity.softwareRevision)) : NAK;
      default:
        return this.handleCommand(header, data, now) ?? NAK;
    }
  }

  /** False while the device is "off" after a power loss: it hears nothing and answers nothing. */
  isPowered(now: number): boolean {
    return now >= this.silentUntil;
  }

  hasFault(fault: CashDeviceFault): boolean {
    return this.activeFaults.has(fault);
  }

  /**
   * Injects a fault. `powerCycle` acts at once and is not kept: the device goes silent for
   * `powerOffMs` and comes back in its power-up state. Others stay until cleared, or until the
   * device has acted on them (see each model).
   */
  injectFault(fault: CashDeviceFault, now: number): void {
    if (!this.supportedFaults.includes(fault)) throw new Error(`${this.device} does not simulate ${fault}`);
    this.advance(now);
    if (fault === 'powerCycle') {
      this.losePower(now);
      return;
    }
    this.activeFaults.add(fault);
    this.onFaultInjected(fault, now);
  }

  clearFault(fault: CashDeviceFault, now: number): void {
    this.advance(now);
    if (this.activeFaults.delete(fault)) this.onFaultCleared(fault, now);
  }

  clearAllFaults(now: number): void {
    for (const fault of [...this.activeFaults]) this.clearFault(fault, now);
  }

  state(plugged: boolean, now: number): SimulatorState {
    this.advance(now);
    return {
      device: this.device,
      faults: [...this.activeFaults],
      supplies: { ...this.supplies(), powered: this.isPowered(now) },
      plugged,
    };
  }

  abstract replenish(now: number): void;

  /** The power goes: silent for `powerOffMs`, then the power-up state (part 2: event counters at 0). */
  protected losePower(at: number): void {
    this.silentUntil = at + this.powerOffMs;
    this.restart('powerUp', at);
  }

  /** Works out what happened between the last call and `now` (timeouts, coins paid out). */
  protected advance(_now: number): void {}

  protected onFaultInjected(_fault: CashDeviceFault, _now: number): void {}
  protected onFaultCleared(_fault: CashDeviceFault, _now: number): void {}

  /** Back to the state after power-up or a reset command (header 1). */
  protected abstract restart(cause: 'powerUp' | 'reset', now: number): void;

  /** Device-specific headers; `null` = not a command of this device (answered NAK). */
  protected abstract handleCommand(header: number, data: Uint8Array, now: number): CcTalkReply | null;

  protected abstract supplies(): Record<string, number | string | boolean>;
}
