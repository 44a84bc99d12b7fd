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
