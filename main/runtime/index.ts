export { createKioskRuntime } from './kiosk-runtime.ts';
export type { KioskRuntime, RuntimeConfig, SimulatorEndpoint } from './types.ts';
export { loadRuntimeConfig, parseRuntimeConfig, RuntimeConfigSchema } from './config.ts';
