import { readSimulatorCommandLine } from '../simulator-cli.ts';

export interface IdScannerArgs {
  hostLink: string;
  deviceLink: string;
  controlPort: number;
  /**
   * Wire time per byte sent. USB CDC ACM has no real baud limit, so 0 by default; give e.g.
   * 0.087 to behave like a 115 200 baud UART.
   */
  byteDelayMs: number;
  timing: 'fast' | 'realistic';
  /** How long a capture takes (lamp, exposure, compression). */
  captureMs: number;
  /** The customer takes the document back this long after a completed transfer; 0 = only by `POST /remove`. */
  autoRemoveMs: number;
}

const USAGE =
  'usage: main.ts --host-link <path> --device-link <path> --control-port <n> [--byte-delay-ms 0]\n' +
  '  [--timing fast|realistic] [--auto-remove-ms 1500]\n';

/** Capture time: a desk document scanner takes a few hundred ms to light, expose and compress. */
const CAPTURE_MS = { fast: 20, realistic: 600 } as const;

/** Command line of the ID scanner simulator. Prints the usage and exits 2 on anything else. */
export function parseIdScannerArgs(argv: string[]): IdScannerArgs {
  const { values, fail, number } = readSimulatorCommandLine(argv, USAGE, {
    'host-link': {},
    'device-link': {},
    'control-port': { default: '0' },
    'byte-delay-ms': { default: '0' },
    timing: { default: 'realistic' },
    'auto-remove-ms': { default: '1500' },
  });
  const hostLink = values['host-link'];
  const deviceLink = values['device-link'];
  if (!hostLink || !deviceLink) return fail('--host-link and --device-link are required');
  const timing = values.timing;
  if (timing !== 'fast' && timing !== 'realistic') return fail('--timing must be fast or realistic');
  const controlPort = number('control-port');
  if (controlPort > 65_535) fail('--control-port must be a port number');
  return {
    hostLink,
    deviceLink,
    controlPort,
    byteDelayMs: number('byte-delay-ms', { integer: false }),
    timing,
    captureMs: CAPTURE_MS[timing],
    autoRemoveMs: number('auto-remove-ms'),
  };
}
