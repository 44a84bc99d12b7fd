import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBranch } from './branch.ts';
import { installedElectronBinary } from './electron-binary.ts';

/**
 * `npm start`: the whole branch on this machine — backend, simulators, kiosk runtime and UI —
 * on loopback with the embedded defaults (SQLite, simulators). Ctrl-C stops every child.
 */
const { values } = parseArgs({
  options: {
    'host-port': { type: 'string', default: '5170' },
    'backend-port': { type: 'string', default: '5171' },
    'data-dir': { type: 'string' },
  },
});
const rootDir = fileURLToPath(new URL('..', import.meta.url));
const dataDir = values['data-dir'] ?? join(rootDir, 'var', 'branch');
const startedAt = performance.now();

const electron = installedElectronBinary(rootDir);
if (electron) {
  console.log(`Kiosk UI: Electron (${electron}), in a kiosk-mode window.`);
  const build = spawnSync(process.execPath, [join(rootDir, 'scripts', 'build-electron.mjs')], {
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('Building the Electron shell failed.');
    process.exit(1);
  }
} else {
  console.log(
    'Kiosk UI: browser host — the Electron binary is not installed here. Open the kiosk URL in Chromium.',
  );
}

const branch = await startBranch({
  rootDir,
  dataDir,
  hostPort: Number(values['host-port']),
  backendPort: Number(values['backend-port']),
  electronBinary: electron,
  onLogLine: (child, line) => {
    // Children log JSON lines to their log files; the console gets warnings and errors only.
    if (/"level":"(warn|error)"/.test(line) || !line.startsWith('{')) console.error(`[${child}] ${line}`);
  },
}).catch((error: Error) => {
  console.error(`The branch did not start: ${error.message}`);
  process.exit(1);
});

const { credentials } = branch;

/** The demo passport of the ID scanner simulator, and its holder's document (launcher/demo-card-orders.json). */
const DEMO_PASSPORT = {
  documentId: 'passport-esp',
  holder: 'María José García López',
  document: { issuingState: 'ESP', documentNumber: 'PAB123456', birthDate: '850315' },
  surname: 'GARCIA LOPEZ',
  givenNames: 'MARIA JOSE',
};

/**
 * A new card order on a demo account, as the bank's app would place it: the customer collects it
 * at the kiosk by its code, or by the QR code the app shows (`appCode`), or by the ID document the
 * order was made with. Each order gives one card, so a fresh one is made at every start.
 */
async function placeCardOrder(
  holder: Partial<Pick<typeof DEMO_PASSPORT, 'document' | 'surname' | 'givenNames'>> = {},
): Promise<{ code: string; appCode: string | null }> {
  try {
    const response = await fetch(new URL('/api/card-orders', branch.backendUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`operator:${credentials.operatorPassword}`).toString('base64')}`,
      },
      body: JSON.stringify({ accountNumber: '10000000001', ...holder }),
    });
    if (!response.ok) return { code: `unavailable (the backend answered ${response.status})`, appCode: null };
    const { orderCode, appCode } = (await response.json()) as { orderCode: string; appCode: string | null };
    return { code: `${orderCode.slice(0, 4)}-${orderCode.slice(4)}`, appCode };
  } catch (error) {
    return { code: `unavailable (${(error as Error).message})`, appCode: null };
  }
}

/** Calls a simulator's control API, as the technician panel does; answers an error's text or null. */
async function simulatorCall(
  device: 'idScanner' | 'qrScanner',
  path: string,
  body: unknown,
): Promise<string | null> {
  const simulator = branch.simulators[device];
  if (!simulator) return `this branch has no ${device} simulator`;
  try {
    const response = await fetch(new URL(path, simulator.controlUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return response.ok ? null : `the simulator answered ${response.status}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A fresh order in the app, its QR code held under the kiosk's QR scanner. */
async function showAppQrCode(): Promise<void> {
  const { code, appCode } = await placeCardOrder();
  if (!appCode) return console.log(`No QR code: the backend made order ${code} without one.`);
  const problem = await simulatorCall('qrScanner', '/scan', { text: appCode });
  console.log(
    problem
      ? `The QR scanner did not take the code: ${problem}`
      : `The app's QR code of order ${code} was shown to the QR scanner (the kiosk reads it on "Scan a QR code").`,
  );
}

/** A fresh order for the demo passport's holder, and the passport laid on the ID scanner. */
async function layDemoPassport(): Promise<void> {
  const { document, surname, givenNames } = DEMO_PASSPORT;
  const { code } = await placeCardOrder({ document, surname, givenNames });
  const problem = await simulatorCall('idScanner', '/place', { documentId: DEMO_PASSPORT.documentId });
  console.log(
    problem
      ? `The ID scanner did not take the passport: ${problem}`
      : `${DEMO_PASSPORT.holder}'s passport is on the ID scanner; her card order ${code} is found by it.`,
  );
}

console.log(`
Ventanilla branch is up (${Math.round(performance.now() - startedAt)} ms).

  Kiosk              ${branch.kioskUrl}
  Technician panel   ${branch.technicianUrl}   PIN ${credentials.technicianPin}
  Fleet page         ${branch.fleetUrl}   user operator, password ${credentials.operatorPassword}
  Teller console     ${branch.tellerUrl}   users ana (es, en), li (zh, en), sofia (supervisor), password ${credentials.tellerPassword}

  Card order to collect at the kiosk ("Get a debit card"): ${(await placeCardOrder()).code}
  Type "card order" and Enter for another one.

  Identify with a document or the app's QR code: on the kiosk choose "Get a debit card", then
    "Scan my ID document" and type "passport": a demo passport is laid on the ID scanner, read by
    the kiosk's OCR, and shown for the customer to confirm (the technician panel's Scanners section
    lays other documents, clean or degraded, and non-documents);
    "Scan a QR code" and type "qr": a new order's QR code from the app is held under the scanner.

  Type "backend down" or "backend up" and Enter to take the O2O backend away or bring it back:
  the kiosk works offline where its policy allows, and its backlog drains in the fleet page.

  Logs in ${branch.logDir}. Press Ctrl-C to stop everything.
`);

// Commands on standard input, for trying the kiosk offline.
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim().toLowerCase();
  if (command === 'backend down') {
    branch.stopBackend().then(() => console.log('Backend stopped: the kiosk is offline.'));
  } else if (command === 'backend up') {
    branch.startBackend().then(
      () => console.log('Backend started: the kiosk reconnects and drains its backlog.'),
      (error: Error) => console.error(`Backend did not start: ${error.message}`),
    );
  } else if (command === 'card order') {
    placeCardOrder().then(({ code }) => console.log(`New card order: ${code}`));
  } else if (command === 'passport') {
    void layDemoPassport();
  } else if (command === 'qr') {
    void showAppQrCode();
  } else if (command !== '') {
    console.log(
      'Commands: "backend down", "backend up", "card order", "passport", "qr". Ctrl-C stops everything.',
    );
  }
});

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the branch…');
  await branch.stop();
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
// Whatever happens to this process, leave no simulator or socat behind.
process.on('exit', () => {
  for (const child of branch.children.values()) child.kill();
});
