import type { CoinHopper, HopperPayoutStatus, PayoutOutcome } from '../../contracts/devices/cash.ts';
import { failed, type OperationResult, succeeded } from '../../contracts/devices/operation.ts';
import type { Logger } from '../../platform/log.ts';
import {
  DISPENSE_HOPPER_COINS,
  EMERGENCY_STOP,
  ENABLE_HOPPER,
  HOPPER,
  REQUEST_PAYOUT_STATUS,
  RESET_DEVICE,
  TEST_HOPPER,
} from '../codecs/cctalk/headers.ts';
import {
  encodeDispense,
  type HopperTestResult,
  parsePayoutStatus,
  parseTestHopper,
} from '../codecs/cctalk/hopper.ts';
import { type OpenCashBus, openCcTalkBus } from './cash-bus.ts';
import { followPayout } from './follow-payout.ts';
import { type HopperLevel, hopperStatus, levelFromHighLowStatus } from './hopper-status.ts';
import { type LinkCondition, linkStatus } from './link-status.ts';
import { createPollLoop } from './poll-loop.ts';
import { createDriverCommand } from './send-command.ts';
import { createStatusPublisher } from './status-publisher.ts';

/** Part 2 header 217 "Request payout high / low status" (not in the codec's kiosk header set). */
const REQUEST_PAYOUT_HIGH_LOW_STATUS = 217;
/** Part 2 header 164: this data byte enables payouts; any other disables them. */
const ENABLE_CODE = 165;

export interface CoinHopperOptions {
  /** Serial device, e.g. `/dev/ttyUSB3` or a simulator's PTY link. */
  path: string;
  /** Value of the one coin this hopper pays, in cents (e.g. 100). */
  coinValue: number;
  pollIntervalMs: number;
  commandTimeoutMs: number;
  logger: Logger;
  /** A payout whose counters have not moved for this long has stopped (default 3 s, at least 10 polls). */
  payoutStallMs?: number;
  /** ccTalk address (default 3). */
  address?: number;
  baudRate?: number;
  /** Replaces the real ccTalk bus (tests). */
  openBus?: OpenCashBus;
}

/** The hopper contract plus a reset, which clears the flags that block payouts (jam, power down). */
export interface CcTalkCoinHopper extends CoinHopper {
  reset(options?: { signal?: AbortSignal }): Promise<OperationResult<void>>;
}

function unpaidCode(flags: HopperTestResult | null, restarted: boolean): string {
  if (restarted || flags?.powerDownDuringPayout) return 'powerDownDuringPayout';
  if (flags?.motorReverseLimitReached || flags?.absoluteMaximumCurrentExceeded) return 'jam';
  if (flags?.optoBlockedPermanentlyDuringPayout) return 'jam';
  if (flags?.payoutTimeout) return 'hopperEmpty';
  return 'unpaid';
}

/**
 * Coin hopper on ccTalk with the simple checksum (address 3), one coin value.
 *
 * `dispense(count)` sends 167 once — never again, not even after a lost reply: a repeated
 * dispense pays twice. Whether a dispense whose reply was lost was taken is read from the 166
 * event counter, which counts dispense commands. The payout is then followed with 166 until it
 * ends, and its paid and unpaid counts are the result. Status comes from 163 test hopper.
 */
