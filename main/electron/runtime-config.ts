import { loadRuntimeConfig, type RuntimeConfig } from '../runtime/index.ts';

/** Reads and validates the kiosk config file named by `VENTANILLA_KIOSK_CONFIG`. */
export function readRuntimeConfigFile(path: string | undefined): RuntimeConfig {
  if (!path) throw new Error('VENTANILLA_KIOSK_CONFIG is not set: it must name the kiosk config JSON file');
  return loadRuntimeConfig(path);
}
