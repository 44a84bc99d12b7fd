import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForReady } from '../platform/ready-line.ts';
import { basic, KIOSK, seedOf } from './backend-harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe('backend: the process (backend/main.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ventanilla-backend-process-'));
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('announces where it listens, serves, and exits 0 on SIGTERM', async () => {
    const kiosksFile = join(dir, 'kiosks.json');
    writeFileSync(kiosksFile, JSON.stringify([seedOf(KIOSK)]));
    const dbPath = join(dir, 'db', 'backend.sqlite');
    let stderr = '';
    child = spawn(tsx, ['backend/main.ts', '--port', '0', '--db', dbPath, '--kiosks', kiosksFile], {
      cwd: root,
      env: { ...process.env, VENTANILLA_OPERATOR_PASSWORD: 'process-test-password' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const ready = await waitForReady<{ url: string; port: number; pid: number }>(child, 15_000, 'backend');
    // The pid is the Node process running the backend; tsx's own wrapper process is its parent.
    expect(ready).toEqual({
      url: `http://127.0.0.1:${ready.port}`,
      port: expect.any(Number),
      pid: expect.any(Number),
    });
    expect(ready.port).toBeGreaterThan(0);
    expect(existsSync(dbPath)).toBe(true);

    const health = await fetch(`${ready.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true, db: 'ok' });
    const fleet = await fetch(`${ready.url}/api/fleet`, {
      headers: { authorization: basic('process-test-password') },
    });
    expect(
      ((await fleet.json()) as { kiosks: Array<{ kioskId: string }> }).kiosks.map((k) => k.kioskId),
    ).toEqual([KIOSK.kioskId]);

    child.kill('SIGTERM');
    expect(await exited(child)).toEqual({ code: 0, signal: null });
    expect(stderr).toContain('backend stopped');
    expect(stderr).not.toContain(KIOSK.publicKey.split('\n')[1]);
  });

  it('exits 2 with a usage message when no operator password is given', async () => {
    const env = { ...process.env };
    delete env.VENTANILLA_OPERATOR_PASSWORD;
    let stderr = '';
    child = spawn(tsx, ['backend/main.ts', '--db', join(dir, 'unused.sqlite')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    expect(await exited(child)).toEqual({ code: 2, signal: null });
    expect(stderr).toContain('operator password is required');
    rmSync(dir, { recursive: true, force: true });
  });
});
