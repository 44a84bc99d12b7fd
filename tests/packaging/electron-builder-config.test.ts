import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'app-builder-lib';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Lives in tests/ rather than beside main/electron: it reads packaging tooling (yaml,
// electron-builder's own validator), which the main/electron layer may not import.
const root = fileURLToPath(new URL('../..', import.meta.url));
const config = parse(readFileSync(`${root}electron-builder.yml`, 'utf8')) as Configuration;

describe('electron-builder.yml', () => {
  it('passes electron-builder 26 configuration validation (schema and key names)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('identifies the app and starts the bundled main process', () => {
    expect(config.appId).toBe('org.ventanilla.kiosk');
    expect(config.productName).toBe('Ventanilla');
    expect(config.extraMetadata).toEqual({ main: 'dist/electron/main.mjs' });
    expect(config.files).toEqual(
      expect.arrayContaining(['dist/electron/**/*', 'dist/renderer/**/*', 'package.json']),
    );
  });

  it('packs into an asar with native addons unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('builds an AppImage and a deb in the Finance category', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Finance');
  });

  it('flips the Electron fuses that lock the binary to this app', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
