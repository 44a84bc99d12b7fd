import {
  BYTE_TIME_115200_MS,
  type CardPrinterTimings,
  FAST_TIMINGS,
  REALISTIC_TIMINGS,
} from './card-printer-timings.ts';
import { readSimulatorCommandLine } from '../simulator-cli.ts';

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
  const { values, fail, number } = readSimulatorCommandLine(argv, USAGE, {
    'host-link': {},
    'device-link': {},
    'control-port': { default: '0' },
    'byte-delay-ms': {},
    timing: { default: 'realistic' },
    cards: { default: '100' },
    'ribbon-panels': { default: '200' },
    'reject-capacity': { default: '20' },
    'auto-take-ms': { default: '0' },
  });
  const hostLink = values['host-link'];
  const deviceLink = values['device-link'];
  if (!hostLink || !deviceLink) return fail('--host-link and --device-link are required');
  const timing = values.timing;
  if (timing !== 'fast' && timing !== 'realistic') return fail('--timing must be fast or realistic');
  const controlPort = number('control-port');
  if (controlPort > 65_535) fail('--control-port must be a port number');
  const byteDelayMs =
    values['byte-delay-ms'] === undefined
      ? timing === 'realistic'
        ? BYTE_TIME_115200_MS
        : 0
      : number('byte-delay-ms', { integer: false });
  return {
    hostLink,
    deviceLink,
    controlPort,
    byteDelayMs,
    timing,
    timings: timing === 'realistic' ? REALISTIC_TIMINGS : FAST_TIMINGS,
    cards: number('cards'),
    ribbonPanels: number('ribbon-panels'),
    rejectCapacity: number('reject-capacity', { min: 1 }),
    autoTakeMs: number('auto-take-ms'),
  };
}
