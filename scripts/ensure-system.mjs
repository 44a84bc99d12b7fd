#!/usr/bin/env node
// Installs the system packages Ventanilla needs, from Debian's apt, when they are missing:
// socat (PTY pairs for the device simulators), a CJK-capable font (receipts and the kiosk UI in
// Chinese), the OCR-B font (the simulated ID documents' MRZ), libusb (node-hid, the USB HID
// scanners), and for tests Debian's Chromium (Playwright drives it; it never downloads a browser).
// The native `tesseract` command is installed for the MRZ benchmark's baseline only (bench:mrz).
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
  { pkg: 'fonts-ocr-b', present: () => existsSync('/usr/share/fonts/opentype/ocr-b/OCRB.otf') },
  {
    pkg: 'libusb-1.0-0',
    present: () =>
      existsSync('/usr/lib/x86_64-linux-gnu/libusb-1.0.so.0') ||
      existsSync('/usr/lib/aarch64-linux-gnu/libusb-1.0.so.0'),
  },
];
if (purpose === 'test') {
  requirements.push({ pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') });
}
if (purpose === 'bench') {
  requirements.push({ pkg: 'tesseract-ocr', present: () => commandExists('tesseract') });
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
