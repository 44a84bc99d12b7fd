#!/usr/bin/env node
/**
 * Bundles every Node process the branch starts, so that each starts without transforming its
 * TypeScript module graph at run time. One esbuild call builds them all:
 *   <entry>.ts -> dist/processes/<name>.mjs (ESM, Node) + <name>.mjs.map, and
 *                 dist/processes/<name>.meta.json (the part of esbuild's metafile for that bundle:
 *                 its entry point and the source files it was built from)
 * Every npm package stays external and is loaded by Node from node_modules as usual. The names are
 * the launcher's names for the processes (launcher/branch.ts).
 *
 * The launcher runs a bundle only while every input in its metafile exists and is older than the
 * bundle (launcher/fresh-bundle.ts). Each bundle's mtime is set back to a file-system timestamp
 * taken before esbuild read any source, so a source saved during the build also counts as newer.
 *
 * Usage: node scripts/build-processes.mjs [--if-stale]
 *   --if-stale: build only when a bundle or its metafile is missing, or a listed input (or this
 *               script) is missing or not older than its bundle.
 */
import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist/processes');

/** Process name -> entry point (relative to the repository root). */
export const PROCESSES = {
  kiosk: 'main/host/main.ts',
  backend: 'backend/main.ts',
  'receipt-printer-simulator': 'simulators/receipt-printer/main.ts',
  'card-printer-simulator': 'simulators/card-printer/main.ts',
  'id-scanner-simulator': 'simulators/id-scanner/main.ts',
  'bill-validator-simulator': 'simulators/cctalk/bill-validator-main.ts',
  'coin-acceptor-simulator': 'simulators/cctalk/coin-acceptor-main.ts',
  'coin-hopper-simulator': 'simulators/cctalk/hopper-main.ts',
  'hid-scanner-simulator': 'simulators/hid-scanner/main.ts',
  ocr: 'main/ocr/ocr-process.ts',
};

export const bundlePath = (name) => join(outdir, `${name}.mjs`);
export const metafilePath = (name) => join(outdir, `${name}.meta.json`);

/** mtime in ns, or null when the file is missing. */
function mtimeNs(file) {
  try {
    return statSync(file, { bigint: true }).mtimeNs;
  } catch {
    return null;
  }
}

/** Why one bundle needs a rebuild, or null when it is up to date. */
function bundleStaleReason(name) {
  const bundle = bundlePath(name);
  const bundleTime = mtimeNs(bundle);
  if (bundleTime === null) return `no bundle for ${name}`;
  let meta;
  try {
    meta = JSON.parse(readFileSync(metafilePath(name), 'utf8'));
  } catch {
    return `no readable metafile for ${name}`;
  }
  const inputs = Object.keys(meta.inputs ?? {});
  if (inputs.length === 0) return `the metafile of ${name} lists no inputs`;
  const entries = Object.values(meta.outputs ?? {}).map((output) => output.entryPoint);
  if (!entries.includes(PROCESSES[name])) return `${name} was built from another entry point`;
  const scriptPath = fileURLToPath(import.meta.url);
  for (const file of [...inputs.map((input) => resolve(root, input)), scriptPath]) {
    const time = mtimeNs(file);
    if (time === null) return `${file} is missing`;
    if (time >= bundleTime) return `${file} changed`;
  }
  return null;
}

/** Why the bundles need a rebuild, or null when every one is up to date. */
export function staleReason() {
  for (const name of Object.keys(PROCESSES)) {
    const reason = bundleStaleReason(name);
    if (reason !== null) return reason;
  }
  return null;
}

/** The inputs reachable from `entry` through the build's import graph (esbuild's metafile). */
function inputsOf(metafile, entry) {
  const seen = new Set();
  const pending = [entry];
  while (pending.length > 0) {
    const path = pending.pop();
    if (seen.has(path)) continue;
    const input = metafile.inputs[path];
    if (input === undefined) throw new Error(`${path} is not among the build's inputs`);
    seen.add(path);
    for (const imported of input.imports ?? []) if (!imported.external) pending.push(imported.path);
  }
  return Object.fromEntries([...seen].sort().map((path) => [path, metafile.inputs[path]]));
}

/** Builds every bundle and its metafile. Resolves to the number of distinct inputs. */
export async function buildProcesses() {
  mkdirSync(outdir, { recursive: true });
  // A half-written build must not pass for a fresh one: the metafiles go first, then come back last.
  for (const name of Object.keys(PROCESSES)) rmSync(metafilePath(name), { force: true });
  // The reference time comes from the file system's own clock (file times are coarser than Date.now()).
  const stamp = join(outdir, '.build-started');
  writeFileSync(stamp, '');
  const startedAt = statSync(stamp).mtime;
  rmSync(stamp, { force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.entries(PROCESSES).map(([name, entry]) => ({ in: join(root, entry), out: name })),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // One self-contained file per process: each loads only its own module graph.
    splitting: false,
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
  for (const [name, entry] of Object.entries(PROCESSES)) {
    const output = relative(root, bundlePath(name)).replaceAll('\\', '/');
    const built = result.metafile.outputs[output];
    if (built?.entryPoint !== entry) throw new Error(`esbuild wrote no ${output} for ${entry}`);
    utimesSync(bundlePath(name), bundleTime, bundleTime);
    const meta = { inputs: inputsOf(result.metafile, entry), outputs: { [output]: built } };
    writeFileSync(metafilePath(name), JSON.stringify(meta));
  }
  return Object.keys(result.metafile.inputs).length;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  try {
    const reason = process.argv.includes('--if-stale') ? staleReason() : 'asked to build';
    if (reason === null) {
      console.log('processes: dist/processes is up to date, build skipped');
    } else {
      const inputs = await buildProcesses();
      console.log(
        `processes: built ${Object.keys(PROCESSES).length} bundles in ${outdir} from ${inputs} files (${reason}) in ${Math.round(performance.now() - started)} ms`,
      );
    }
  } catch (error) {
    console.error(`build-processes: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
