import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOAD_PROCESS = 'tests/support/sync-load-process.ts';

export interface LoadOptions {
  dbPath: string;
  backendUrl: string;
  kioskId: string;
  privateKeyFile: string;
  records: number;
  drain?: boolean;
  maxPauseMs?: number;
}

/** One run of the load process, as its parent sees it. */
export interface LoadRun {
  child: ChildProcess;
  /** Outbox seqs the process printed as committed, in order. */
  committed: number[];
  /** Resolves at `READY` (false if the process ended first). */
  ready: Promise<boolean>;
  /** The pending count printed after `--drain`, or null before. */
  drainedPending(): number | null;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Starts `sync-load-process.ts` as `node --import tsx`, one process, as the launcher runs its children. */
export function startLoadRun(options: LoadOptions): LoadRun {
  const args = [
    '--import',
    'tsx',
    LOAD_PROCESS,
    '--db',
    options.dbPath,
    '--backend',
    options.backendUrl,
    '--kiosk-id',
    options.kioskId,
    '--private-key-file',
    options.privateKeyFile,
    '--records',
    String(options.records),
    '--max-pause-ms',
    String(options.maxPauseMs ?? 3),
  ];
  if (options.drain) args.push('--drain');
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const committed: number[] = [];
  let drained: number | null = null;
  let stdoutTail = '';
  let stderr = '';
  let markReady: (ready: boolean) => void = () => {};
  const ready = new Promise<boolean>((resolve) => {
    markReady = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (stdoutTail + chunk.toString('utf8')).split('\n');
    stdoutTail = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'READY') markReady(true);
      else if (line.startsWith('COMMITTED ')) committed.push(Number(line.slice(10)));
      else if (line.startsWith('DRAINED ')) drained = Number(line.slice(8));
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    // Only the end matters when a run fails; keep it bounded.
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      markReady(false);
      resolve({ code, signal });
    });
  });
  return { child, committed, ready, drainedPending: () => drained, exited, stderr: () => stderr };
}
