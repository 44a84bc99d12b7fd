import { CARD_PANEL_HEIGHT, type MonoBitmap } from '../../../contracts/devices/card-printer.ts';
import { REST_OF_LINE_ARGUMENT } from './commands.ts';
import { compressPanelRows } from './panel-compression.ts';

export const ESC = 0x1b;
export const CR = 0x0d;

/**
 * One command as it goes on the wire (docs/card-printer-protocol.md, "Framing"):
 * `ESC <command>[;<arg>]… [;<payload>] CR`. Arguments are printable ASCII without `;` (except the
 * track of `Dm`, see REST_OF_LINE_ARGUMENT); the binary payload (only `Dbc` has one) is appended
 * raw after a final `;`, its length given in the arguments before it. Throws on an argument the
 * printer could not parse.
 */
export function encodeCommand(
  command: string,
  args: readonly (string | number)[] = [],
  payload?: Uint8Array,
): Buffer {
  if (!/^[A-Za-z]{1,8}$/.test(command))
    throw new Error(`Evolis command name ${JSON.stringify(command)} is not valid`);
  const restOfLine = REST_OF_LINE_ARGUMENT[command];
  const checked = args.map((arg, index) =>
    checkedArgument(String(arg), index === restOfLine && index === args.length - 1),
  );
  const text = [command, ...checked].join(';');
  const head = Buffer.from(text, 'latin1');
  if (payload === undefined) return Buffer.concat([Buffer.of(ESC), head, Buffer.of(CR)]);
  return Buffer.concat([Buffer.of(ESC), head, Buffer.from(';', 'latin1'), payload, Buffer.of(CR)]);
}

/** `Dbc;k;<rows>;<length>;<bytes>`: the K panel, row-compressed (see panel-compression.ts). */
export function encodeKPanelDownload(panel: MonoBitmap): Buffer {
  if (panel.height !== CARD_PANEL_HEIGHT)
    throw new Error(`K panel must be ${CARD_PANEL_HEIGHT} rows, not ${panel.height}`);
  const compressed = compressPanelRows(panel);
  return encodeCommand('Dbc', ['k', panel.height, compressed.length], compressed);
}

function checkedArgument(arg: string, mayHoldSeparator: boolean): string {
  for (let i = 0; i < arg.length; i++) {
    const code = arg.charCodeAt(i);
    // `;` separates arguments, CR ends the command, ESC starts the next: none may be inside one.
    if ((code === 0x3b && !mayHoldSeparator) || code < 0x20 || code > 0x7e)
      throw new Error(`Evolis argument ${JSON.stringify(arg)} holds a character the framing does not allow`);
  }
  return arg;
}
