import { describe, expect, it } from 'vitest';
import { readRuntimeConfigFile } from './runtime-config.ts';

describe('readRuntimeConfigFile', () => {
  it('says what is missing when VENTANILLA_KIOSK_CONFIG is unset', () => {
    expect(() => readRuntimeConfigFile(undefined)).toThrow(/VENTANILLA_KIOSK_CONFIG/);
    expect(() => readRuntimeConfigFile('/nonexistent/kiosk.json')).toThrow(/ENOENT/);
  });
});
