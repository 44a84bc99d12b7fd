import { parseArgs } from 'node:util';

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
  const fail = (message: string): never => {
    process.stderr.write(`${message}\n${USAGE}`);
    process.exit(2);
  };
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        device: { type: 'string' },
        mode: { type: 'string' },
        socket: { type: 'string' },
        'control-port': { type: 'string', default: '0' },
        'report-delay-ms': { type: 'string', default: '4' },
        'read-ms': { type: 'string', default: '300' },
        prefix: { type: 'string', default: '' },
        suffix: { type: 'string', default: '' },
      },
      strict: true,
    }).values as Record<string, string | undefined>;
  } catch (error) {
    return fail((error as Error).message);
  }
  const number = (name: string, integer: boolean): number => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n)))
      fail(`--${name} must be ${integer ? 'an integer' : 'a number'} ≥ 0`);
    return n;
  };
  const device = values.device;
  if (device !== 'qrScanner' && device !== 'idScanner')
    return fail('--device must be qrScanner or idScanner');
  const mode = values.mode;
  if (mode !== 'hidWedge' && mode !== 'hidPos') return fail('--mode must be hidWedge or hidPos');
  if (device === 'idScanner' && mode !== 'hidWedge')
    return fail('an ID scanner on HID types in hidWedge mode');
  const socketPath = values.socket;
  if (!socketPath) return fail('--socket is required');
  const controlPort = number('control-port', true);
  if (controlPort > 65_535) fail('--control-port must be a port number');
  return {
    device,
    mode,
    socketPath,
    controlPort,
    reportDelayMs: number('report-delay-ms', false),
    readMs: number('read-ms', false),
    prefix: values.prefix ?? '',
    suffix: values.suffix ?? '',
  };
}
