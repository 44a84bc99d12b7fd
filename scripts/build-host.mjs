#!/usr/bin/env node
/**
 * Bundles the kiosk's browser host, so that it starts without transforming its TypeScript module
 * graph at run time:
 *   main/host/main.ts -> dist/host/main.mjs (ESM, Node) + main.mjs.map, and dist/host/meta.json
 *                        (esbuild's metafile: the source files the bundle was built from)
 * Every npm package stays external and is loaded by Node from node_modules as usual.
 *
 * The launcher runs the bundle only while every input in meta.json exists and is older than the
 * bundle (launcher/fresh-bundle.ts). The bundle's mtime is set back to a file-system timestamp
 * taken before esbuild read any source, so a source saved during the build also counts as newer.
 *
 * Usage: node scripts/build-host.mjs [--if-stale]
 *   --if-stale: build only when the bundle or its metafile is missing, or a listed input (or this
 *               script) is missing or not older than the bundle.
 */
import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist/host');
export const HOST_BUNDLE = join(outdir, 'main.mjs');
export const HOST_METAFILE = join(outdir, 'meta.json');
const ENTRY = 'main/host/main.ts';

/** mtime in ns, or null when the file is missing. */
function mtimeNs(file) {
  try {
    return statSync(file, { bigint: true }).mtimeNs;
  } catch {
    return null;
  }
}

/** Why the bundle needs a rebuild, or null when it is up to date. */
export function staleReason() {
  const bundleTime = mtimeNs(HOST_BUNDLE);
  if (bundleTime === null) return 'no bundle';
  let inputs;
  try {
    inputs = Object.keys(JSON.parse(readFileSync(HOST_METAFILE, 'utf8')).inputs ?? {});
  } catch {
    return 'no readable metafile';
  }
  if (inputs.length === 0) return 'the metafile lists no inputs';
  const scriptPath = fileURLToPath(import.meta.url);
  for (const file of [...inputs.map((input) => resolve(root, input)), scriptPath]) {
    const time = mtimeNs(file);
    if (time === null) return `${file} is missing`;
    if (time >= bundleTime) return `${file} changed`;
  }
  return null;
}

/** Builds the bundle and its metafile. Resolves to the number of inputs. */
export async function buildHost() {
  mkdirSync(outdir, { recursive: true });
  // A half-written build must not pass for a fresh one: the metafile goes first, then comes back last.
  rmSync(HOST_METAFILE, { force: true });
  // The reference time comes from the file system's own clock (file times are coarser than Date.now()).
  const stamp = join(outdir, '.build-started');
  writeFileSync(stamp, '');
  const startedAt = statSync(stamp).mtime;
  rmSync(stamp, { force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, ENTRY)],
    outfile: HOST_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Function and class names as tsx leaves them (logs and errors name them).
    keepNames: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  // 1 ms earlier still: the time is set through a float number of seconds.
  const bundleTime = new Date(startedAt.getTime() - 1);
  utimesSync(HOST_BUNDLE, bundleTime, bundleTime);
  writeFileSync(HOST_METAFILE, JSON.stringify(result.metafile));
  return Object.keys(result.metafile.inputs).length;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  try {
    const reason = process.argv.includes('--if-stale') ? staleReason() : 'asked to build';
    if (reason === null) {
      console.log('host: dist/host is up to date, build skipped');
    } else {
      const inputs = await buildHost();
      console.log(
        `host: built ${HOST_BUNDLE} from ${inputs} files (${reason}) in ${Math.round(performance.now() - started)} ms`,
      );
    }
  } catch (error) {
    console.error(`build-host: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
