import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { documentById } from '../../simulators/documents/catalogue.ts';
import { FIXTURE_DIR, FIXTURE_IDS, type FixtureTruth, fixtureFileName } from './fixture-set.ts';

/**
 * Regenerates tests/fixtures/documents/ (images and truth.json) from the specimen catalogue:
 * `node --import tsx bench/mrz/make-fixtures.ts`. Run it after changing the renderer or the
 * specimens, and commit the result.
 */
const dir = fileURLToPath(FIXTURE_DIR);
mkdirSync(dir, { recursive: true });
for (const name of readdirSync(dir)) {
  if (/\.(png|jpg)$/.test(name)) rmSync(`${dir}/${name}`);
}
const truth: FixtureTruth[] = [];
let total = 0;
for (const id of FIXTURE_IDS) {
  const entry = documentById(id);
  if (!entry) throw new Error(`fixture id not in the catalogue: ${id}`);
  const image = entry.render();
  const file = fixtureFileName(id, image.mime);
  writeFileSync(`${dir}/${file}`, image.bytes);
  total += image.bytes.length;
  truth.push({
    id,
    file,
    mime: image.mime,
    width: image.width,
    height: image.height,
    format: entry.info.format,
    expected: entry.info.expected,
  });
}
writeFileSync(`${dir}/truth.json`, `${JSON.stringify(truth, null, 2)}\n`);
console.log(`${truth.length} fixtures, ${(total / 1e6).toFixed(2)} MB, in ${dir}`);
