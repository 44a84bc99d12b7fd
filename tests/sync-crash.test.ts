import { describe, expect, it } from 'vitest';
import { runKillCampaign } from './support/sync-kill-campaign.ts';

/**
 * The kiosk process is SIGKILLed at random points of a scripted load of journaled operations
 * (tests/support/sync-load-process.ts, a real child process), restarted after each kill, and at the
 * end left to drain into the real backend (in this process: it is the kiosk that gets killed).
 */
describe('sync across kiosk crashes', () => {
  it('keeps every committed record, a verifying journal, and exactly once at the backend, over 50 kills', async () => {
    const result = await runKillCampaign({ kills: 50, recordsPerRun: 400, finalRecords: 50 });
    console.log(
      `sync-crash: ${result.kills} kills (${result.killsDuringLoad} during the load), ` +
        `${result.outboxRecords} records, ${Math.round(result.durationMs)} ms`,
    );
    expect(result.lost).toEqual([]);
    expect(result.chainFailures).toEqual([]);
    expect(result.drainedPending).toBe(0);
    expect(result.backendProblems).toEqual([]);
    expect(result.duplicated).toBe(0);
    expect(result.backendRecords).toBe(result.outboxRecords);
    expect(result.committedPrinted).toBeGreaterThan(0);
    // Most kills must land inside the load, not only in start-up.
    expect(result.killsDuringLoad).toBeGreaterThanOrEqual(25);
  }, 120_000);
});
