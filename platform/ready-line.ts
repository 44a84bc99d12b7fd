import type { ChildProcess } from 'node:child_process';

/**
 * Child processes of the branch (backend, simulators, kiosk host) announce that they are ready,
 * and where they listen, with one line on stdout: `VENTANILLA_READY {json}`. The launcher and the
 * tests wait for it instead of guessing with sleeps.
 */
export const READY_PREFIX = 'VENTANILLA_READY ';

export function announceReady(info: Record<string, unknown>): void {
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(info)}\n`);
}

export function waitForReady<T = Record<string, unknown>>(
  child: ChildProcess,
  timeoutMs: number,
  label: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${label} did not become ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.startsWith(READY_PREFIX)) {
          cleanup();
          try {
            resolve(JSON.parse(line.slice(READY_PREFIX.length)) as T);
          } catch (error) {
            reject(new Error(`${label} sent a malformed ready line: ${(error as Error).message}`));
          }
          return;
        }
        newline = buffer.indexOf('\n');
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`${label} exited before it was ready (code ${code}, signal ${signal})`));
    };
    if (!child.stdout) {
      cleanup();
      reject(new Error(`${label} was started without a stdout pipe`));
      return;
    }
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Runs `stop` once on SIGINT/SIGTERM, then exits. A second signal exits at once. */
export function onShutdownSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`shutdown after ${signal} failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
