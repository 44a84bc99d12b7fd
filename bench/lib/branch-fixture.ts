import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Branch, type BranchOptions, startBranch } from '../../launcher/branch.ts';

export const rootDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A whole branch (backend, receipt printer simulator on a PTY pair, kiosk host) on free loopback
 * ports and a throw-away data directory, removed again by `stop()`.
 */
export async function startBenchBranch(kiosk: BranchOptions['kiosk'] = {}): Promise<Branch> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ventanilla-bench-'));
  let branch: Branch;
  try {
    branch = await startBranch({ rootDir, dataDir, hostPort: 0, backendPort: 0, kiosk });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...branch,
    async stop() {
      await branch.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
