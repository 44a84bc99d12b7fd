/** The command names of docs/card-printer-protocol.md, by what they do. */
export const EVOLIS_COMMAND = {
  firmwareVersion: 'Rfv',
  status: 'Rst',
  supplies: 'Rsp',
  counters: 'Rco',
  cardPosition: 'Rcp',
  sequenceStart: 'Ss',
  pickCard: 'Si',
  downloadTrack: 'Dm',
  writeStripe: 'Smw',
  readTrack: 'Rm',
  selectFront: 'Sr',
  downloadKPanel: 'Dbc',
  print: 'Sp',
  eject: 'Seo',
  reject: 'Ser',
  sequenceEnd: 'Se',
  reset: 'Srs',
} as const;
export type EvolisCommandName = (typeof EVOLIS_COMMAND)[keyof typeof EVOLIS_COMMAND];

/** Panel bytes per row for a 1016-pixel-wide K panel: 127. */
export const PANEL_BYTES_PER_ROW = 127;

/**
 * Commands whose last argument is the rest of the line and may hold `;`: `Dm;<n>;<track>` carries
 * a whole track, and tracks 2 and 3 start with the `;` sentinel (their LRC character can be `;`
 * too). The value is the index of that argument.
 */
export const REST_OF_LINE_ARGUMENT: Readonly<Record<string, number>> = { Dm: 1 };