export function createCoinHopper(options: CoinHopperOptions): CcTalkCoinHopper {
  const { logger, commandTimeoutMs, pollIntervalMs } = options;
  const address = options.address ?? HOPPER;
  const stallMs = options.payoutStallMs ?? Math.max(3_000, pollIntervalMs * 10);
  const bus = (options.openBus ?? openCcTalkBus)({
    path: options.path,
    mode: 'simple8',
    logger: logger.child('bus'),
    ...(options.baudRate ? { baudRate: options.baudRate } : {}),
  });
  const publisher = createStatusPublisher('coinHopper', logger);
  let link: LinkCondition = 'starting';
  let flags: HopperTestResult | null = null;
  let level: HopperLevel = 'unknown';
  let paying = false;
  let started = false;
  let stopped = false;
  /** Dispenses run one after another: each one's counters belong to it. */
  let dispenseChain: Promise<unknown> = Promise.resolve();

  const publishStatus = () => {
    if (link !== 'up') publisher.publish(linkStatus(link));
    else if (flags) publisher.publish(hopperStatus(flags, level));
  };

  const setLink = (next: LinkCondition) => {
    if (stopped || link === next) return;
    link = next;
    publishStatus();
  };

  const command = createDriverCommand({
    bus,
    address,
    commandTimeoutMs,
    isStopped: () => stopped,
    onLinkFailure: (failure) => setLink(failure),
  });

  const readPayoutStatus = async (signal?: AbortSignal): Promise<OperationResult<HopperPayoutStatus>> => {
    const outcome = await command(REQUEST_PAYOUT_STATUS, undefined, signal ? { signal } : {});
    if (!outcome.ok) return outcome.result;
    try {
      return succeeded(parsePayoutStatus(outcome.data));
    } catch {
      setLink('badReply');
      return failed('hardwareError', 'payout status reply does not fit', 'badReply');
    }
  };

  const enable = async () => {
    const outcome = await command(ENABLE_HOPPER, Uint8Array.of(ENABLE_CODE));
    if (outcome.ok) logger.info('payouts enabled');
    else logger.warn('enable hopper not taken', { code: outcome.result.code });
  };

  /** Reads 163 (and 217 when the hopper may be empty), publishes, enables a disabled hopper. */
  const poll = async () => {
    const outcome = await command(TEST_HOPPER);
    if (!outcome.ok) {
      if (outcome.failure === 'nak') setLink('refused');
      return;
    }
    try {
      flags = parseTestHopper(outcome.data);
    } catch {
      setLink('badReply');
      return;
    }
    if (flags.payoutTimeout) {
      const levelReply = await command(REQUEST_PAYOUT_HIGH_LOW_STATUS);
      level = levelReply.ok ? levelFromHighLowStatus(levelReply.data) : 'unknown';
    } else {
      level = 'ok';
    }
    link = 'up';
    publishStatus();
    // After power-up or reset payouts are disabled (part 2, header 163 register 1 bit 7).
    if (flags.payoutDisabled && !paying) {
      await enable();
      loop.pollSoon();
    }
  };

  const loop = createPollLoop(pollIntervalMs, poll);

  bus.onStateChange((state) => {
    if (state === 'closed') setLink('linkClosed');
    else loop.pollSoon();
  });

  const testFlags = async (): Promise<HopperTestResult | null> => {
    const outcome = await command(TEST_HOPPER);
    if (!outcome.ok) return null;
    try {
      return parseTestHopper(outcome.data);
    } catch {
      return null;
    }
  };

  const dispenseJob = async (
    count: number,
    signal?: AbortSignal,
  ): Promise<OperationResult<PayoutOutcome>> => {
    let data: Uint8Array;
    try {
      data = encodeDispense(count);
    } catch {
      return failed('invalidData', `coin count must be 1..255, got ${count}`);
    }
    // The counter before: if the dispense's reply is lost, a counter moved on means it was taken.
    const before = await readPayoutStatus(signal);
    if (before.code !== 'success') return failed(before.code, `hopper not reachable: ${before.message}`);
    if (before.value.remaining > 0) return failed('deviceNotReady', 'a payout is still running', 'busy');

    paying = true;
    try {
      logger.info('dispense', { count, counterBefore: before.value.eventCounter });
      const sent = await command(DISPENSE_HOPPER_COINS, data, { retries: 0, ...(signal ? { signal } : {}) });
      let counter: number | null = null;
      if (sent.ok) {
        counter = sent.data[0] ?? null;
      } else if (sent.failure === 'nak' || sent.failure === 'busy') {
        const now = await testFlags();
        if (now?.powerDownDuringPayout || now?.motorReverseLimitReached) {
          return failed('hardwareError', 'hopper needs a reset before it pays again', unpaidCode(now, false));
        }
        if (now?.payoutDisabled) return failed('deviceNotReady', 'payouts disabled', 'payoutDisabled');
        return sent.result;
      } else {
        // No usable reply (or the caller gave up while it was on the wire): was it taken?
        const after = await readPayoutStatus();
        if (after.code !== 'success') {
          return failed(
            'timeout',
            'dispense sent, no reply, hopper not reachable: outcome unknown',
            'inDoubt',
          );
        }
        if (after.value.eventCounter === before.value.eventCounter) {
          return failed(sent.result.code, `dispense not taken: ${sent.result.message}`, 'notTaken');
        }
        counter = after.value.eventCounter;
        logger.warn('dispense reply lost but the hopper took it; following the payout', { counter });
      }

      // The payout runs now; the caller's signal no longer stops it: its outcome must be known.
      const end = await followPayout({
        read: async () => {
          const status = await readPayoutStatus();
          return status.code === 'success' ? status.value : null;
        },
        pollIntervalMs,
        stallMs,
        eventCounter: counter,
      });
      let final: HopperPayoutStatus;
      let restarted = false;
      if (end.kind === 'stalled') {
        // Stop the motor so coins no one counts do not leave later (part 2, header 172).
        const stop = await command(EMERGENCY_STOP, undefined, { retries: 1 });
        logger.warn('payout stalled; emergency stop sent', { stopTaken: stop.ok });
        const after = await readPayoutStatus();
        if (after.code !== 'success') {
          const paid = end.last?.lastPaid ?? 0;
          return failed(
            'timeout',
            `payout stalled and the hopper stopped answering: at least ${paid} of ${count} paid, rest in doubt`,
            'inDoubt',
          );
        }
        final = after.value;
      } else {
        final = end.status;
        restarted = end.restarted;
      }
      // Coins not seen leaving are unpaid, whatever else the hopper's unpaid counter says.
      const paid = Math.min(final.lastPaid, count);
      const outcome: PayoutOutcome = { paid, unpaid: count - paid };
      if (final.lastUnpaid !== outcome.unpaid) {
        logger.warn('hopper unpaid counter disagrees', { counted: final.lastUnpaid, unpaid: outcome.unpaid });
      }
      if (outcome.unpaid === 0 && outcome.paid === count) {
        logger.info('payout finished', { paid: outcome.paid, unpaid: 0 });
        return succeeded(outcome);
      }
      const now = await testFlags();
      const errorCode =
        end.kind === 'stalled' && !now?.payoutTimeout ? 'stalled' : unpaidCode(now, restarted);
      logger.warn('payout incomplete', { count, paid: outcome.paid, unpaid: outcome.unpaid, errorCode });
      return failed('hardwareError', `paid ${outcome.paid} of ${count}, unpaid ${outcome.unpaid}`, errorCode);
    } finally {
      paying = false;
      loop.pollSoon();
    }
  };

  return {
    device: 'coinHopper',
    coinValue: () => options.coinValue,
    async start() {
      if (started || stopped) return;
      started = true;
      await bus.start();
      if (bus.state !== 'open') setLink('linkClosed');
      loop.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      loop.stop();
      publisher.close();
      await bus.stop();
    },
    status: () => publisher.current(),
    onStatus: (listener) => publisher.onStatus(listener),
    dispense(count, opts = {}) {
      if (stopped) return Promise.resolve(failed('deviceNotReady', 'hopper driver stopped'));
      const job = dispenseChain.then(() => dispenseJob(count, opts.signal));
      dispenseChain = job.catch(() => undefined);
      return job.catch((error: unknown) => {
        logger.error('dispense failed', { error });
        return failed(
          'internalError',
          'dispense failed; read the payout status before paying again',
          'inDoubt',
        );
      });
    },
    payoutStatus(opts = {}) {
      if (stopped) return Promise.resolve(failed('deviceNotReady', 'hopper driver stopped'));
      return readPayoutStatus(opts.signal);
    },
    async reset(opts = {}) {
      if (paying) return failed('sequenceError', 'a payout is running', 'busy');
      // Part 2 header 1: the hopper restarts with payouts disabled and its flags cleared.
      const outcome = await command(RESET_DEVICE, undefined, {
        retries: 0,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      if (!outcome.ok) return outcome.result;
      logger.info('hopper reset');
      loop.pollSoon();
      return succeeded(undefined);
    },
  };
}
