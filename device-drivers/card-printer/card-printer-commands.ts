import { failed, type OperationResult } from '../../contracts/devices/operation.ts';
import type { Logger } from '../../platform/log.ts';
import { LinkClosedError, LinkTimeoutError, type SerialLink } from '../transport/serial-link.ts';
import { completionOfErrorWord } from './card-printer-errors.ts';
import { encodeCommand } from '../codecs/evolis/command-encoder.ts';
import type { EvolisReply } from '../codecs/evolis/reply.ts';
import { createReplyCollector } from './reply-line.ts';
import { resynchronise } from './resynchronise.ts';

/** A completion that is not `success`, usable as any operation's result. */
export type FailedResult = Exclude<OperationResult<never>, { code: 'success' }>;

/**
 * Why a command got no usable answer: `noReply` and `linkClosed` make the printer `offline`,
 * `badReply` (a line that is no reply) makes it a hardware error; `refused` is an `ERR;<WORD>`;
 * `unsendable`: the arguments cannot be framed (nothing was sent).
 */
export type CommandFailure =
  | 'noReply'
  | 'linkClosed'
  | 'badReply'
  | 'refused'
  | 'canceled'
  | 'unsendable'
  | 'internal';

export type CommandOutcome =
  | { ok: true; reply: Exclude<EvolisReply, { kind: 'error' }>; line: string }
  | { ok: false; failure: CommandFailure; result: FailedResult };

export interface PrinterCommandRequest {
  /** The command word, e.g. `Rst` or `Dbc`. The only part of a command that is logged. */
  name: string;
  args?: readonly (string | number)[];
  /** Binary payload after the arguments (`Dbc`). */
  payload?: Uint8Array;
  timeoutMs: number;
}

/** Sends one command and waits for its reply; never rejects. */
export type PrinterCommand = (
  request: PrinterCommandRequest,
  signal?: AbortSignal,
) => Promise<CommandOutcome>;

export interface PrinterCommandOptions {
  link: SerialLink;
  logger: Logger;
  /** The driver has been stopped: nothing more is sent. */
  isStopped: () => boolean;
  /** A command found the printer silent, the link gone or the reply unreadable. */
  onLinkFailure: (failure: 'noReply' | 'linkClosed' | 'badReply') => void;
  /** Timeout of the `Rcp` that brings the replies back in step after a timeout (resynchronise.ts). */
  resyncTimeoutMs: number;
}

function failure(
  kind: CommandFailure,
  code: FailedResult['code'],
  message: string,
  errorCode?: string,
): CommandOutcome {
  return { ok: false, failure: kind, result: failed(code, message, errorCode) as FailedResult };
}

/**
 * The driver's one way to talk to the printer. The signal is looked at before the command is
 * sent, never while it runs: a command on the wire is left to finish (or time out), because the
 * printer acts on it anyway and a reply arriving after an abort would be taken for the next
 * command's.
 */
export function createPrinterCommand(options: PrinterCommandOptions): PrinterCommand {
  const { link, logger } = options;
  /** A command went unanswered: its reply may still come, so the next one resynchronises first. */
  let inDoubt = false;

  const linkFailure = (error: unknown, name: string, timeoutMs: number, heard = false): CommandOutcome => {
    if (error instanceof LinkTimeoutError && heard) {
      // Bytes came but never a whole line: a printer talking nonsense, not a silent one.
      inDoubt = true;
      logger.warn('reply never ended', { command: name });
      options.onLinkFailure('badReply');
      return failure('badReply', 'hardwareError', `unreadable reply to ${name}`, 'badReply');
    }
    if (error instanceof LinkTimeoutError) {
      inDoubt = true;
      options.onLinkFailure('noReply');
      return failure('noReply', 'timeout', `no reply to ${name} within ${timeoutMs} ms`);
    }
    if (error instanceof LinkClosedError) {
      // A command may have been on its way when the port went: its reply may come on the new one.
      inDoubt = true;
      options.onLinkFailure('linkClosed');
      return failure('linkClosed', 'deviceNotReady', `link lost during ${name}`);
    }
    logger.error('command failed', { command: name, error });
    return failure('internal', 'internalError', `${name} failed`);
  };

  return async (request, signal) => {
    const { name, timeoutMs } = request;
    if (options.isStopped()) return failure('linkClosed', 'deviceNotReady', 'printer driver stopped');
    if (signal?.aborted) return failure('canceled', 'canceled', `canceled before ${name}`);
    let bytes: Uint8Array;
    try {
      bytes = encodeCommand(name, request.args ?? [], request.payload);
    } catch {
      // The encoder's message quotes the argument, which may be track data: it is not logged.
      logger.warn('command arguments not encodable', { command: name });
      return failure('unsendable', 'invalidData', `${name} arguments cannot be sent`);
    }
    if (inDoubt) {
      try {
        const skipped = await resynchronise(link, options.resyncTimeoutMs);
        inDoubt = false;
        if (skipped > 0) logger.warn('late replies skipped after a timeout', { lines: skipped });
      } catch (error) {
        // Still silent: the command is not sent.
        return linkFailure(error, name, options.resyncTimeoutMs);
      }
    }
    const collector = createReplyCollector();
    try {
      await link.request(bytes, { isComplete: (received) => collector.isComplete(received), timeoutMs });
    } catch (error) {
      return linkFailure(error, name, timeoutMs, collector.heard());
    }
    const reply = collector.reply();
    if (!reply) {
      logger.warn('reply is not a printer reply', { command: name });
      options.onLinkFailure('badReply');
      return failure('badReply', 'hardwareError', `unreadable reply to ${name}`, 'badReply');
    }
    if (reply.kind === 'error') {
      logger.info('printer refused a command', { command: name, errorCode: reply.word });
      const code = completionOfErrorWord(reply.word);
      return failure('refused', code, `${name} refused: ${reply.word}`, reply.word);
    }
    return { ok: true, reply, line: collector.line() ?? '' };
  };
}
