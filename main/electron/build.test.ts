import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the real build script (as `npm run build:electron` does) into a temporary folder.
const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'ventanilla-electron-build-'));

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build-electron.mjs'), '--outdir', outdir], {
    cwd: root,
    stdio: 'pipe',
    timeout: 60_000,
  });
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Every `require(...)` of a bundle; a non-literal argument shows up as `<dynamic>`. */
function requiredModules(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*([^)]*?)\s*\)/g)].map((match) => {
    const literal = /^(["'`])([^"'`]*)\1$/.exec(match[1]!);
    return literal ? literal[2]! : '<dynamic>';
  });
}

const NATIVE_EXTERNALS = ['better-sqlite3', 'serialport', '@napi-rs/canvas', 'node-hid'];

describe('scripts/build-electron.mjs', () => {
  it('bundles a preload that requires nothing but electron', () => {
    const preload = readFileSync(join(outdir, 'preload.cjs'), 'utf8');
    expect(new Set(requiredModules(preload))).toEqual(new Set(['electron']));
    // One exposed object, and it is the bridge, not ipcRenderer.
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\("kiosk", createIpcKioskBridge\(/);
    // A sandboxed preload should stay small: no schema library or Node code in it.
    expect(preload.length).toBeLessThan(16 * 1024);
  });

  it('bundles the main process as ESM that imports only Node, electron and native addons', () => {
    const mainFile = join(outdir, 'main.mjs');
    expect(existsSync(mainFile)).toBe(true);
    const main = readFileSync(mainFile, 'utf8');
    const imported = [...main.matchAll(/^import\s[^;]*?from\s*"([^"]+)"/gm)].map((match) => match[1]!);
    expect(imported).toContain('electron');
    // Parses as a module (the require shim and the bundled code do not collide).
    execFileSync(process.execPath, ['--check', mainFile], { stdio: 'pipe' });
    for (const specifier of imported) {
      const allowed =
        specifier.startsWith('node:') ||
        specifier === 'electron' ||
        specifier.startsWith('@serialport/') ||
        NATIVE_EXTERNALS.includes(specifier);
      expect(allowed, specifier).toBe(true);
    }
  });
});
