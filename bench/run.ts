import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeReport } from './report.ts';
import { rootDir } from './lib/branch-fixture.ts';
import { machineLine } from './lib/machine.ts';
import { type BenchId, type BenchResult, printResult } from './lib/result.ts';
import { benchRuntimeMemory } from './runtime-memory.ts';
import { benchStartup } from './startup.ts';
import { benchUiLatency } from './ui-latency.ts';

/**
 * `npm run bench`: the three benchmarks one after another (never in parallel: on two cores they
 * would measure each other), a summary, and docs/benchmarks.md rewritten with the figures.
 */
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string', default: '5' },
  },
});
const benchmarks: Record<BenchId, () => Promise<BenchResult>> = {
  startup: () => benchStartup({ runs: Number(values.runs) }),
  'ui-latency': () => benchUiLatency(),
  memory: () => benchRuntimeMemory(),
};
if (values.only !== undefined && !(values.only in benchmarks)) {
  console.error(`--only takes one of: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
const selected = (values.only ? [values.only] : Object.keys(benchmarks)) as BenchId[];

const started = performance.now();
const results: BenchResult[] = [];
for (const id of selected) results.push(await benchmarks[id]());

console.log(`\n==== Summary (${((performance.now() - started) / 1000).toFixed(0)} s)`);
for (const result of results) printResult(result);
for (const result of results) console.log(`machine (${result.id}): ${machineLine(result.machine)}`);
const docs = join(rootDir, 'docs', 'benchmarks.md');
writeReport(docs, rootDir, results);
console.log(`written: ${docs}`);
