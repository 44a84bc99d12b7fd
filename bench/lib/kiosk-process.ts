import { readFileSync } from 'node:fs';
import type { Branch } from '../../launcher/branch.ts';

/**
 * The pid of the branch's kiosk host, checked against its ready line and its command line (run
 * from source through tsx, or from its bundle when the bundle is fresh), so a benchmark never
 * samples another process.
 */
export function kioskHostPid(branch: Branch): number {
  const kiosk = branch.children.get('kiosk');
  const pid = kiosk?.process.pid;
  if (pid === undefined || pid !== kiosk?.ready.pid)
    throw new Error("kiosk pid unknown or not the ready line's");
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  if (!cmdline.includes('main/host/main.ts') && !cmdline.includes('dist/processes/kiosk.mjs'))
    throw new Error(`pid ${pid} is not the kiosk host: ${cmdline}`);
  return pid;
}
