import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { waitForReady } from '../../platform/ready-line.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A kiosk the backend knows by its public key. */
export interface CardTestKiosk {
  kioskId: string;
  publicKey: string;
  privateKey: string;
}

export interface CardTestAccount {
  accountNumber: string;
  holderName: string;
  currency: 'EUR';
}

/** An order as `POST /api/card-orders` opened it. */
export interface OpenedCardOrder {
  orderRef: string;
  orderCode: string;
  expiresAt: string;
}

/** One card number the backend issued, as its database keeps it (never the number). */
export interface BackendCardRow {
  cardId: string;
  orderRef: string;
  kioskId: string;
  attemptId: string;
  last4: string;
  status: string;
}

export interface CardBackendOptions {
  kiosks: CardTestKiosk[];
  accounts: CardTestAccount[];
  /** BIN of the numbers the backend issues (a test range no real issuer uses). */
  cardBin: string;
  operatorPassword: string;
}

/**
 * The O2O backend as its own process (`backend/main.ts`), on a temporary database, stoppable and
 * startable again on the same port and database: from a kiosk, a bank that went away and came back.
 * Its per-kiosk rate limits live in the process, so a start also gives every kiosk a fresh minute.
 */
export class CardBackendProcess {
  readonly dir = mkdtempSync(join(tmpdir(), 'ventanilla-card-backend-'));
  readonly dbPath = join(this.dir, 'backend.sqlite');
  private child: ChildProcess | null = null;
  private stderr = '';
  port = 0;
  starts = 0;

  constructor(private readonly options: CardBackendOptions) {
    writeFileSync(
      join(this.dir, 'kiosks.json'),
      JSON.stringify(
        options.kiosks.map((k) => ({ kioskId: k.kioskId, name: k.kioskId, publicKey: k.publicKey })),
      ),
    );
    writeFileSync(join(this.dir, 'accounts.json'), JSON.stringify(options.accounts));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** The last part of what the process wrote on stderr (its JSON log lines), for failure messages. */
  logTail(chars = 4_000): string {
    return this.stderr.slice(-chars);
  }

  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'backend/main.ts',
        '--port',
        String(this.port),
        '--db',
        this.dbPath,
        '--kiosks',
        join(this.dir, 'kiosks.json'),
        '--accounts',
        join(this.dir, 'accounts.json'),
        '--card-bin',
        this.options.cardBin,
      ],
      {
        cwd: root,
        env: { ...process.env, VENTANILLA_OPERATOR_PASSWORD: this.options.operatorPassword },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-200_000);
    });
    try {
      const ready = await waitForReady<{ url: string; port: number }>(child, 20_000, 'backend');
      this.port = ready.port;
    } catch (error) {
      killGroup(child, 'SIGKILL');
      throw new Error(`${(error as Error).message}\n${this.logTail()}`);
    }
    this.child = child;
    this.starts += 1;
  }

  /** SIGTERM, as an operator stops it: kiosks are disconnected and the database closed. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child) return;
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    killGroup(child, 'SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Opens a fresh order on an account, as the bank's app does (`POST /api/card-orders`). */
  async openOrder(body: {
    accountNumber: string;
    surname?: string;
    givenNames?: string;
  }): Promise<OpenedCardOrder> {
    const response = await fetch(`${this.url}/api/card-orders`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`operator:${this.options.operatorPassword}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) {
      throw new Error(`POST /api/card-orders answered ${response.status}: ${await response.text()}`);
    }
    return (await response.json()) as OpenedCardOrder;
  }

  /** Time passes for one order: its expiry moves into the past, as if its validity had run out. */
  expireOrder(orderRef: string): void {
    this.write((db) => {
      const changed = db
        .prepare('UPDATE card_orders SET expires_at = ? WHERE order_ref = ?')
        .run(new Date(Date.now() - 60_000).toISOString(), orderRef).changes;
      if (changed !== 1) throw new Error(`no order ${orderRef} to expire`);
    });
  }

  orderCodeExists(orderCode: string): boolean {
    return this.read(
      (db) => db.prepare('SELECT 1 FROM card_orders WHERE order_code = ?').get(orderCode) !== undefined,
    );
  }

  /** Every card number issued to a kiosk, with the status its records gave it. */
  cardsOf(kioskId: string): BackendCardRow[] {
    return this.read((db) =>
      (
        db
          .prepare(
            'SELECT card_id, order_ref, kiosk_id, attempt_id, last4, status FROM cards WHERE kiosk_id = ? ORDER BY created_at, rowid',
          )
          .all(kioskId) as Array<Record<string, string>>
      ).map((row) => ({
        cardId: row.card_id!,
        orderRef: row.order_ref!,
        kioskId: row.kiosk_id!,
        attemptId: row.attempt_id!,
        last4: row.last4!,
        status: row.status!,
      })),
    );
  }

  /** Records of a kiosk the backend consumed but did not apply, with why. */
  rejectedRecordsOf(kioskId: string): Array<{ seq: number; type: string; reason: string | null }> {
    return this.read(
      (db) =>
        db
          .prepare(
            "SELECT seq, type, reason FROM sync_records WHERE kiosk_id = ? AND status <> 'applied' ORDER BY seq",
          )
          .all(kioskId) as Array<{ seq: number; type: string; reason: string | null }>,
    );
  }

  /** Mail requests of a kiosk the backend could not match to an order, with why. */
  unmatchedMailRequestsOf(kioskId: string): Array<{ seq: number; reason: string | null }> {
    return this.read(
      (db) =>
        db
          .prepare(
            "SELECT seq, unmatched_reason AS reason FROM card_mail_requests WHERE kiosk_id = ? AND status <> 'matched' ORDER BY seq",
          )
          .all(kioskId) as Array<{ seq: number; reason: string | null }>,
    );
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private read<T>(query: (db: Database.Database) => T): T {
    const db = new Database(this.dbPath, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 2000');
      return query(db);
    } finally {
      db.close();
    }
  }

  private write(change: (db: Database.Database) => void): void {
    const db = new Database(this.dbPath, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 2000');
      change(db);
    } finally {
      db.close();
    }
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}
