import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../platform/log.ts';
import { announceReady, onShutdownSignal } from '../../platform/ready-line.ts';
import { createKioskRuntime, loadRuntimeConfig } from '../runtime/index.ts';
import { startHostServer } from './host-server.ts';

/**
 * Process entry of the browser host: `tsx main/host/main.ts --config kiosk.json [--port 0]`.
 * Runs the kiosk runtime and serves its UI; prints one ready line with the URLs.
 */
const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    port: { type: 'string', default: '0' },
    'static-dir': { type: 'string' },
  },
});
const log = createLogger('host');
if (!values.config) {
  log.error('usage: main/host/main.ts --config <kiosk config json> [--port N] [--static-dir DIR]');
  process.exit(2);
}

try {
  const config = loadRuntimeConfig(values.config);
  const runtime = createKioskRuntime(config, { logger: createLogger('runtime') });
  await runtime.start();
  const server = await startHostServer({
    runtime,
    port: Number(values.port),
    staticDir: values['static-dir'] ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
    logger: log,
  });
  onShutdownSignal(async () => {
    log.info('stopping');
    await server.close();
    await runtime.stop();
  });
  announceReady({
    url: server.url,
    kioskUrl: `${server.url}/kiosk/`,
    technicianUrl: `${server.url}/technician/`,
    pid: process.pid,
  });
} catch (error) {
  log.error('kiosk host failed to start', { error });
  process.exit(1);
}
