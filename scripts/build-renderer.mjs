// Builds the renderer apps (kiosk UI, technician panel, teller console) into dist/renderer with Vite.
// `--if-stale` skips the build when every output file is newer than every file under
// renderer/ and contracts/ (what `npm start` uses so a start does not pay for a rebuild).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist/renderer');
const sourceDirs = [join(root, 'renderer'), join(root, 'contracts')];
const requiredOutputs = ['kiosk/index.html', 'technician/index.html', 'teller/index.html'].map((page) =>
  join(outDir, page),
);

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else yield full;
  }
}

function isStale() {
  if (!requiredOutputs.every((file) => existsSync(file))) return true;
  let oldestOutput = Number.POSITIVE_INFINITY;
  for (const file of filesUnder(outDir)) oldestOutput = Math.min(oldestOutput, statSync(file).mtimeMs);
  for (const dir of sourceDirs) {
    for (const file of filesUnder(dir)) if (statSync(file).mtimeMs > oldestOutput) return true;
  }
  return false;
}

const started = performance.now();
if (process.argv.includes('--if-stale') && !isStale()) {
  console.log('renderer: dist/renderer is up to date, build skipped');
} else {
  await build({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
  console.log(`renderer: built dist/renderer in ${Math.round(performance.now() - started)} ms`);
}
