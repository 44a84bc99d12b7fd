import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths are resolved from this file, not the working directory, so the build works from anywhere.
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);

export default defineConfig({
  root: here('.'),
  // Relative asset URLs: the same files are served under /kiosk/ and /technician/ by the browser
  // host and from an app:// protocol under Electron, and under /teller/ by the backend.
  base: './',
  plugins: [react()],
  // Nothing in public/ and no .env files belong to the renderer.
  publicDir: false,
  envDir: false,
  logLevel: 'warn',
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    // The host's CSP forbids inline scripts and data: scripts; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    rolldownOptions: {
      input: {
        kiosk: here('kiosk/index.html'),
        technician: here('technician/index.html'),
        teller: here('teller/index.html'),
      },
    },
  },
});
