import type { SimulatorState } from '../contracts/simulator-control.ts';
import type { Logger } from '../platform/log.ts';
import type { SimulatorControlHandler } from './control-server.ts';

/** How a simulator's model takes faults. */
export interface FaultModel<F extends string> {
  injectFault(fault: F): void;
  clearFault(fault: F): void;
  clearAllFaults(): void;
}

/**
 * The fault routes of a simulator whose device can be unplugged: `unplug` also takes the device
 * off its host end, and clearing it (or clearing all faults) plugs it back in. Every route answers
 * with the state after the change.
 */
export function faultRoutes<F extends string>(options: {
  /** The fault named in the request; throws for a name this device does not know. */
  parse: (name: string) => F;
  model: FaultModel<F>;
  device: { plugIn(): Promise<void>; unplug(): Promise<void> };
  logger: Logger;
  state: () => SimulatorState;
}): Pick<SimulatorControlHandler, 'injectFault' | 'clearFault' | 'clearAllFaults'> {
  const { parse, model, device, logger, state } = options;
  return {
    async injectFault(name) {
      const fault = parse(name);
      model.injectFault(fault);
      if (fault === 'unplug') await device.unplug();
      logger.info('fault injected', { fault });
      return state();
    },
    async clearFault(name) {
      const fault = parse(name);
      model.clearFault(fault);
      if (fault === 'unplug') await device.plugIn();
      logger.info('fault cleared', { fault });
      return state();
    },
    async clearAllFaults() {
      model.clearAllFaults();
      await device.plugIn();
      return state();
    },
  };
}
