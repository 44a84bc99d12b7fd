import { describe, expect, it } from 'vitest';
import { kioskWindowOptions } from './window-options.ts';

describe('kioskWindowOptions', () => {
  const options = kioskWindowOptions({
    preloadPath: '/opt/ventanilla/dist/electron/preload.cjs',
    production: true,
  });

  it('is a frameless full-screen kiosk window', () => {
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('runs the renderer sandboxed, isolated and without Node', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/opt/ventanilla/dist/electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    });
  });

  it('has DevTools only outside a production build', () => {
    expect(options.webPreferences?.devTools).toBe(false);
    const development = kioskWindowOptions({ preloadPath: '/tmp/preload.cjs', production: false });
    expect(development.webPreferences?.devTools).toBe(true);
  });
});
