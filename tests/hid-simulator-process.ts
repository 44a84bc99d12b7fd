import { type ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForReady } from '../platform/ready-line.ts';
import { controlRequest } from './support/control-request.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface HidSimulatorReady {
  device: string;
  mode: string;
  hostPath: string;
  controlUrl: string;
  pid: number;
}

export interface HidSimulator {
  child: ChildProcess;
  ready: HidSimulatorReady;
  socketPath: string;
  stderr(): string;
  /** JSON call to its control API; throws with the body on a non-2xx answer. */
  control<T>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Starts simulators/hid-scanner/main.ts as a real process on a fresh socket and waits for its ready line. */
export async function startHidSimulator(args: {
  device: 'qrScanner' | 'idScanner';
  mode: 'hidWedge' | 'hidPos';
  extraArgs?: string[];
}): Promise<HidSimulator> {
  const socketPath = join(
    tmpdir(),
    `ventanilla-hid-${process.pid}-${Math.random().toString(36).slice(2, 8)}.sock`,
  );
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'simulators/hid-scanner/main.ts',
      '--device',
      args.device,
      '--mode',
      args.mode,
      '--socket',
      socketPath,
      '--control-port',
      '0',
      ...(args.extraArgs ?? []),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const ready = await waitForReady<HidSimulatorReady>(child, 15_000, 'hid-scanner simulator').catch(
    (error: Error) => {
      child.kill('SIGKILL');
      throw new Error(`${error.message}\n${stderr}`);
    },
  );
  return {
    child,
    ready,
    socketPath,
    stderr: () => stderr,
    control: <T>(method: string, path: string, body?: unknown) =>
      controlRequest<T>(ready.controlUrl, method, path, body),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(socketPath, { force: true });
    },
  };
}
