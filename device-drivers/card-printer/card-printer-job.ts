import {
  CARD_PANEL_HEIGHT,
  CARD_PANEL_WIDTH,
  type CardPrinterState,
  type MagstripeTracks,
  type MonoBitmap,
} from '../../contracts/devices/card-printer.ts';
import { failed, type OperationResult, succeeded } from '../../contracts/devices/operation.ts';
import type { Logger } from '../../platform/log.ts';
import {
  EVOLIS_COMMAND as C,
  compressPanelRows,
  ERROR_WORD,
  MINOR,
  parseTrackReply,
} from '../codecs/evolis/index.ts';
import { validateTrack } from '../codecs/magstripe/index.ts';
import type { PrinterCommand, PrinterCommandRequest } from './card-printer-commands.ts';
import type { PrinterReads } from './card-printer-readings.ts';
import { type CardPrinterTimeouts, downloadTimeoutMs } from './card-printer-timeouts.ts';

/**
 * The steps of a card job (contracts/devices/card-printer.ts), each a short fixed run of commands
 * (docs/card-printer-protocol.md, "Commands"). A step stops at its first failed command and is
 * never repeated here: the caller journals between steps and decides.
 *
 * The abort signal is looked at before commands that can be skipped without leaving the printer
 * half-way (e.g. not before `Si` once `Ss` opened the sequence, nor before the closing `Se`).
 *
 * Log lines carry command names, counts and error words, never track data or panel bytes.
 */
export interface JobContext {
  command: PrinterCommand;
  reads: PrinterReads;
  timeouts: CardPrinterTimeouts;
  baudRate: number;
  logger: Logger;
  /** A reply that does not fit its command: the printer is a hardware error. */
  onBadReply: () => void;
}

type Failed = Exclude<OperationResult<never>, { code: 'success' }>;

/** Sends a command that answers `OK`; any other answer is its failure. */
async function expectOk(
  ctx: JobContext,
  request: PrinterCommandRequest,
  signal?: AbortSignal,
): Promise<Failed | null> {
  const outcome = await ctx.command(request, signal);
  if (!outcome.ok) return outcome.result;
  if (outcome.reply.kind === 'ok') return null;
  ctx.onBadReply();
  return failed('hardwareError', `reply to ${request.name} is not OK`, 'badReply') as Failed;
}

/** Pick refusals that leave no card in the printer: the sequence `Ss` opened is closed again. */
const NOTHING_PICKED = new Set<string>([
  MINOR.feederEmpty,
  MINOR.ribbonEnded,
  MINOR.coverOpen,
  MINOR.rejectBoxFull,
]);

export async function pickCard(
  ctx: JobContext,
  signal?: AbortSignal,
): Promise<OperationResult<CardPrinterState>> {
  const { timeouts } = ctx;
  const start = await expectOk(ctx, { name: C.sequenceStart, timeoutMs: timeouts.commandMs }, signal);
  if (start) return start;
  const pick = await expectOk(ctx, { name: C.pickCard, timeoutMs: timeouts.mechanicalMs });
  if (pick) {
    if (pick.errorCode !== undefined && NOTHING_PICKED.has(pick.errorCode)) {
      const end = await expectOk(ctx, { name: C.sequenceEnd, timeoutMs: timeouts.commandMs });
      if (end) ctx.logger.warn('sequence not closed after a refused pick', { code: end.code });
    }
    return pick;
  }
  const state = await ctx.reads.state();
  if (state.code !== 'success') {
    return { ...state, message: `card picked, but its state could not be read: ${state.message}` };
  }
  ctx.logger.info('card picked', { position: state.value.position, counters: state.value.counters });
  return state;
}

const TRACK_NUMBERS = [1, 2, 3] as const;

/** The stripe failed in any way the printer reports (or the read-back differs): one error word. */
function stripeFailed(message: string): OperationResult<void> {
  return failed('hardwareError', message, MINOR.writeMagnetic);
}

