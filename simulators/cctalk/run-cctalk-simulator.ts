import { CashDeviceFault, type SimulatorState } from '../../contracts/simulator-control.ts';
import { HttpError } from '../../platform/http.ts';
import type { Logger } from '../../platform/log.ts';
import type { SimulatorControlHandler } from '../control-server.ts';
import { faultRoutes } from '../fault-routes.ts';
import { startSimulatorProcess } from '../simulator-process.ts';
import { type CcTalkDeviceModel, InsertRefused } from './cctalk-device-model.ts';
import { createCcTalkDeviceServer } from './cctalk-device-server.ts';
import type { CcTalkSimulatorArgs } from './simulator-args.ts';

export interface RunCcTalkSimulatorOptions {
  model: CcTalkDeviceModel;
  args: CcTalkSimulatorArgs;
  logger: Logger;
  /** The customer's action at a bill validator or coin acceptor; absent for a hopper. */
  insert?: (value: number, now: number) => void;
  now?: () => number;
}

/**
 * One ccTalk simulator process: its own socat pair with the device on one end, the control API
 * on 127.0.0.1, one `VENTANILLA_READY {device, hostPath, controlUrl, pid}` line once both are up.
 * SIGTERM / SIGINT close the control API and stop socat, then exit 0.
 */
export async function runCcTalkSimulator(options: RunCcTalkSimulatorOptions): Promise<void> {
  const { model, args, logger } = options;
  const now = options.now ?? Date.now;
  const device = createCcTalkDeviceServer({
    model,
    hostLink: args.hostLink,
    deviceLink: args.deviceLink,
    byteDelayMs: args.byteDelayMs,
    logger,
    now,
  });
  const state = (): SimulatorState => model.state(device.plugged, now());
  const asFault = (name: string) => CashDeviceFault.parse(name);

  const handler: SimulatorControlHandler = {
    faults: model.supportedFaults,
    state,
    ...faultRoutes({
      parse: asFault,
      model: {
        injectFault: (fault) => model.injectFault(fault, now()),
        clearFault: (fault) => model.clearFault(fault, now()),
        clearAllFaults: () => model.clearAllFaults(now()),
      },
      device,
      logger,
      state,
    }),
    replenish() {
      model.replenish(now());
      return state();
    },
  };
  const insert = options.insert;
  if (insert) {
    handler.insert = (value) => {
      try {
        insert(value, now());
      } catch (error) {
        if (!(error instanceof InsertRefused)) throw error;
        throw new HttpError(error.reason === 'unknownValue' ? 400 : 409, error.message);
      }
      logger.info('inserted', { value });
      return state();
    };
  }

  await startSimulatorProcess({
    device,
    handler,
    controlPort: args.controlPort,
    logger,
    ready: { device: model.device, hostPath: args.hostLink },
  });
}
