#!/usr/bin/env node
// Installs the system packages Ventanilla needs, from Debian's apt, when they are missing:
// socat (PTY pairs for the device simulators), a CJK-capable font (receipts and the kiosk UI in
// Chinese), and for tests Debian's Chromium (Playwright drives it; it never downloads a browser).
// Usage: node scripts/ensure-system.mjs start|test
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const purpose = process.argv[2] ?? 'test';
const requirements = [
  { pkg: 'socat', present: () => commandExists('socat') },
  {
    pkg: 'fonts-noto-cjk',
    present: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
  },
  {
    pkg: 'fonts-dejavu-core',
    present: () => existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf'),
  },
];
if (purpose === 'test') {
  requirements.push({ pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') });
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

const missing = requirements.filter((r) => !r.present()).map((r) => r.pkg);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`Missing system packages: ${missing.join(' ')}`);
  console.error(`Install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
console.log(`Installing system packages: ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
  stdio: 'inherit',
  env,
});
