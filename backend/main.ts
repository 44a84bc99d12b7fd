import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLogger } from '../platform/log.ts';
import { announceReady, onShutdownSignal } from '../platform/ready-line.ts';
import { ConfigError, configFromArgs, USAGE } from './config.ts';
import { createBackend } from './server.ts';

/** The O2O backend process: `tsx backend/main.ts --help` lists the options. */
const logger = createLogger('backend');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const config = configFromArgs(argv, process.env);
  if (config.dbPath !== ':memory:') mkdirSync(dirname(config.dbPath), { recursive: true });
  const backend = await createBackend({ ...config, logger });
  onShutdownSignal(() => backend.close());
  announceReady({ url: backend.url, port: backend.port, pid: process.pid });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  logger.error('backend failed to start', { error: error as Error });
  process.exit(1);
});
