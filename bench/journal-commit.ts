import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SessionEnded } from '../contracts/index.ts';
import { openJournalStore } from '../main/runtime/journal/journal-store.ts';
import { KIOSK_MIGRATIONS } from '../main/runtime/store/migrations.ts';
import { openDatabase } from '../platform/sqlite.ts';
import { percentile } from './lib/stats.ts';
import { latencyLine, machineSummary } from './sync-machine.ts';

/**
 * Durable commit latency: `store.record({ durability: 'moneyOrCard', sync: true })` — a journal
 * entry (hash-chained) and its outbox row in one transaction at synchronous=FULL — against a bare
 * better-sqlite3 single-row INSERT at synchronous=FULL on the same disk, same journal mode (WAL),
 * same payload. The two alternate in rounds so that disk noise falls on both alike.
 *
 * `node --import tsx bench/journal-commit.ts [--commits 2000]`
 */
const COMMITS = Number(process.argv[process.argv.indexOf('--commits') + 1]) || 2000;
const ROUNDS = 10;
const WARM_UP = 100;

const dir = mkdtempSync(join(tmpdir(), 'ventanilla-bench-journal-'));
try {
  const store = openJournalStore(openDatabase(join(dir, 'kiosk.sqlite'), KIOSK_MIGRATIONS));
  const bare = new Database(join(dir, 'bare.sqlite'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  bare.exec('CREATE TABLE records (id INTEGER PRIMARY KEY, data_json TEXT NOT NULL)');
  const insert = bare.prepare('INSERT INTO records (data_json) VALUES (?)');

  const session = (): SessionEnded => {
    const at = new Date().toISOString();
    return {
      sessionId: randomUUID(),
      startedAt: at,
      endedAt: at,
      language: 'es',
      outcome: 'finished',
      receipt: 'printed',
    };
  };
  const journalCommit = () => {
    const data = session();
    const started = performance.now();
    store.record({ type: 'session.ended', data, durability: 'moneyOrCard', sync: true });
    return performance.now() - started;
  };
  const bareCommit = () => {
    const json = JSON.stringify(session());
    const started = performance.now();
    insert.run(json);
    return performance.now() - started;
  };
  const normalCommit = () => {
    const data = session();
    const started = performance.now();
    store.record({ type: 'session.ended', data, durability: 'normal', sync: true });
    return performance.now() - started;
  };

  for (let i = 0; i < WARM_UP; i++) {
    journalCommit();
    bareCommit();
  }
  const journal: number[] = [];
  const baseline: number[] = [];
  const normal: number[] = [];
  const perRound = Math.ceil(COMMITS / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < perRound; i++) journal.push(journalCommit());
    for (let i = 0; i < perRound; i++) baseline.push(bareCommit());
    for (let i = 0; i < perRound / 4; i++) normal.push(normalCommit());
  }
  const verification = store.verify();
  store.close();
  bare.close();

  const p99 = percentile(journal, 99);
  const ratio = (p: number) => (percentile(journal, p) / percentile(baseline, p)).toFixed(2);
  console.log('== Durable commit (journal + outbox, moneyOrCard = synchronous FULL)');
  console.log(`   machine:  ${machineSummary()}`);
  console.log(`   measured: ${latencyLine(journal)} over ${journal.length} commits`);
  console.log(`   target:   p99 ≤ 10 ms (${p99 <= 10 ? 'met' : 'MISSED'})`);
  console.log(
    `   baseline: bare better-sqlite3 INSERT, WAL, synchronous=FULL: ${latencyLine(baseline)} over ${baseline.length}`,
  );
  console.log(
    `   ratio:    ${ratio(50)}× at p50, ${ratio(99)}× at p99 (same run, alternating rounds of ${perRound})`,
  );
  console.log(
    `   also:     normal durability (synchronous NORMAL) journal + outbox: ${latencyLine(normal)} over ${normal.length}`,
  );
  console.log(`   journal verifies after the run: ${verification.ok} (${verification.entries} entries)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
