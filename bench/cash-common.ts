import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SerialPort } from 'serialport';
import { type ManagedChild, startChild } from '../launcher/child-process.ts';
import { rootDir } from './lib/branch-fixture.ts';
import { type ProcessInfo, processTree, waitGone } from './lib/processes.ts';
import { percentile } from './lib/stats.ts';

/**
 * What the ccTalk cash benchmarks share: simulator processes in their own process groups, a raw
 * serial client without the ccTalk bus, a socat PTY pair with an echo loop, the machine line, and
 * the check that every process a benchmark started is gone at the end.
 */

export { rootDir };

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, load average ${(os.loadavg()[0] ?? 0).toFixed(1)} at start`;
}

export function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: rootDir, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** "p50 x / p95 y / p99 z / max w" in ms. */
export function spread(samples: readonly number[], ps: number[] = [50, 95, 99]): string {
  const fmt = (v: number) => (Math.abs(v) >= 100 ? `${Math.round(v)}` : v.toFixed(2));
  const parts = ps.map((p) => `p${p} ${fmt(percentile(samples, p))}`);
  return `${parts.join(' / ')} / max ${fmt(Math.max(...samples))} ms (n=${samples.length})`;
}

/** A scratch directory for PTY links and logs, removed by `remove()`. */
export function scratchDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Records every process a benchmark starts (with its process group) while it runs, so that at
 * the end it can check that all of them, socat included, are gone.
 */
export class ProcessWatch {
  private readonly seen = new Map<string, ProcessInfo>();

  note(pid: number | undefined): void {
    if (pid === undefined) return;
    for (const p of processTree(pid)) this.seen.set(`${p.pid}:${p.startTime}`, p);
  }

  /** Waits for them to end; SIGKILLs and names any still alive after `timeoutMs`. */
  async leftovers(timeoutMs = 3_000): Promise<string[]> {
    const alive = await waitGone([...this.seen.values()], timeoutMs);
    for (const p of alive) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    return alive.map((p) => `${p.pid} ${p.command}`);
  }

  get count(): number {
    return this.seen.size;
  }
}

export interface SimulatorProcess {
  child: ManagedChild;
  hostPath: string;
  controlUrl: string;
}

/**
 * Starts `simulators/cctalk/<entry>` in its own process group (it starts its own socat inside
 * that group) and waits for its ready line `{device, hostPath, controlUrl, pid}`.
 */
export async function startCashSimulator(
  entry: 'bill-validator-main.ts' | 'coin-acceptor-main.ts',
  dir: string,
  name: string,
  byteDelayMs: number,
  watch: ProcessWatch,
): Promise<SimulatorProcess> {
  const child = await startChild({
    name,
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      join(rootDir, 'simulators', 'cctalk', entry),
      '--host-link',
      join(dir, `${name}.host`),
      '--device-link',
      join(dir, `${name}.device`),
      '--control-port',
      '0',
      '--byte-delay-ms',
      String(byteDelayMs),
    ],
    cwd: rootDir,
    logFile: join(dir, `${name}.log`),
    readyTimeoutMs: 20_000,
  });
  watch.note(child.process.pid);
  return { child, hostPath: String(child.ready.hostPath), controlUrl: String(child.ready.controlUrl) };
}

/**
 * A plain serialport client without the ccTalk bus: write the bytes, resolve once `expected` bytes
 * have come back. The same library and the same event loop the bus uses, none of its code.
 */
export class RawClient {
  private port: SerialPort | null = null;
  private received = 0;
  private waiting: { expected: number; resolve: () => void } | null = null;

  async open(path: string): Promise<void> {
    const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    port.on('data', (chunk: Buffer) => {
      this.received += chunk.length;
      const waiting = this.waiting;
      if (waiting && this.received >= waiting.expected) {
        this.waiting = null;
        waiting.resolve();
      }
    });
    port.on('error', () => {});
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    this.port = port;
  }

  /** Round trip in ms: write `bytes`, wait for `expected` bytes back (time-out `timeoutMs`). */
  async roundTrip(bytes: Buffer, expected: number, timeoutMs = 1_000): Promise<number> {
    const port = this.port;
    if (!port) throw new Error('raw client not open');
    this.received = 0;
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new Error(`raw round trip: ${this.received} of ${expected} bytes within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = {
        expected,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      port.write(bytes);
    });
    return performance.now() - started;
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}

/**
 * A plain socat PTY pair (`socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B`) with a tiny
 * echo loop on B: a Node process with serialport that writes each chunk back `copies` times, one
 * write after the other (as the simulator writes its echo, then its reply).
 */
export async function startEchoPair(
  dir: string,
  copies: number,
  watch: ProcessWatch,
): Promise<{ hostPath: string; stop(): Promise<void> }> {
  const a = join(dir, 'echo-pair.A');
  const b = join(dir, 'echo-pair.B');
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  watch.note(socat.pid);
  await new Promise<void>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`socat not ready: ${stderr}`)), 5_000);
    socat.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('starting data transfer loop') && existsSync(a) && existsSync(b)) {
        clearTimeout(timer);
        resolve();
      }
    });
    socat.once('exit', (code) => reject(new Error(`socat exited (${code}): ${stderr}`)));
  });
  socat.stderr?.resume();
  const script = `
    const { SerialPort } = require('serialport');
    const port = new SerialPort({ path: ${JSON.stringify(b)}, baudRate: 9600 }, (error) => {
      if (error) { console.error(error.message); process.exit(1); }
      console.log('ready');
    });
    const copies = ${copies};
    port.on('data', (chunk) => {
      let left = copies;
      const next = () => { if (left-- > 0) port.write(chunk, next); };
      next();
    });
  `;
  const echo = spawn(process.execPath, ['-e', script], {
    cwd: rootDir,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  watch.note(echo.pid);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('echo loop not ready')), 10_000);
    echo.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    echo.once('exit', (code) => reject(new Error(`echo loop exited (${code})`)));
  });
  return {
    hostPath: a,
    async stop() {
      for (const child of [echo, socat]) await stopGroup(child);
    },
  };
}

/** SIGTERM to the child's process group, SIGKILL after a second, waits for its exit. */
export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Gone.
    }
  };
  signal('SIGTERM');
  const killed = sleep(1_000).then(() => signal('SIGKILL'));
  await Promise.race([exited, killed.then(() => exited)]);
}
