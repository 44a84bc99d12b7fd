import type { BrowserWindowConstructorOptions } from 'electron';

export interface KioskWindowOptionsInput {
  /** Absolute path of the bundled preload (`dist/electron/preload.cjs`). */
  preloadPath: string;
  /** A packaged build: no DevTools at all. */
  production: boolean;
}

/** Shown behind the UI while it loads, so the screen never flashes white on a dark kiosk. */
export const KIOSK_BACKGROUND_COLOR = '#0b1f33';

/**
 * The one place that holds the kiosk window's settings. The renderer is treated as untrusted web
 * content: sandboxed, isolated from the preload, no Node, and nothing that could load or show
 * anything but the kiosk app.
 */
export function kioskWindowOptions(input: KioskWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    // Shown on 'ready-to-show', after the first paint.
    show: false,
    backgroundColor: KIOSK_BACKGROUND_COLOR,
    webPreferences: {
      preload: input.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: !input.production,
    },
  };
}
