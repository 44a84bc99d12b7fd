import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type BackendConfig, createBackend, type RunningBackend } from '../../backend/server.ts';
import { createLogger } from '../../platform/log.ts';

/** A kiosk with its own Ed25519 key pair; the backend is given only the public key. */
export interface SyncKiosk {
  kioskId: string;
  publicKey: string;
  privateKey: string;
}

export function makeSyncKiosks(count: number, prefix = 'kiosk-sync'): SyncKiosk[] {
  return Array.from({ length: count }, (_, i) => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    return { kioskId: `${prefix}-${i + 1}`, publicKey, privateKey };
  });
}

/** One consumed record as the backend stored it. */
export interface BackendSyncRow {
  seq: number;
  idempotencyKey: string | null;
  status: string;
}

/**
 * The real O2O backend (backend/server.ts) in this process on a temporary database, restartable on
 * the same port and database, as a backend restart during a kiosk's drain looks from the kiosk.
 */
export class SyncTestBackend {
  readonly dir = mkdtempSync(join(tmpdir(), 'ventanilla-sync-backend-'));
  readonly dbPath = join(this.dir, 'backend.sqlite');
  private running: RunningBackend | null = null;
  port = 0;

  constructor(
    private readonly kiosks: SyncKiosk[],
    private readonly overrides: Partial<BackendConfig> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = await createBackend({
      port: this.port,
      dbPath: this.dbPath,
      operatorPassword: 'sync tests operator password',
      heartbeatTimeoutMs: 60_000,
      kiosks: this.kiosks.map((k) => ({ kioskId: k.kioskId, name: k.kioskId, publicKey: k.publicKey })),
      logger: createLogger('backend', { level: 'error' }),
      ...this.overrides,
    });
    this.port = this.running.port;
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    await running?.close();
  }

  /** What the backend consumed from one kiosk, read from its database (WAL lets a second connection read while it runs). */
  rows(kioskId: string): BackendSyncRow[] {
    const db = new Database(this.dbPath, { fileMustExist: true });
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
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Exactly once, as the backend sees it: seqs 1..N without a gap or a repeat, keys unique, every
 * record applied, and each (seq, key) one that the kiosk committed.
 */
export function exactlyOnceProblems(
  backendRows: BackendSyncRow[],
  kioskOutbox: Map<number, string>,
): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  backendRows.forEach((row, i) => {
    if (row.seq !== i + 1) problems.push(`backend seq ${row.seq} at position ${i + 1}`);
    if (row.status !== 'applied') problems.push(`backend seq ${row.seq} is ${row.status}`);
    if (row.idempotencyKey === null || keys.has(row.idempotencyKey))
      problems.push(`key of seq ${row.seq} repeated`);
    if (row.idempotencyKey !== null) keys.add(row.idempotencyKey);
    const committed = kioskOutbox.get(row.seq);
    if (committed === undefined) problems.push(`backend has seq ${row.seq}, which the kiosk never committed`);
    else if (committed !== row.idempotencyKey)
      problems.push(`seq ${row.seq} has another key than the kiosk's`);
  });
  if (backendRows.length !== kioskOutbox.size) {
    problems.push(`backend has ${backendRows.length} records, the kiosk committed ${kioskOutbox.size}`);
  }
  return problems.slice(0, 20);
}

/** The kiosk's outbox, seq → idempotency key, read from its database. */
export function readKioskOutbox(dbPath: string): Map<number, string> {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    const rows = db
      .prepare<[], { seq: number; idempotency_key: string }>(
        'SELECT seq, idempotency_key FROM outbox ORDER BY seq',
      )
      .all();
    return new Map(rows.map((row) => [row.seq, row.idempotency_key]));
  } finally {
    db.close();
  }
}
