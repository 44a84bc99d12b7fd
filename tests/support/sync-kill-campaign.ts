import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openJournalStore } from '../../main/runtime/journal/journal-store.ts';
import { KIOSK_MIGRATIONS } from '../../main/runtime/store/migrations.ts';
import { openDatabase } from '../../platform/sqlite.ts';
import { startLoadRun } from './sync-load-runner.ts';
import {
  exactlyOnceProblems,
  makeSyncKiosks,
  readKioskOutbox,
  SyncTestBackend,
} from './sync-real-backend.ts';

export interface KillCampaignOptions {
  kills: number;
  /** Records each killed run is asked for; it is killed long before it gets through them. */
  recordsPerRun?: number;
  /** Records of the last run, which is left to finish and drain. */
  finalRecords?: number;
  /** A run is killed this long after it is ready, at most (uniformly random). */
  maxKillAfterReadyMs?: number;
  /** Share of runs killed at a random time from spawn instead, start-up and migrations included. */
  killDuringStartShare?: number;
  /** Called after each kill, with the number of kills so far. */
  onKill?: (kills: number) => void;
}

export interface KillCampaignResult {
  kills: number;
  /** Kills that landed after READY, i.e. during the load. */
  killsDuringLoad: number;
  /** Seqs printed as committed by the killed runs and the last one. */
  committedPrinted: number;
  /** Records in the kiosk's outbox at the end. */
  outboxRecords: number;
  /** Printed as committed but missing from the kiosk's database after a restart. */
  lost: number[];
  /** Journal verification failures seen after a restart (kill number: reason). */
  chainFailures: string[];
  /** Backend problems: gaps, repeats, records the kiosk never committed, missing records. */
  backendProblems: string[];
  /** Backend rows for this kiosk, and how many seqs it holds more than once (its key forbids it). */
  backendRecords: number;
  duplicated: number;
  drainedPending: number | null;
  finalExit: number | null;
  durationMs: number;
}

/**
 * SIGKILLs a kiosk under a scripted load again and again, restarting it after each kill, then lets
 * a last run drain, and compares the kiosk's database and the real backend's.
 */
export async function runKillCampaign(options: KillCampaignOptions): Promise<KillCampaignResult> {
  const started = performance.now();
  const [kiosk] = makeSyncKiosks(1, 'kiosk-crash');
  if (!kiosk) throw new Error('no kiosk');
  const backend = new SyncTestBackend([kiosk]);
  const dir = mkdtempSync(join(tmpdir(), 'ventanilla-sync-kill-'));
  const dbPath = join(dir, 'kiosk.sqlite');
  const privateKeyFile = join(dir, 'kiosk.key');
  writeFileSync(privateKeyFile, kiosk.privateKey, { mode: 0o600 });
  const committed = new Set<number>();
  const lost = new Set<number>();
  const chainFailures: string[] = [];
  let killsDuringLoad = 0;
  const common = { dbPath, backendUrl: '', kioskId: kiosk.kioskId, privateKeyFile };

  const checkAfterRestart = (label: string) => {
    const db = openDatabase(dbPath, KIOSK_MIGRATIONS);
    const store = openJournalStore(db);
    try {
      const verification = store.verify();
      if (!verification.ok)
        chainFailures.push(`${label}: ${verification.reason} at ${verification.brokenAt}`);
    } finally {
      store.close();
    }
    const outbox = readKioskOutbox(dbPath);
    for (const seq of committed) if (!outbox.has(seq)) lost.add(seq);
  };

  try {
    await backend.start();
    common.backendUrl = backend.url;
    for (let kill = 1; kill <= options.kills; kill++) {
      const run = startLoadRun({ ...common, records: options.recordsPerRun ?? 400 });
      if (Math.random() < (options.killDuringStartShare ?? 0.2)) {
        await sleep(Math.random() * 600);
      } else {
        await run.ready;
        await sleep(Math.random() * (options.maxKillAfterReadyMs ?? 150));
      }
      if (run.committed.length > 0 || run.drainedPending() !== null) killsDuringLoad += 1;
      run.child.kill('SIGKILL');
      const exit = await run.exited;
      if (exit.signal !== 'SIGKILL') {
        throw new Error(`run ${kill} ended by itself (code ${exit.code}) before the kill:\n${run.stderr()}`);
      }
      for (const seq of run.committed) committed.add(seq);
      // The next start of the kiosk is the restart; what it must find is checked first.
      checkAfterRestart(`after kill ${kill}`);
      options.onKill?.(kill);
    }

    const last = startLoadRun({ ...common, records: options.finalRecords ?? 50, drain: true });
    const exit = await last.exited;
    for (const seq of last.committed) committed.add(seq);
    if (exit.code !== 0) throw new Error(`the last run failed (code ${exit.code}):\n${last.stderr()}`);
    checkAfterRestart('after the last run');

    const outbox = readKioskOutbox(dbPath);
    const rows = backend.rows(kiosk.kioskId);
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.seq, (counts.get(row.seq) ?? 0) + 1);
    return {
      kills: options.kills,
      killsDuringLoad,
      committedPrinted: committed.size,
      outboxRecords: outbox.size,
      lost: [...lost].sort((a, b) => a - b),
      chainFailures,
      backendProblems: exactlyOnceProblems(rows, outbox),
      backendRecords: rows.length,
      duplicated: [...counts.values()].filter((count) => count > 1).length,
      drainedPending: last.drainedPending(),
      finalExit: exit.code,
      durationMs: performance.now() - started,
    };
  } finally {
    await backend.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
