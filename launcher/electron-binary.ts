import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron binary's path when it is installed, else null. The npm package downloads its
 * binary on first use; where that cannot happen (no internet), the branch runs the kiosk UI in
 * the browser host instead.
 */
export function installedElectronBinary(rootDir: string): string | null {
  const packageDir = join(rootDir, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