export async function encodeMagstripe(
  ctx: JobContext,
  tracks: MagstripeTracks,
  signal?: AbortSignal,
): Promise<OperationResult<void>> {
  const { timeouts } = ctx;
  const given = TRACK_NUMBERS.flatMap((n) => {
    const text = tracks[`track${n}`];
    return text === undefined ? [] : [{ n, text }];
  });
  if (given.length === 0) return failed('invalidData', 'no track to encode');
  // The printer would refuse these with PARAM; checked here, nothing reaches it. The reason names
  // what is wrong (sentinel, LRC, length), not the track's content.
  for (const { n, text } of given) {
    const check = validateTrack(n, text);
    if (!check.ok) return failed('invalidData', `track ${n} is not a complete track: ${check.reason}`);
  }
  for (const { n, text } of given) {
    const download = await expectOk(
      ctx,
      { name: C.downloadTrack, args: [n, text], timeoutMs: timeouts.commandMs },
      signal,
    );
    if (download) return download;
  }
  const write = await expectOk(ctx, { name: C.writeStripe, timeoutMs: timeouts.mechanicalMs }, signal);
  if (write) {
    return write.errorCode === MINOR.writeMagnetic
      ? stripeFailed(`stripe write failed: ${write.message}`)
      : write;
  }
  for (const { n, text } of given) {
    const outcome = await ctx.command(
      { name: C.readTrack, args: [n], timeoutMs: timeouts.commandMs },
      signal,
    );
    if (!outcome.ok) {
      const unreadable = outcome.result.errorCode === ERROR_WORD.readMagnetic;
      return unreadable ? stripeFailed(`track ${n} does not read back valid`) : outcome.result;
    }
    // Read whole: tracks 2 and 3 start with `;`, which would split the line into values.
    const readBack = parseTrackReply(outcome.line);
    if (readBack.kind !== 'track' || readBack.track !== text) {
      ctx.logger.warn('track read back differs from what was written', { index: n });
      return stripeFailed(`track ${n} reads back different from what was written`);
    }
  }
  ctx.logger.info('stripe encoded and verified', { count: given.length });
  return succeeded(undefined);
}

const BYTES_PER_ROW = Math.ceil(CARD_PANEL_WIDTH / 8);

export async function printFront(
  ctx: JobContext,
  panel: MonoBitmap,
  signal?: AbortSignal,
): Promise<OperationResult<void>> {
  const { timeouts } = ctx;
  if (panel.width !== CARD_PANEL_WIDTH || panel.height !== CARD_PANEL_HEIGHT) {
    return failed(
      'invalidData',
      `panel is ${panel.width}×${panel.height}, the printer's is ${CARD_PANEL_WIDTH}×${CARD_PANEL_HEIGHT}`,
    );
  }
  if (panel.data.length !== BYTES_PER_ROW * CARD_PANEL_HEIGHT) {
    return failed(
      'invalidData',
      `panel data is ${panel.data.length} bytes, not ${BYTES_PER_ROW * CARD_PANEL_HEIGHT}`,
    );
  }
  const compressed = compressPanelRows(panel);
  const select = await expectOk(ctx, { name: C.selectFront, timeoutMs: timeouts.commandMs }, signal);
  if (select) return select;
  const download = await expectOk(
    ctx,
    {
      name: C.downloadKPanel,
      args: ['k', CARD_PANEL_HEIGHT, compressed.length],
      payload: compressed,
      timeoutMs: downloadTimeoutMs(timeouts, compressed.length, ctx.baudRate),
    },
    signal,
  );
  if (download) return download;
  const print = await expectOk(ctx, { name: C.print, timeoutMs: timeouts.printMs }, signal);
  if (print) return print;
  ctx.logger.info('front printed', { panelBytes: compressed.length });
  return succeeded(undefined);
}

/** `move` (eject or reject), then `Se` to end the sequence. */
async function moveAndEnd(
  ctx: JobContext,
  move: string,
  done: string,
  signal?: AbortSignal,
): Promise<OperationResult<void>> {
  const { timeouts } = ctx;
  const moved = await expectOk(ctx, { name: move, timeoutMs: timeouts.mechanicalMs }, signal);
  if (moved) return moved;
  const end = await expectOk(ctx, { name: C.sequenceEnd, timeoutMs: timeouts.commandMs });
  if (end) return { ...end, message: `${done}, but ending the sequence failed: ${end.message}` };
  ctx.logger.info(done);
  return succeeded(undefined);
}

export function ejectCard(ctx: JobContext, signal?: AbortSignal): Promise<OperationResult<void>> {
  return moveAndEnd(ctx, C.eject, 'card ejected', signal);
}

export function rejectCard(ctx: JobContext, signal?: AbortSignal): Promise<OperationResult<void>> {
  return moveAndEnd(ctx, C.reject, 'card rejected', signal);
}
