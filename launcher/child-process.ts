import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { waitForReady } from '../platform/ready-line.ts';

export interface ManagedChild {
  name: string;
  process: ChildProcess;
  ready: Record<string, unknown>;
  /** SIGTERM to the child's whole process group, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Immediate SIGKILL of the process group (last resort at exit). */
  kill(): void;
}

export interface StartChildOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
  readyTimeoutMs: number;
  /** Called with each stderr line, e.g. to echo warnings to the console. */
  onLogLine?: (line: string) => void;
}

/**
 * Starts one part of the branch in its own process group, so that stopping it also stops what
 * it spawned (a simulator's socat), and waits for its ready line.
 */
export async function startChild(options: StartChildOptions): Promise<ManagedChild> {
  const log: WriteStream = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.pipe(log, { end: false });
  let pending = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log.write(chunk);
    if (!options.onLogLine) return;
    pending += chunk.toString('utf8');
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      options.onLogLine(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const managed = {
    name: options.name,
    process: child,
    ready: {} as Record<string, unknown>,
    async stop(graceMs = 5_000) {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Whatever the child left in its group (socat) goes too.
      signalGroup('SIGKILL');
      log.end();
    },
    kill() {
      signalGroup('SIGKILL');
    },
  };
  try {
    managed.ready = await waitForReady(child, options.readyTimeoutMs, options.name);
  } catch (error) {
    managed.kill();
    log.end();
    throw new Error(`${(error as Error).message} (log: ${options.logFile})`);
  }
  return managed;
}
