/**
 * `Rst` status words (docs/card-printer-protocol.md, "States and errors"): the major state and
 * the Evolis SDK's minor state names, plus the extra words `ERR;<WORD>` replies use.
 */
export type MajorState = 'READY' | 'WARNING' | 'ERROR';

export interface PrinterStatus {
  major: MajorState;
  minors: string[];
}

export const MINOR = {
  printerReady: 'PRINTER_READY',
  ribbonLow: 'INF_RIBBON_LOW',
  feederNearEmpty: 'INF_FEEDER_NEAR_EMPTY',
  cardInside: 'INF_CARD_INSIDE',
  coverOpen: 'ERR_COVER_OPEN',
  ribbonEnded: 'RIBBON_ENDED',
  feederEmpty: 'FEEDER_EMPTY',
  rejectBoxFull: 'ERR_REJECT_BOX_FULL',
  mechanical: 'ERR_MECHANICAL',
  writeMagnetic: 'ERR_WRITE_MAGNETIC',
} as const;
export type MinorState = (typeof MINOR)[keyof typeof MINOR];

/** The major state each minor implies; the printer reports the worst of its minors. */
export const MINOR_MAJOR: Record<MinorState, MajorState> = {
  PRINTER_READY: 'READY',
  INF_RIBBON_LOW: 'WARNING',
  INF_FEEDER_NEAR_EMPTY: 'WARNING',
  INF_CARD_INSIDE: 'WARNING',
  ERR_COVER_OPEN: 'ERROR',
  RIBBON_ENDED: 'ERROR',
  FEEDER_EMPTY: 'ERROR',
  ERR_REJECT_BOX_FULL: 'ERROR',
  ERR_MECHANICAL: 'ERROR',
  ERR_WRITE_MAGNETIC: 'ERROR',
};

/** Words of `ERR;<WORD>` replies that are not status minors. */
export const ERROR_WORD = {
  /** Unknown command, or a line the printer cannot parse. */
  unknownCommand: 'CDE',
  /** Bad arguments (e.g. a track that fails its check, a `Dbc` payload of the wrong size). */
  badParameter: 'PARAM',
  /** Out of sequence: no card to work on, or a pick with a card already inside. */
  outOfSequence: 'SEQ',
  /** A track read back fails its parity, sentinels or LRC. */
  readMagnetic: 'ERR_READ_MAGNETIC',
} as const;
export type ErrorWord = (typeof ERROR_WORD)[keyof typeof ERROR_WORD] | MinorState;

const MAJORS: readonly MajorState[] = ['READY', 'WARNING', 'ERROR'];
const RANK: Record<MajorState, number> = { READY: 0, WARNING: 1, ERROR: 2 };

/** The worst major state of `minors` (READY when none is known). */
export function majorForMinors(minors: readonly string[]): MajorState {
  let major: MajorState = 'READY';
  for (const minor of minors) {
    const implied = MINOR_MAJOR[minor as MinorState] ?? 'READY';
    if (RANK[implied] > RANK[major]) major = implied;
  }
  return major;
}

/**
 * `Rst` reply values `<MAJOR>;<minor>[,<minor>]…` → status; null when it is not one. Minor words
 * this codec does not list are kept (a newer firmware may report more).
 */
export function parseStatus(values: string[]): PrinterStatus | null {
  if (values.length < 1 || values.length > 2) return null;
  const major = values[0] as MajorState;
  if (!MAJORS.includes(major)) return null;
  const minors = values[1] === undefined || values[1] === '' ? [] : values[1].split(',');
  if (!minors.every((minor) => /^[A-Z][A-Z0-9_]*$/.test(minor))) return null;
  return { major, minors };
}

/** The `Rst` reply line (without CR). */
export function formatStatus(status: PrinterStatus): string {
  return status.minors.length === 0 ? status.major : `${status.major};${status.minors.join(',')}`;
}
