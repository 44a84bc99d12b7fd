import { failed, type OperationResult } from '../../contracts/devices/operation.ts';
import {
  CcTalkBusyError,
  CcTalkCollisionError,
  CcTalkLinkClosedError,
  CcTalkNakError,
  CcTalkTimeoutError,
} from '../cctalk/cctalk-errors.ts';
import type { CashBus, CashBusRequest } from './cash-bus.ts';

/** Why a command got no usable reply; drivers turn `noReply` and `linkClosed` into `offline`. */
export type CommandFailure =
  | 'noReply'
  | 'linkClosed'
  | 'nak'
  | 'busy'
  | 'collision'
  | 'canceled'
  | 'internal';

/** A completion that is not `success`, usable as any operation's result. */
export type FailedResult = Exclude<OperationResult<never>, { code: 'success' }>;

export type CommandOutcome =
  | { ok: true; data: Uint8Array }
  | { ok: false; failure: CommandFailure; result: FailedResult };

function failure(kind: CommandFailure, code: Parameters<typeof failed>[0], message: string): CommandOutcome {
  return { ok: false, failure: kind, result: failed(code, message, kind) as FailedResult };
}

/**
 * Sends one command over the bus and turns every way it can fail into a completion code, so a
 * driver operation never rejects for a device failure. The bus has already retried what it may.
 */
export async function sendCommand(
  bus: CashBus,
  request: CashBusRequest,
  signal?: AbortSignal,
): Promise<CommandOutcome> {
  if (signal?.aborted) return failure('canceled', 'canceled', 'canceled before it was sent');
  try {
    const reply = await bus.request(request, signal ? { signal } : {});
    return { ok: true, data: reply.data };
  } catch (error) {
    if (signal?.aborted) return failure('canceled', 'canceled', 'canceled');
    if (error instanceof CcTalkTimeoutError) {
      return failure('noReply', 'timeout', `no reply to header ${request.header}`);
    }
    if (error instanceof CcTalkLinkClosedError) {
      return failure('linkClosed', 'deviceNotReady', 'serial link closed');
    }
    // Part 1: NAK = the command was not understood or its data is out of range.
    if (error instanceof CcTalkNakError) {
      return failure('nak', 'hardwareError', `device refused header ${request.header} (NAK)`);
    }
    // Part 1: BUSY = the device cannot take the command now; asking again later may work.
    if (error instanceof CcTalkBusyError) {
      return failure('busy', 'deviceNotReady', `device busy, header ${request.header} not taken`);
    }
    // Another sender on the single wire: the command may or may not have reached the device.
    if (error instanceof CcTalkCollisionError) {
      return failure('collision', 'hardwareError', `bus collision on header ${request.header}`);
    }
    return failure('internal', 'internalError', `header ${request.header} failed`);
  }
}

export interface DriverCommandOptions {
  bus: CashBus;
  address: number;
  commandTimeoutMs: number;
  /** The driver has been stopped: nothing more is sent. */
  isStopped: () => boolean;
  /** A command found the device silent or the link gone: the driver shows it offline. */
  onLinkFailure: (failure: 'noReply' | 'linkClosed') => void;
}

export type DriverCommand = (
  header: number,
  data?: Uint8Array,
  options?: { signal?: AbortSignal; retries?: number },
) => Promise<CommandOutcome>;

/**
 * A driver's one way to talk to its device: addressed, with the driver's timeout, refused once the
 * driver is stopped, and reporting a silent device or a lost link to the driver's status. Polls,
 * status requests and inhibits may be retried once (repeating them changes nothing, part 1); a
 * command that acts (154 route, 167 dispense) passes `retries: 0` itself.
 */
export function createDriverCommand(options: DriverCommandOptions): DriverCommand {
  return async (header, data, opts = {}) => {
    if (options.isStopped()) return failure('linkClosed', 'deviceNotReady', 'driver stopped');
    const outcome = await sendCommand(
      options.bus,
      {
        destination: options.address,
        header,
        ...(data ? { data } : {}),
        timeoutMs: options.commandTimeoutMs,
        retries: opts.retries ?? 1,
      },
      opts.signal,
    );
    if (!outcome.ok && (outcome.failure === 'noReply' || outcome.failure === 'linkClosed')) {
      options.onLinkFailure(outcome.failure);
    }
    return outcome;
  };
}
