import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchSet } from './bench-set.ts';

/**
 * Writes one image of the benchmark's set to a file, to look at a failure the benchmark names:
 *   node --import tsx bench/mrz/render-one.ts person-1-112:blur [--out file] [--clean 100 --degraded 200 --seed 1]
 * It walks the set with the benchmark's counts and seed (the same ids, the same bytes) until the id.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    clean: { type: 'string', default: '100' },
    degraded: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
  },
});
const id = positionals[0];
if (!id) throw new Error('usage: render-one.ts <image id> [--out file]');
const set = benchSet({
  clean: Number(values.clean),
  degraded: Number(values.degraded),
  seed: Number(values.seed),
});
for (const image of set) {
  if (image.id !== id) continue;
  const out = values.out ?? `${id.replace(/[:+]/g, '_')}.${image.mime === 'image/png' ? 'png' : 'jpg'}`;
  writeFileSync(out, image.bytes);
  console.log(
    `${out}: ${image.format ?? 'page'}, ${image.condition}, expected ${image.lines ? image.lines.join(' / ') : 'reject'}`,
  );
  process.exit(0);
}
console.error(`no image ${id} in that set`);
process.exit(1);
