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
import { coinId, EURO_COIN_POSITIONS, EURO_COINS_NOT_PROGRAMMED } from './euro-denominations.ts';

/**
 * Error codes of 229 events with result A = 0 (part 3, "coin acceptor error codes"); only the
 * ones this simulator produces.
 */
export const CoinError = {
  REJECT_COIN: 1,
  INHIBITED_COIN: 2,
  /** Validation area timeout: a coin went in and did not come out, a possible jam. */
  VALIDATION_TIMEOUT: 5,
  /** The coin-on-string sensor tripped: a fraud attempt. */
  COIN_ON_STRING: 20,
} as const;

/** Result B of a credit: the sorter path the coin took (1 = the cash box). */
export const CASHBOX_SORTER_PATH = 1;

const BURST_REJECTS = 6;

/**
 * A coin acceptor at address 2 with the simple 8-bit checksum, EUR coins 0.10…2.00 at positions
 * 1…5. Coins arrive with `insert(value)`; the host reads credits and errors with 229.
 *
 * Faults: `jam` (coins inserted report validation timeout 5, a possible jam, until cleared),
 * `fraud` (coins report coin on string 20, until cleared), `counterWrap` (counter to 250, one-shot),
 * `eventBurst` (the next coin first produces 6 rejects; one-shot), `powerCycle`, and the transport
 * faults `noReply`, `badChecksum`, `unplug`.
 */
export class CoinAcceptorModel extends CcTalkDeviceModel {
  readonly device = 'coinAcceptor' as const;
  readonly address = 2;
  readonly checksumMode = 'simple8' as const;
  readonly supportedFaults: readonly CashDeviceFault[] = [
    'jam',
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
    category: 'Coin Acceptor',
    productCode: 'SIM-CA',
    serialNumber: 2_0001,
    softwareRevision: '1.0',
  };

  private readonly events = new BufferedEvents();
  private inhibitMask = 0;
  private masterEnabled = false;
  private readonly cashbox = new Map<number, number>();

  constructor(options: CcTalkDeviceModelOptions = {}) {
    super(options);
    this.restart();
  }

  denominations() {
    return EURO_COIN_POSITIONS;
  }

  insert(value: number, now: number): void {
    if (!this.isPowered(now)) throw new InsertRefused('poweredOff', 'the coin acceptor is powered off');
    const coin = EURO_COIN_POSITIONS.find((d) => d.value === value);
    if (!coin && !EURO_COINS_NOT_PROGRAMMED.includes(value))
      throw new InsertRefused('unknownValue', `no EUR coin of ${value} cents`);

    if (this.activeFaults.delete('eventBurst')) {
      for (let i = 0; i < BURST_REJECTS; i += 1) this.error(CoinError.REJECT_COIN);
    }
    if (this.activeFaults.has('fraud')) this.error(CoinError.COIN_ON_STRING);
    else if (this.activeFaults.has('jam')) this.error(CoinError.VALIDATION_TIMEOUT);
    else if (!coin) this.error(CoinError.REJECT_COIN);
    else if (!this.masterEnabled || (this.inhibitMask & (1 << (coin.type - 1))) === 0)
      this.error(CoinError.INHIBITED_COIN);
    else {
      this.cashbox.set(coin.type, (this.cashbox.get(coin.type) ?? 0) + 1);
      this.events.record(coin.type, CASHBOX_SORTER_PATH);
    }
  }

  replenish(): void {
    // "Replenish" for an acceptor: the cash box is emptied.
    this.cashbox.clear();
  }

  protected override onFaultInjected(fault: CashDeviceFault): void {
    if (fault === 'counterWrap') {
      this.events.jumpCounterTo(250);
      this.activeFaults.delete(fault);
    }
  }

  protected restart(): void {
    this.events.clear();
    this.inhibitMask = 0;
    this.masterEnabled = false;
  }

  protected handleCommand(header: number, data: Uint8Array): CcTalkReply | null {
    switch (header) {
      case CcTalkHeader.READ_BUFFERED_CREDIT:
        return data.length === 0 ? ack(this.events.reply()) : NAK;
      case CcTalkHeader.MODIFY_INHIBIT_STATUS:
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
      case CcTalkHeader.REQUEST_STATUS:
        // Part 2 header 248: 0 OK, 1 coin return mechanism activated, 2 coin on string activated.
        return data.length === 0 ? ack([this.activeFaults.has('fraud') ? 2 : 0]) : NAK;
      case CcTalkHeader.REQUEST_COIN_ID: {
        const coin = EURO_COIN_POSITIONS.find((d) => d.type === data[0]);
        if (data.length !== 1) return NAK;
        // An unprogrammed position answers six dots (part 2, header 184).
        return ack(Buffer.from(coin ? coinId(coin.value) : '......', 'latin1'));
      }
      default:
        return null;
    }
  }

  protected supplies() {
    const supplies: Record<string, number | boolean> = {};
    let coins = 0;
    let value = 0;
    for (const { type, value: coinValue } of EURO_COIN_POSITIONS) {
      const count = this.cashbox.get(type) ?? 0;
      supplies[`cashbox.${coinValue}`] = count;
      coins += count;
      value += count * coinValue;
    }
    return {
      ...supplies,
      cashboxCoins: coins,
      cashboxValue: value,
      eventCounter: this.events.counter,
      masterEnabled: this.masterEnabled,
      inhibitMask: this.inhibitMask,
    };
  }

  private error(code: number): void {
    this.events.record(0, code);
  }
}
