import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

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
 * timestamps an edit just after the build may share them. Anything unreadable is stale.
 */
export function isBundleFresh(bundle: string, metafile: string, rootDir: string): boolean {
  const bundleTime = mtimeNs(bundle);
  if (bundleTime === null) return false;
  let inputs: string[];
  try {
    const meta = JSON.parse(readFileSync(metafile, 'utf8')) as { inputs?: Record<string, unknown> };
    inputs = Object.keys(meta.inputs ?? {});
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
