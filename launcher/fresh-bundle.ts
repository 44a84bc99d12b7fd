import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** mtime in ns, or null when the file is missing. */
function mtimeNs(file: string): bigint | null {
  try {
    return statSync(file, { bigint: true }).mtimeNs;
  } catch {
    return null;
  }
}

/**
 * Whether `bundle` was built from the sources as they are now: it exists, its esbuild metafile
 * exists and lists inputs, and every input (relative to `rootDir`) exists and is older than the
 * bundle. An input with the bundle's own mtime counts as newer: on a file system with coarse
 * timestamps an edit just after the build may share them. With `entryPoint` (relative to
 * `rootDir`), the metafile must also name it as the entry point of one of its outputs, so a bundle
 * is never taken for another program's. Anything unreadable is stale.
 */
export function isBundleFresh(
  bundle: string,
  metafile: string,
  rootDir: string,
  entryPoint?: string,
): boolean {
  const bundleTime = mtimeNs(bundle);
  if (bundleTime === null) return false;
  let inputs: string[];
  try {
    const meta = JSON.parse(readFileSync(metafile, 'utf8')) as {
      inputs?: Record<string, unknown>;
      outputs?: Record<string, { entryPoint?: string }>;
    };
    inputs = Object.keys(meta.inputs ?? {});
    if (entryPoint !== undefined) {
      const entries = Object.values(meta.outputs ?? {}).map((output) => output.entryPoint);
      if (!entries.includes(entryPoint)) return false;
    }
  } catch {
    return false;
  }
  if (inputs.length === 0) return false;
  for (const input of inputs) {
    const time = mtimeNs(resolve(rootDir, input));
    if (time === null || time >= bundleTime) return false;
  }
  return true;
}

/** Where scripts/build-processes.mjs writes `<name>.mjs` and `<name>.meta.json` for each process. */
export const BUNDLE_DIR = 'dist/processes';

/**
 * The command that starts the Node program `entry` (relative to `rootDir`) known to the launcher
 * as `name`: its bundle `dist/processes/<name>.mjs` with plain Node while that bundle is fresh for
 * that entry point, else the TypeScript source through tsx. Checked at every start, a restart
 * included, so sources edited since the build always run from source. `nodeFlags` go first either way.
 */
export function nodeCommand(
  rootDir: string,
  name: string,
  entry: string,
  args: readonly string[],
  nodeFlags: readonly string[] = [],
): { command: string; args: string[]; bundled: boolean } {
  const bundle = join(rootDir, BUNDLE_DIR, `${name}.mjs`);
  if (isBundleFresh(bundle, join(rootDir, BUNDLE_DIR, `${name}.meta.json`), rootDir, entry)) {
    // Source maps on, as tsx has them: stack traces in the logs name the TypeScript sources.
    return {
      command: process.execPath,
      args: [...nodeFlags, '--enable-source-maps', bundle, ...args],
      bundled: true,
    };
  }
  return {
    command: process.execPath,
    args: [...nodeFlags, '--import', 'tsx', join(rootDir, entry), ...args],
    bundled: false,
  };
}

/**
 * The file to run for `entry`: its bundle while fresh, else the TypeScript source. For processes
 * another process starts (the kiosk starts its OCR worker), which runs a `.ts` entry through tsx.
 */
export function bundleOrSource(rootDir: string, name: string, entry: string): string {
  const bundle = join(rootDir, BUNDLE_DIR, `${name}.mjs`);
  const fresh = isBundleFresh(bundle, join(rootDir, BUNDLE_DIR, `${name}.meta.json`), rootDir, entry);
  return fresh ? bundle : join(rootDir, entry);
}
