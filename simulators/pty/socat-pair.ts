import { type ChildProcess, spawn } from 'node:child_process';
import { lstat, rm } from 'node:fs/promises';

export interface SocatPair {
  /** Link the host (the driver) opens. */
  hostPath: string;
  /** Link the simulated device opens. */
  devicePath: string;
  process: ChildProcess;
  /** Resolves when socat has exited, whoever ended it. */
  exited: Promise<void>;
  /** Ends socat and removes its links; a host with the port open sees it die (a pulled cable). */
  stop(): Promise<void>;
}

export interface SocatPairOptions {
  hostLink: string;
  deviceLink: string;
  timeoutMs?: number;
}

/** socat's stderr line (with `-d -d`) once both PTYs exist and it is forwarding bytes. */
const READY_LINE = 'starting data transfer loop';

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `socat` with two raw, echo-free PTYs linked at `hostLink` and `deviceLink`: a serial
 * cable without hardware. A PTY ignores the baud rate; the device side must pace itself.
 * Stale links from an earlier run are removed first so socat can create them.
 */
export async function startSocatPair(options: SocatPairOptions): Promise<SocatPair> {
  const { hostLink, deviceLink } = options;
  const timeoutMs = options.timeoutMs ?? 5_000;
  await rm(hostLink, { force: true });
  await rm(deviceLink, { force: true });
  const child = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${hostLink}`, `pty,raw,echo=0,link=${deviceLink}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const removeLinks = async () => {
    await rm(hostLink, { force: true });
    await rm(deviceLink, { force: true });
  };
  const stop = async () => {
    // Links first: a host retrying the path must find nothing, never a stale link to a PTY number
    // that another process may already have been given.
    await removeLinks();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 1_000);
      await exited;
      clearTimeout(killer);
    }
    await removeLinks();
  };

  await new Promise<void>((resolve, reject) => {
    let stderr = '';
    let sawReadyLine = false;
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      // Keep draining stderr: a full pipe would block socat.
      child.stderr?.resume();
      if (error) void stop().finally(() => reject(error));
      else resolve();
    };
    const checkLinks = async () => {
      if (sawReadyLine && (await exists(hostLink)) && (await exists(deviceLink))) settle();
    };
    const onData = (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (!sawReadyLine && stderr.includes(READY_LINE)) {
        sawReadyLine = true;
        void checkLinks();
      }
    };
    const onExit = (code: number | null) =>
      settle(
        new Error(`socat exited (code ${code}) before the PTY pair was ready: ${stderr.trim().slice(-300)}`),
      );
    const onError = (error: NodeJS.ErrnoException) =>
      settle(
        error.code === 'ENOENT'
          ? new Error('socat is not installed: install it with `apt-get install -y socat`')
          : new Error(`could not start socat: ${error.message}`),
      );
    const timer = setTimeout(
      () => settle(new Error(`socat did not create ${hostLink} and ${deviceLink} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });

  return { hostPath: hostLink, devicePath: deviceLink, process: child, exited, stop };
}
