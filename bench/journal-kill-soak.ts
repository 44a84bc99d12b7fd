import { parseArgs } from 'node:util';
import { runKillCampaign } from '../tests/support/sync-kill-campaign.ts';
import { machineSummary } from './sync-machine.ts';

/**
 * The soak variant of tests/sync-crash.test.ts: 1,000 SIGKILLs of a kiosk process under a scripted
 * load of journaled operations, a restart after each, then a drain into the real backend. Prints
 * how many committed records were lost and how many reached the backend more than once (both must
 * be 0), and whether the journal verified after every restart.
 *
 * `node --import tsx bench/journal-kill-soak.ts [--kills 1000]` (about 20 minutes on 2 cores)
 */
const { values } = parseArgs({ options: { kills: { type: 'string', default: '1000' } } });
const kills = Number(values.kills);
console.log(`machine: ${machineSummary()}`);
console.log(
  `soak: ${kills} kills, each run killed at a random point (20% from spawn, else 0–150 ms into the load)`,
);
const started = performance.now();
const result = await runKillCampaign({
  kills,
  onKill: (done) => {
    if (done % 50 === 0)
      console.log(`  ${done} kills, ${Math.round((performance.now() - started) / 1000)} s`);
  },
});
console.log(`\n== Kill soak: ${result.kills} SIGKILLs (${result.killsDuringLoad} during the load)`);
console.log(
  `   records committed (printed): ${result.committedPrinted}; in the kiosk outbox: ${result.outboxRecords}`,
);
console.log(`   lost (printed as committed, missing after restart): ${result.lost.length}`);
console.log(`   duplicated at the backend: ${result.duplicated}; backend records ${result.backendRecords}`);
console.log(`   journal verification failures after a restart: ${result.chainFailures.length}`);
console.log(`   backend problems (gaps, foreign or missing records): ${result.backendProblems.length}`);
for (const problem of [...result.chainFailures, ...result.backendProblems].slice(0, 10))
  console.log(`     ${problem}`);
console.log(
  `   last run drained: pending ${result.drainedPending}; duration ${Math.round(result.durationMs / 1000)} s`,
);
const clean =
  result.lost.length === 0 &&
  result.duplicated === 0 &&
  result.chainFailures.length === 0 &&
  result.backendProblems.length === 0 &&
  result.drainedPending === 0;
console.log(`   verdict: ${clean ? 'clean' : 'PROBLEMS FOUND'}`);
process.exitCode = clean ? 0 : 1;
