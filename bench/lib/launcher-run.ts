import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ProcessInfo, processTree, startedAtMs, waitGone } from './processes.ts';

const URL_TIMEOUT_MS = 60_000;
const EXIT_TIMEOUT_MS = 15_000;

/** Times, in ms from spawn, of what the launcher prints while it starts. */
export interface LauncherStart {
  child: ChildProcess;
  kioskUrl: string;
  /** Its first line: Node, tsx and the launcher's own modules are loaded. */
  firstLineMs: number;
  /** The URLs are printed: backend, simulator and kiosk host have all announced ready. */
  urlMs: number;
}

/**
 * Starts the real launcher exactly as `npm start` runs it (minus npm and its prestart), in its own
 * process group like a terminal's foreground job, on free ports and a fresh data directory.
 */
export async function spawnLauncher(
  rootDir: string,
  dataDir: string,
  startedAt: number,
): Promise<LauncherStart> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'launcher/cli.ts', '--data-dir', dataDir, '--host-port', '0', '--backend-port', '0'],
    { cwd: rootDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise<LauncherStart>((resolve, reject) => {
    let stdout = '';
    let firstLineMs: number | null = null;
    let settled = false;
    const onExit = (code: number | null, signal: string | null) =>
      fail(`launcher exited early (code ${code}, signal ${signal})`);
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killGroup(child);
      reject(new Error(`${message}\nlauncher stdout:\n${stdout}\nlauncher stderr:\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`no kiosk URL within ${URL_TIMEOUT_MS} ms`), URL_TIMEOUT_MS);
    child.once('exit', onExit);
    // The pipe is read to the end (so the launcher never blocks on a full pipe), but only the
    // output up to the URLs is looked at.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (settled) return;
      const now = performance.now();
      stdout += chunk.toString('utf8');
      if (firstLineMs === null && stdout.includes('\n')) firstLineMs = now - startedAt;
      const match = /^\s*Kiosk\s+(http:\/\/\S+)/m.exec(stdout);
      if (match?.[1]) {
        settled = true;
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve({
          child,
          kioskUrl: match[1],
          firstLineMs: firstLineMs ?? now - startedAt,
          urlMs: now - startedAt,
        });
      }
    });
  });
}

export interface LauncherStop {
  stopMs: number;
  /** Processes of the branch seen while it ran (launcher, children, their groups), by name. */
  processNames: string[];
  /**
   * When each process was spawned, in ms after the launcher was (10 ms resolution). The launcher
   * spawns the kiosk host once backend and simulator are ready, so these split its start-up.
   */
  spawnedAfterMs: Record<string, number>;
  /** Any of them still alive after the launcher exited, and how long they got to go. */
  leftovers: ProcessInfo[];
  /** The launcher needed SIGKILL because SIGINT did not end it in time. */
  forced: boolean;
}

/** Ctrl-C, as a terminal sends it to the foreground group, then checks that nothing is left. */
export async function stopLauncher(child: ChildProcess, rootDir: string): Promise<LauncherStop> {
  if (child.pid === undefined) throw new Error('launcher has no pid');
  const tree = processTree(child.pid);
  if (tree.length === 0) throw new Error('the launcher was gone before it was stopped');
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const started = performance.now();
  process.kill(-child.pid, 'SIGINT');
  const forced = await Promise.race([exited.then(() => false), sleep(EXIT_TIMEOUT_MS).then(() => true)]);
  if (forced) {
    killGroup(child);
    await exited;
  }
  const stopMs = performance.now() - started;
  // A child killed just before the launcher exited may take a moment to be reaped.
  const leftovers = await waitGone(tree, 2_000);
  for (const process_ of leftovers) {
    try {
      process.kill(process_.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  const launcherStart = startedAtMs(tree[0]!);
  const spawnedAfterMs = Object.fromEntries(
    tree.map((p) => [processName(p, rootDir), startedAtMs(p) - launcherStart]),
  );
  return {
    stopMs,
    processNames: tree.map((p) => processName(p, rootDir)),
    spawnedAfterMs,
    leftovers,
    forced,
  };
}

/**
 * `backend/main.ts` for a Node process running one of ours from source (`dist/processes/backend.mjs`
 * from its bundle), else the program's name.
 */
function processName(process_: ProcessInfo, rootDir: string): string {
  const script = / (?:--import tsx )?(\S+\.(?:ts|mjs))\b/.exec(process_.command)?.[1];
  if (script) return script.startsWith(rootDir) ? script.slice(rootDir.length).replace(/^\//, '') : script;
  return process_.command.split(' ')[0]!.split('/').at(-1)!;
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  for (const process_ of processTree(child.pid)) {
    try {
      process.kill(process_.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
