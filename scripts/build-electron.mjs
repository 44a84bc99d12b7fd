#!/usr/bin/env node
/**
 * Bundles the Electron shell:
 *   main/electron/main.ts    -> dist/electron/main.mjs   (ESM, Node: the main process)
 *   main/electron/preload.ts -> dist/electron/preload.cjs (CommonJS: a sandboxed preload may
 *                                                          require only 'electron')
 * Usage: node scripts/build-electron.mjs [--outdir <dir>]
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Left out of the main bundle: Electron itself, and native addons, whose `.node` binaries are
 * loaded from node_modules (unpacked from the asar by electron-builder).
 */
export const MAIN_EXTERNALS = [
  'electron',
  'better-sqlite3',
  'serialport',
  '@serialport/*',
  '@napi-rs/canvas',
  'node-hid',
];

// Bundled CommonJS dependencies call `require` for Node built-ins; an ESM bundle has none of its own.
const REQUIRE_SHIM =
  "import { createRequire as __ventanillaCreateRequire } from 'node:module';\n" +
  'const require = __ventanillaCreateRequire(import.meta.url);';

/** Builds both bundles into `outdir` (default dist/electron). Resolves to the written file paths. */
export async function buildElectron({ outdir = join(root, 'dist/electron') } = {}) {
  const main = join(outdir, 'main.mjs');
  const preload = join(outdir, 'preload.cjs');
  const common = {
    absWorkingDir: root,
    bundle: true,
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'none',
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, 'main/electron/main.ts')],
      outfile: main,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: MAIN_EXTERNALS,
      banner: { js: REQUIRE_SHIM },
    }),
    build({
      ...common,
      entryPoints: [join(root, 'main/electron/preload.ts')],
      outfile: preload,
      // 'browser': a preload that reached for a Node built-in fails here, not in the kiosk.
      platform: 'browser',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
    }),
  ]);
  return { main, preload };
}

function outdirArgument(argv) {
  const index = argv.indexOf('--outdir');
  if (index === -1) return undefined;
  const value = argv[index + 1];
  if (!value) throw new Error('--outdir needs a directory');
  return resolve(value);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  try {
    const { main, preload } = await buildElectron({ outdir: outdirArgument(process.argv.slice(2)) });
    console.log(`built ${main} and ${preload} in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    console.error(`build-electron: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
