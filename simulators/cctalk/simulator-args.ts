import { readSimulatorCommandLine } from '../simulator-cli.ts';
import { BYTE_TIME_9600_MS } from './cctalk-device-server.ts';

export interface CcTalkSimulatorArgs {
  hostLink: string;
  deviceLink: string;
  controlPort: number;
  byteDelayMs: number;
  /** Device-specific numeric options that were given, by name (e.g. `escrow-timeout-ms`). */
  extra: Record<string, number | undefined>;
}

/**
 * Command line of a ccTalk simulator process:
 *   --host-link <path> --device-link <path> --control-port <n, 0 = any>
 *   [--byte-delay-ms <ms per byte, default 1.04 = 9600 baud; 0 = no pacing>] [device options]
 * Prints the usage and exits with 2 on anything else.
 */
export function parseSimulatorArgs(
  argv: string[],
  extraOptions: Record<string, { min: number; help: string }>,
): CcTalkSimulatorArgs {
  const extraHelp = Object.entries(extraOptions)
    .map(([name, option]) => ` [--${name} ${option.help}]`)
    .join('');
  const usage = `usage: --host-link <path> --device-link <path> --control-port <n> [--byte-delay-ms 1.04]${extraHelp}\n`;
  const { values, fail, number, optionalNumber } = readSimulatorCommandLine(argv, usage, {
    'host-link': {},
    'device-link': {},
    'control-port': { default: '0' },
    'byte-delay-ms': { default: String(BYTE_TIME_9600_MS) },
    ...Object.fromEntries(Object.keys(extraOptions).map((name) => [name, {}])),
  });
  const hostLink = values['host-link'];
  const deviceLink = values['device-link'];
  if (typeof hostLink !== 'string' || typeof deviceLink !== 'string') return fail('links are required');
  const controlPort = number('control-port', { integer: false });
  if (!Number.isInteger(controlPort) || controlPort > 65_535) fail('--control-port must be a port number');
  return {
    hostLink,
    deviceLink,
    controlPort,
    byteDelayMs: number('byte-delay-ms', { integer: false }),
    extra: Object.fromEntries(
      Object.entries(extraOptions).map(([name, o]) => [
        name,
        optionalNumber(name, { min: o.min, integer: false }),
      ]),
    ),
  };
}
