import type { KioskRuntime, RuntimeConfig } from './types.ts';

export function createKioskRuntime(_config: RuntimeConfig): KioskRuntime {
  throw new Error('kiosk runtime: not assembled yet');
}
