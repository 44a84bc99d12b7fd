import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { waitForReady } from '../platform/ready-line.ts';
import type { BackendSyncRow, SyncKiosk } from '../tests/support/sync-real-backend.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface BackendProcess {
  url: string;
  pid: number;
  rows(kioskId: string): BackendSyncRow[];
  stop(): Promise<void>;
}

/**
 * The O2O backend as its own process (`node --import tsx backend/main.ts`, as the launcher runs it),
 * seeded with the kiosks' public keys, so that the kiosks measured and the backend do not share
 * an event loop.
 */
export async function startBackendProcess(kiosks: SyncKiosk[]): Promise<BackendProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'ventanilla-bench-backend-'));
  const dbPath = join(dir, 'backend.sqlite');
  const kiosksFile = join(dir, 'kiosks.json');
  writeFileSync(
    kiosksFile,
    JSON.stringify(kiosks.map((k) => ({ kioskId: k.kioskId, name: k.kioskId, publicKey: k.publicKey }))),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'backend/main.ts', '--port', '0', '--db', dbPath, '--kiosks', kiosksFile],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        VENTANILLA_OPERATOR_PASSWORD: 'bench operator password',
        VENTANILLA_LOG_LEVEL: 'warn',
      },
    },
  );
  const ready = await waitForReady<{ url: string; pid: number }>(child, 60_000, 'backend');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: ready.url,
    pid: ready.pid,
    rows(kioskId) {
      const db = new Database(dbPath, { fileMustExist: true });
      try {
        return db
          .prepare<[string], { seq: number; idempotency_key: string | null; status: string }>(
            'SELECT seq, idempotency_key, status FROM sync_records WHERE kiosk_id = ? ORDER BY seq',
          )
          .all(kioskId)
          .map((row) => ({ seq: row.seq, idempotencyKey: row.idempotency_key, status: row.status }));
      } finally {
        db.close();
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
