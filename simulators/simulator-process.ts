import type { Logger } from '../platform/log.ts';
import { announceReady, onShutdownSignal } from '../platform/ready-line.ts';
import { type SimulatorControlHandler, startControlServer } from './control-server.ts';

/** The simulated device's connection to the host: a PTY pair, a HID socket. */
export interface SimulatedDeviceEnd {
  plugIn(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartSimulatorOptions {
  device: SimulatedDeviceEnd;
  handler: SimulatorControlHandler;
  controlPort: number;
  logger: Logger;
  /** Ready-line fields before `controlUrl` and `pid` (the launcher reads them by name). */
  ready: Record<string, unknown>;
  /** Cancels the simulator's own timers before the control API and the device are stopped. */
  beforeStop?: () => void;
}

/**
 * Start-up of a simulator process: plugs the device in, serves the control API on 127.0.0.1,
 * then announces `VENTANILLA_READY {...ready, controlUrl, pid}`. SIGTERM / SIGINT close the
 * control API and stop the device, then exit 0. If start-up fails, the device is stopped (so no
 * socat is left behind) and the process exits 1.
 */
export async function startSimulatorProcess(options: StartSimulatorOptions): Promise<void> {
  const { device, logger } = options;
  try {
    await device.plugIn();
    const server = await startControlServer({
      handler: options.handler,
      port: options.controlPort,
      logger: logger.child('control'),
    });
    onShutdownSignal(async () => {
      options.beforeStop?.();
      await server.close();
      await device.stop();
    });
    announceReady({ ...options.ready, controlUrl: server.url, pid: process.pid });
  } catch (error) {
    logger.error('simulator failed to start', { error });
    await device.stop();
    process.exit(1);
  }
}
