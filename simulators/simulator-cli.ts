import { parseArgs } from 'node:util';

/** A numeric option's bounds: `min` defaults to 0, `integer` to true. */
export interface NumberCheck {
  min?: number;
  integer?: boolean;
}

export interface SimulatorCommandLine {
  /** Each option's text (its default when not given), undefined when neither. */
  values: Record<string, string | undefined>;
  /** Prints the message and the usage, then exits 2: the launcher reads 2 as a bad command line. */
  fail(message: string): never;
  /** The option as a number within its bounds; fails with the usage otherwise (also when absent). */
  number(name: string, check?: NumberCheck): number;
  /** Like `number`, but undefined when the option was not given and has no default. */
  optionalNumber(name: string, check?: NumberCheck): number | undefined;
}

/**
 * Reads a simulator process's command line. Every option is a string with an optional default;
 * anything unknown, or an option without its value, prints the message and the usage and exits 2.
 */
export function readSimulatorCommandLine(
  argv: string[],
  usage: string,
  options: Record<string, { default?: string }>,
): SimulatorCommandLine {
  const fail = (message: string): never => {
    process.stderr.write(`${message}\n${usage}`);
    process.exit(2);
  };
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(options).map(([name, option]) => [name, { type: 'string' as const, ...option }]),
      ),
      strict: true,
    }).values as Record<string, string | undefined>;
  } catch (error) {
    return fail((error as Error).message);
  }
  const number = (name: string, { min = 0, integer = true }: NumberCheck = {}): number => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n)))
      fail(`--${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}`);
    return n;
  };
  return {
    values,
    fail,
    number,
    optionalNumber: (name, check) => (values[name] === undefined ? undefined : number(name, check)),
  };
}
