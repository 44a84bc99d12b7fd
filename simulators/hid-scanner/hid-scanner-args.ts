import { readSimulatorCommandLine } from '../simulator-cli.ts';

export type HidScannerDevice = 'qrScanner' | 'idScanner';
export type HidScannerMode = 'hidWedge' | 'hidPos';

export interface HidScannerArgs {
  device: HidScannerDevice;
  mode: HidScannerMode;
  socketPath: string;
  controlPort: number;
  /** Pause after each report: a wedge scanner types a key-down and a key-up report per character. */
  reportDelayMs: number;
  /** ID scanner: time to read a document once it is laid down, before the typing starts. */
  readMs: number;
  /** ID scanner in wedge mode: text typed before the MRZ and after it (as configured on a real one). */
  prefix: string;
  suffix: string;
}

const USAGE =
  'usage: main.ts --device qrScanner|idScanner --mode hidWedge|hidPos --socket <path> --control-port <n>\n' +
  '  [--report-delay-ms 4] [--read-ms 300] [--prefix <text>] [--suffix <text>]\n';

/** Command line of the HID scanner simulator. Prints the usage and exits 2 on anything else. */
export function parseHidScannerArgs(argv: string[]): HidScannerArgs {
  const { values, fail, number } = readSimulatorCommandLine(argv, USAGE, {
    device: {},
    mode: {},
    socket: {},
    'control-port': { default: '0' },
    'report-delay-ms': { default: '4' },
    'read-ms': { default: '300' },
    prefix: { default: '' },
    suffix: { default: '' },
  });
  const device = values.device;
  if (device !== 'qrScanner' && device !== 'idScanner')
    return fail('--device must be qrScanner or idScanner');
  const mode = values.mode;
  if (mode !== 'hidWedge' && mode !== 'hidPos') return fail('--mode must be hidWedge or hidPos');
  if (device === 'idScanner' && mode !== 'hidWedge')
    return fail('an ID scanner on HID types in hidWedge mode');
  const socketPath = values.socket;
  if (!socketPath) return fail('--socket is required');
  const controlPort = number('control-port');
  if (controlPort > 65_535) fail('--control-port must be a port number');
  return {
    device,
    mode,
    socketPath,
    controlPort,
    reportDelayMs: number('report-delay-ms', { integer: false }),
    readMs: number('read-ms', { integer: false }),
    prefix: values.prefix ?? '',
    suffix: values.suffix ?? '',
  };
}
