import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const rootDir = fileURLToPath(new URL('..', import.meta.url));

/** Pids of live (non-zombie) processes whose command line mentions `marker`. */
function processesMentioning(marker: string): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out
    .split('\n')
    .filter((line) => line.includes(marker) && !/^\s*\d+\s+Z/.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

let launcher: ChildProcess | undefined;
afterAll(() => {
  if (launcher?.pid) {
    try {
      process.kill(-launcher.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('npm start (launcher/cli.ts)', () => {
  it('prints the URLs, serves the kiosk, and on Ctrl-C stops every child including socat', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ventanilla-launcher-'));
    launcher = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'launcher/cli.ts',
        '--data-dir',
        dataDir,
        '--host-port',
        '0',
        '--backend-port',
        '0',
      ],
      { cwd: rootDir, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let stdout = '';
    launcher.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const deadline = Date.now() + 30_000;
    while (!stdout.includes('Press Ctrl-C') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(stdout).toContain('Kiosk UI: browser host');
    const kioskUrl = /Kiosk\s+(http:\/\/\S+)/.exec(stdout)?.[1];
    expect(/Technician panel\s+http:\/\/\S+\s+PIN \d{6}/.test(stdout)).toBe(true);
    expect(/Fleet page\s+http:\/\/\S+\/fleet/.test(stdout)).toBe(true);
    expect(kioskUrl).toBeDefined();
    expect((await fetch(kioskUrl!)).status).toBe(200);
    // The backend, the simulator, its socat and the kiosk all name the data folder in their arguments.
    expect(processesMentioning(dataDir).length).toBeGreaterThanOrEqual(4);
    expect(
      processesMentioning(dataDir).some((pid) => {
        const args = execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
        return args.startsWith('socat');
      }),
    ).toBe(true);

    const exited = new Promise<number | null>((resolve) => launcher!.once('exit', (code) => resolve(code)));
    launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 60_000);
});
