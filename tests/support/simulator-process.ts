import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForReady } from '../../platform/ready-line.ts';
import { controlRequest } from './control-request.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface SimulatorReady {
  device: string;
  hostPath: string;
  controlUrl: string;
  pid: number;
}

export interface SimulatorProcess {
  child: ChildProcess;
  ready: SimulatorReady;
  hostLink: string;
  deviceLink: string;
  /** Everything the simulator wrote on stderr so far (its JSON log lines). */
  stderr(): string;
  /** JSON call to its control API; throws with the body on a non-2xx answer. */
  control<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** SIGKILL to the whole process group (simulator and its socat). */
  killGroup(): void;
  /** Kills the group, waits until none of it is left (throws otherwise), removes the links. */
  stopAndVerify(): Promise<void>;
}

/** Live (non-zombie) processes of a process group, from /proc. */
export function liveProcessesInGroup(pgid: number): string[] {
  const pids: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/**
 * Starts a device simulator as a real process (`node --import tsx <entry>`) on fresh PTY links in
 * the temp folder, in its own process group, and waits for its ready line.
 */
export async function startSimulatorProcess(
  entry: string,
  options: { name: string; extraArgs?: string[]; readyTimeoutMs?: number },
): Promise<SimulatorProcess> {
  const unique = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const hostLink = join(tmpdir(), `ventanilla-${options.name}-host-${unique}`);
  const deviceLink = join(tmpdir(), `ventanilla-${options.name}-device-${unique}`);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      entry,
      '--host-link',
      hostLink,
      '--device-link',
      deviceLink,
      '--control-port',
      '0',
      ...(options.extraArgs ?? []),
    ],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const ready = await waitForReady<SimulatorReady>(child, options.readyTimeoutMs ?? 15_000, entry).catch(
    (error: Error) => {
      throw new Error(`${error.message}\n${stderr}`);
    },
  );
  const killGroup = () => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  return {
    child,
    ready,
    hostLink,
    deviceLink,
    stderr: () => stderr,
    control: <T>(method: string, path: string, body?: unknown) =>
      controlRequest<T>(ready.controlUrl, method, path, body),
    killGroup,
    async stopAndVerify() {
      killGroup();
      const pgid = child.pid!;
      const deadline = Date.now() + 3_000;
      while (liveProcessesInGroup(pgid).length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const left = liveProcessesInGroup(pgid);
      if (left.length > 0) throw new Error(`simulator processes left running: ${left.join(', ')}`);
      // socat killed with SIGKILL cannot remove its links.
      await rm(hostLink, { force: true });
      await rm(deviceLink, { force: true });
    },
  };
}
