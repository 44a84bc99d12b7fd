import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK_EVENTS } from '../contracts/backend-protocol.ts';
import { hashSecret, verifySecret } from '../backend/auth/secret-hash.ts';
import {
  heartbeat,
  KIOSK,
  kioskAuth,
  startTestBackend,
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

  it('hashes secrets with a fresh salt and verifies only the right one', async () => {
    const [first, second] = [
      await hashSecret('a-kiosk-secret-0001'),
      await hashSecret('a-kiosk-secret-0001'),
    ];
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifySecret('a-kiosk-secret-0001', first)).toBe(true);
    expect(await verifySecret('a-kiosk-secret-0002', first)).toBe(false);
    expect(await verifySecret('a-kiosk-secret-0001', 'plain-text')).toBe(false);
  });

  it('stores kiosk secrets only as scrypt hashes', async () => {
    const backend = await startTestBackend();
    started.push(backend);
    const db = new Database(backend.dbPath, { readonly: true });
    const rows = db.prepare('SELECT id, secret_hash FROM kiosks').all() as Array<{
      id: string;
      secret_hash: string;
    }>;
    db.close();
    expect(rows.find((r) => r.id === KIOSK.kioskId)?.secret_hash).toMatch(/^scrypt\$/);
    await backend.close();
    for (const file of [backend.dbPath, `${backend.dbPath}-wal`]) {
      let bytes = '';
      try {
        bytes = readFileSync(file).toString('latin1');
      } catch {}
      expect(bytes).not.toContain(KIOSK.secret);
    }
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

  it('cli add-kiosk prints a secret once, with which the kiosk can connect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ventanilla-cli-'));
    dirs.push(dir);
    const dbPath = join(dir, 'backend.sqlite');
    const tsx = join(root, 'node_modules/.bin/tsx');
    const { stdout } = await run(
      tsx,
      ['backend/cli.ts', 'add-kiosk', 'kiosk-sur', 'Sur branch', '--db', dbPath],
      {
        cwd: root,
      },
    );
    const secret = /^secret: (\S+)$/m.exec(stdout)?.[1];
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await expect(
      run(tsx, ['backend/cli.ts', 'add-kiosk', 'kiosk-sur', 'Again', '--db', dbPath], { cwd: root }),
    ).rejects.toMatchObject({ code: 1 });

    const backend = await startTestBackend({ dbPath, kiosks: [] });
    started.push(backend);
    const socket = await backend.connect({ kioskId: 'kiosk-sur', secret, softwareVersion: '0.1.0' });
    expect(socket.connected).toBe(true);
    expect((await backend.fleetKiosk('kiosk-sur')).name).toBe('Sur branch');
  });
});
