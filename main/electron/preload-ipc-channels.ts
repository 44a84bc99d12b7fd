import type { IPC_CHANNELS } from '../../contracts/bridge.ts';

/**
 * The contract's IPC channel names, for the preload. contracts/bridge.ts also defines the zod
 * schemas, and importing a value from it would bundle all of zod (~750 kB) into the preload. The
 * type pins each name to the contract's literal, so a renamed channel fails to compile here.
 */
export const PRELOAD_IPC_CHANNELS: typeof IPC_CHANNELS = {
  call: 'kiosk:call',
  view: 'kiosk:view',
  signal: 'kiosk:signal',
};
