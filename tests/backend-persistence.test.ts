import { execFile } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK_EVENTS } from '../contracts/backend-protocol.ts';
import { BACKEND_MIGRATIONS } from '../backend/db/migrations.ts';
import { migrate } from '../platform/sqlite.ts';
import {
  heartbeat,
  KIOSK,
  kioskAuth,
  signKioskToken,
  startTestBackend,
  testKiosk,
  type TestBackend,
  waitUntil,
} from './backend-harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

describe('backend: what the database keeps', () => {
  const started: TestBackend[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    // Newest first: a restarted backend uses the database in its predecessor's directory.
    for (const backend of started.splice(0).reverse()) await backend.stop().catch(() => {});
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('stores only the public key of each kiosk, never its private key', async () => {
    const backend = await startTestBackend();
    started.push(backend);
    const db = new Database(backend.dbPath, { readonly: true });
    const rows = db.prepare('SELECT id, public_key FROM kiosks').all() as Array<{
      id: string;
      public_key: string;
    }>;
    db.close();
    expect(rows.find((r) => r.id === KIOSK.kioskId)?.public_key).toBe(KIOSK.publicKey);
    await backend.close();
    const privateKeyBody = KIOSK.privateKey.split('\n')[1]!;
    for (const file of [backend.dbPath, `${backend.dbPath}-wal`]) {
      let bytes = '';
      try {
        bytes = readFileSync(file).toString('latin1');
      } catch {}
      expect(bytes).not.toContain(privateKeyBody);
    }
  });

  it('remembers used tokens across a restart, so a captured token cannot be replayed', async () => {
    const first = await startTestBackend();
    started.push(first);
    const token = kioskAuth();
    (await first.connect(token)).disconnect();
    await first.close();

    const second = await startTestBackend({ dbPath: first.dbPath });
    started.push(second);
    expect((await second.connectError(token)).message).toBe('replayed-token');
    expect((await second.connect(kioskAuth())).connected).toBe(true);
  });

  it('prunes the nonces of expired tokens as new ones arrive', async () => {
    const backend = await startTestBackend();
    started.push(backend);
    const db = new Database(backend.dbPath);
    db.prepare('INSERT INTO kiosk_auth_nonces (kiosk_id, nonce, expires_at) VALUES (?, ?, ?)').run(
      KIOSK.kioskId,
      'an-old-nonce-000000000',
      Date.now() - 1000,
    );
    (await backend.connect(kioskAuth())).disconnect();
    const nonces = db.prepare('SELECT nonce FROM kiosk_auth_nonces').all() as Array<{ nonce: string }>;
    db.close();
    expect(nonces).toHaveLength(1);
    expect(nonces[0]!.nonce).not.toBe('an-old-nonce-000000000');
  });

  it('migrates a database of scrypt secrets: its kiosks keep their data but need a new key pair', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ventanilla-migrate-'));
    dirs.push(dir);
    const dbPath = join(dir, 'backend.sqlite');
    const old = new Database(dbPath);
    migrate(old, BACKEND_MIGRATIONS.slice(0, 1));
    old
      .prepare('INSERT INTO kiosks (id, name, secret_hash, enabled, created_at) VALUES (?, ?, ?, 1, ?)')
      .run('kiosk-old', 'Old branch', 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', '2026-01-01T00:00:00.000Z');
    old.close();

    const backend = await startTestBackend({ dbPath, kiosks: [] });
    started.push(backend);
    expect((await backend.fleetKiosk('kiosk-old')).name).toBe('Old branch');
    const oldKiosk = testKiosk('kiosk-old', 'Old branch');
    expect((await backend.connectError(kioskAuth({}, oldKiosk))).message).toBe('bad-credential');
  });

  it('after a restart, keeps the last heartbeat and shows every kiosk offline until it reconnects', async () => {
    const first = await startTestBackend();
    started.push(first);
    const socket = await first.connect(kioskAuth());
    await socket.emitWithAck(KIOSK_EVENTS.heartbeat, heartbeat({ screen: 'goodbye' }));
    socket.disconnect();
    await first.close();
    // A crash would have left the kiosk marked online, with no socket behind it.
    const db = new Database(first.dbPath);
    db.prepare('UPDATE kiosk_presence SET online = 1').run();
    db.close();

    const second = await startTestBackend({ dbPath: first.dbPath });
    started.push(second);
    const kiosk = await second.fleetKiosk();
    expect(kiosk).toMatchObject({ online: false, screen: 'goodbye' });
    expect(kiosk.devices).toHaveLength(1);
    await second.connect(kioskAuth());
    await waitUntil(async () => (await second.fleetKiosk()).online, 2000, 'the kiosk to show online');
  });

  it('cli add-kiosk prints a private key once, with which the kiosk can connect; rekey-kiosk replaces it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ventanilla-cli-'));
    dirs.push(dir);
    const dbPath = join(dir, 'backend.sqlite');
    const tsx = join(root, 'node_modules/.bin/tsx');
    const cli = (...args: string[]) => run(tsx, ['backend/cli.ts', ...args, '--db', dbPath], { cwd: root });
    const privateKeyOf = (stdout: string) =>
      /-----BEGIN PRIVATE KEY-----\n[^-]+-----END PRIVATE KEY-----\n/.exec(stdout)?.[0];

    const added = privateKeyOf((await cli('add-kiosk', 'kiosk-sur', 'Sur branch')).stdout);
    expect(added).toBeDefined();
    expect(createPrivateKey(added!).asymmetricKeyType).toBe('ed25519');
    await expect(cli('add-kiosk', 'kiosk-sur', 'Again')).rejects.toMatchObject({ code: 1 });
    await expect(cli('rekey-kiosk', 'kiosk-nobody')).rejects.toMatchObject({ code: 1 });

    const backend = await startTestBackend({ dbPath, kiosks: [] });
    started.push(backend);
    const socket = await backend.connect(signKioskToken(added!, { kioskId: 'kiosk-sur' }));
    expect(socket.connected).toBe(true);
    expect((await backend.fleetKiosk('kiosk-sur')).name).toBe('Sur branch');
    socket.disconnect();

    const rekeyed = privateKeyOf((await cli('rekey-kiosk', 'kiosk-sur')).stdout);
    expect(rekeyed).toBeDefined();
    expect((await backend.connectError(signKioskToken(added!, { kioskId: 'kiosk-sur' }))).message).toBe(
      'bad-credential',
    );
    expect((await backend.connect(signKioskToken(rekeyed!, { kioskId: 'kiosk-sur' }))).connected).toBe(true);
  });
});
