import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { SessionEnded } from '../../contracts/index.ts';
import { connectBackend } from '../../main/runtime/backend/backend-link.ts';
import { openJournalStore } from '../../main/runtime/journal/journal-store.ts';
import { KIOSK_MIGRATIONS } from '../../main/runtime/store/migrations.ts';
import { createSyncClient } from '../../main/runtime/sync/sync-client.ts';
import { createLogger } from '../../platform/log.ts';
import { openDatabase } from '../../platform/sqlite.ts';

/**
 * A kiosk under load, run as its own process so a test can SIGKILL it anywhere: it opens the kiosk
 * database and journal, connects to the backend with its signed token, runs the sync client, and
 * journals `--records` session records (every third one money-or-card durable), printing
 * `COMMITTED <outboxSeq>` as soon as each commit has returned. With `--drain` it then waits until
 * the backend has everything and prints `DRAINED <pending>`.
 *
 * stdout is a pipe, which Node writes synchronously on Linux: a printed seq was committed before
 * the line left the process.
 */
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    backend: { type: 'string' },
    'kiosk-id': { type: 'string' },
    'private-key-file': { type: 'string' },
    records: { type: 'string', default: '200' },
    'max-pause-ms': { type: 'string', default: '3' },
    drain: { type: 'boolean', default: false },
    'drain-timeout-ms': { type: 'string', default: '30000' },
  },
});
const required = (name: 'db' | 'backend' | 'kiosk-id' | 'private-key-file') => {
  const value = values[name];
  if (!value) throw new Error(`--${name} is required`);
  return value;
};

const logger = createLogger('sync-load', { level: 'warn' });
const db = openDatabase(required('db'), KIOSK_MIGRATIONS);
const store = openJournalStore(db);
const link = connectBackend({
  url: required('backend'),
  kioskId: required('kiosk-id'),
  privateKey: readFileSync(required('private-key-file'), 'utf8'),
  softwareVersion: '0.1.0',
  heartbeatMs: 60_000,
  snapshot: () => ({ screen: 'attract', devices: [] }),
  logger: logger.child('link'),
});
const client = createSyncClient({
  socket: link.socket,
  store,
  logger: logger.child('sync'),
  ackTimeoutMs: 2_000,
  retry: { baseMs: 50, maxMs: 500 },
  pollMs: 200,
});
process.stdout.write('READY\n');

const records = Number(values.records);
const maxPauseMs = Number(values['max-pause-ms']);
for (let i = 0; i < records; i++) {
  const at = new Date().toISOString();
  const data: SessionEnded = {
    sessionId: randomUUID(),
    startedAt: at,
    endedAt: at,
    language: 'es',
    outcome: 'finished',
    receipt: 'printed',
  };
  const receipt = store.record({
    type: 'session.ended',
    data,
    durability: i % 3 === 0 ? 'moneyOrCard' : 'normal',
    sync: true,
  });
  process.stdout.write(`COMMITTED ${receipt.outboxSeq}\n`);
  client.nudge();
  // Small random pauses let the sender interleave with the commits, as a kiosk's sessions do.
  const pause = Math.floor(Math.random() * (maxPauseMs + 1));
  await sleep(pause);
}

if (values.drain) {
  const drained = await client.drained(Number(values['drain-timeout-ms']));
  process.stdout.write(`DRAINED ${drained ? 0 : store.backlog().pending}\n`);
}
client.stop();
link.close();
store.close();
