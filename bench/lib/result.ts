import { pathToFileURL } from 'node:url';
import type { Machine } from './machine.ts';

export type BenchId = 'startup' | 'ui-latency' | 'memory';

/** What one benchmark hands to the summary and to docs/benchmarks.md. */
export interface BenchResult {
  id: BenchId;
  /** What was measured, as the target states it. */
  title: string;
  target: string;
  targetMet: boolean;
  /** "median / p95 / max", with "–" where a figure does not apply. */
  measured: string;
  baseline: string;
  /** The measured median over the baseline median. */
  ratio: string;
  /** Phases, secondary figures and anything odd, one line each. */
  details: string[];
  machine: Machine;
  /** ISO date-time of the run. */
  date: string;
  /** Short hash of the commit measured; filled in when the report is written. */
  commit?: string;
}

/** True when the module is the script node was started with (a benchmark run on its own). */
export function isMain(importMetaUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(script).href === importMetaUrl;
}

/** Prints a result in the same shape for every benchmark. */
export function printResult(result: BenchResult): void {
  console.log(`\n== ${result.title}`);
  console.log(`   target:   ${result.target} (${result.targetMet ? 'met' : 'MISSED'})`);
  console.log(`   measured: ${result.measured}`);
  console.log(`   baseline: ${result.baseline}`);
  console.log(`   ratio:    ${result.ratio}`);
  for (const line of result.details) console.log(`   - ${line}`);
}
