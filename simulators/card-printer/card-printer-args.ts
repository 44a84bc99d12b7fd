import { parseArgs } from 'node:util';
import {
  BYTE_TIME_115200_MS,
  type CardPrinterTimings,
  FAST_TIMINGS,
  REALISTIC_TIMINGS,
} from './card-printer-timings.ts';

export interface CardPrinterArgs {
  hostLink: string;
  deviceLink: string;
  controlPort: number;
  byteDelayMs: number;
  timing: 'fast' | 'realistic';
  timings: CardPrinterTimings;
  cards: number;
  ribbonPanels: number;
  rejectCapacity: number;
  /** The customer takes a card this long after it reaches the exit; 0 = only by `POST /take`. */
  autoTakeMs: number;
}

const USAGE =
  'usage: main.ts --host-link <path> --device-link <path> --control-port <n> [--byte-delay-ms <ms>]\n' +
  '  [--timing fast|realistic] [--cards 100] [--ribbon-panels 200] [--reject-capacity 20] [--auto-take-ms 0]\n';

/**
 * Command line of the card printer simulator. `--byte-delay-ms` defaults to 115 200 baud with
 * realistic timing and to no pacing with fast timing. Prints the usage and exits 2 on anything else.
 */
export function parseCardPrinterArgs(argv: string[]): CardPrinterArgs {
  const fail = (message: string): never => {
    process.stderr.write(`${message}\n${USAGE}`);
    process.exit(2);
  };
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        'host-link': { type: 'string' },
        'device-link': { type: 'string' },
        'control-port': { type: 'string', default: '0' },
        'byte-delay-ms': { type: 'string' },
        timing: { type: 'string', default: 'realistic' },
        cards: { type: 'string', default: '100' },
        'ribbon-panels': { type: 'string', default: '200' },
        'reject-capacity': { type: 'string', default: '20' },
        'auto-take-ms': { type: 'string', default: '0' },
      },
      strict: true,
    }).values as Record<string, string | undefined>;
  } catch (error) {
    return fail((error as Error).message);
  }
  const number = (name: string, min: number, integer = true): number => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n)))
      fail(`--${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}`);
    return n;
  };
  const hostLink = values['host-link'];
  const deviceLink = values['device-link'];
  if (!hostLink || !deviceLink) return fail('--host-link and --device-link are required');
  const timing = values.timing;
  if (timing !== 'fast' && timing !== 'realistic') return fail('--timing must be fast or realistic');
  const controlPort = number('control-port', 0);
  if (controlPort > 65_535) fail('--control-port must be a port number');
  const byteDelayMs =
    values['byte-delay-ms'] === undefined
      ? timing === 'realistic'
        ? BYTE_TIME_115200_MS
        : 0
      : number('byte-delay-ms', 0, false);
  return {
    hostLink,
    deviceLink,
    controlPort,
    byteDelayMs,
    timing,
    timings: timing === 'realistic' ? REALISTIC_TIMINGS : FAST_TIMINGS,
    cards: number('cards', 0),
    ribbonPanels: number('ribbon-panels', 0),
    rejectCapacity: number('reject-capacity', 1),
    autoTakeMs: number('auto-take-ms', 0),
  };
}
