import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import type { DeviceId } from '../contracts/index.ts';
import { type ManagedChild, startChild } from './child-process.ts';
import { type BranchCredentials, loadOrCreateCredentials } from './credentials.ts';
import { bundleOrSource, nodeCommand } from './fresh-bundle.ts';

export interface BranchOptions {
  /** The repository root (where node_modules and the sources are). */
  rootDir: string;
  /** Where the branch keeps its databases, credentials, PTY links and logs. */
  dataDir: string;
  /** 0 picks a free port (tests); `npm start` uses fixed ones so the URLs stay the same. */
  hostPort: number;
  backendPort: number;
  /** Kiosk settings that tests shorten; the rest come from the runtime's defaults. */
  kiosk?: {
    inactivityMs?: number;
    timeoutPromptMs?: number;
    goodbyeMs?: number;
    heartbeatMs?: number;
    devicePollMs?: number;
    requiredDevices?: DeviceId[];
    cardTakeTimeoutMs?: number;
    cardMaxAttempts?: number;
    call?: { queueTimeoutMs: number; reconnectMs: number; endedMs: number; requestTimeoutMs: number };
  };
  backendHeartbeatTimeoutMs?: number;
  /** Receipt printer simulator: per-byte reply delay (≈1 ms is 9600 baud) and roll length. */
  printer?: { byteDelayMs?: number; paperLines?: number };
  /**
   * Card printer simulator: `realistic` takes seconds per card like a desktop printer (`npm
   * start`), `fast` tens of ms (tests); `autoTakeMs` is how long the simulated customer leaves a
   * card at the exit before taking it (0 = never: the card waits for `POST /take`).
   */
  cardPrinter?: { timing?: 'fast' | 'realistic'; autoTakeMs?: number; byteDelayMs?: number };
  /** ID scanner simulator: `realistic` takes a few hundred ms to capture (`npm start`), `fast` tens (tests). */
  idScanner?: { timing?: 'fast' | 'realistic' };
  /** Run the kiosk UI in Electron with this binary (main bundle built in dist/electron); else the browser host. */
  electronBinary?: string | null;
  /** Which simulated devices the branch has; all by default. */
  devices?: DeviceId[];
  /** Resolve only once the kiosk reports every device ready and the backend connected (tests). */
  waitForDevices?: boolean;
  /** Each stderr line of a child, with the child's name. */
  onLogLine?: (child: string, line: string) => void;
}

export interface Branch {
  kioskUrl: string;
  technicianUrl: string;
  fleetUrl: string;
  /** The teller console, served by the backend (demo tellers: launcher/demo-tellers.json). */
  tellerUrl: string;
  backendUrl: string;
  credentials: BranchCredentials;
  receiptPrinter: { controlUrl: string; hostPath: string };
  /** Each simulated device's control API and the kiosk end of its PTY pair. */
  simulators: Partial<Record<DeviceId, { controlUrl: string; hostPath: string }>>;
  children: Map<string, ManagedChild>;
  logDir: string;
  /** Takes the O2O backend down (the kiosk goes offline and queues its records). */
  stopBackend(): Promise<void>;
  /** Kills the backend at once (no goodbye to its kiosks and tellers), as a crash or a cut network would. */
  crashBackend(): Promise<void>;
  /** Brings the backend back on the same port and database; the kiosk reconnects and drains. */
  startBackend(): Promise<void>;
  /**
   * Kills the kiosk at once (SIGKILL: a crash or a power cut, nothing flushed) and starts it
   * again on the same config, port and database. Resolves once it is up again.
   */
  crashKiosk(): Promise<void>;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;
const KIOSK_ENTRY = 'main/host/main.ts';
/** Programs several processes run, by their bundle's name (scripts/build-processes.mjs). */
const BUNDLE_OF_ENTRY: Record<string, string> = { 'simulators/hid-scanner/main.ts': 'hid-scanner-simulator' };
/** The OCR worker's process, started by the kiosk runtime itself (bundle when fresh). */
const OCR_ENTRY = 'main/ocr/ocr-process.ts';
/*
 * Every Node child (kiosk host, backend, simulators) is bundled by scripts/build-processes.mjs
 * into dist/processes/<name>.mjs under its name here, with esbuild's metafile listing its sources.
 * Started with plain Node each skips tsx's loading and transforming of its TypeScript module graph
 * (about 140 modules for the kiosk, 20–75 for the others), which on two cores took most of the
 * branch's start-up. A bundle is used only while fresh (launcher/fresh-bundle.ts); otherwise that
 * process runs from source.
 */
/**
 * The kiosk polls its devices every few tens of ms, a steady trickle of short-lived objects: with
 * V8's default young generation (16 MB semi-spaces) the heap fills it before each scavenge, and an
 * idle kiosk sat at about 146 MB resident. 2 MB semi-spaces scavenge sooner (each well under a
 * millisecond) and hold it at about 104 MB (docs/benchmarks.md, memory).
 */
const KIOSK_NODE_FLAGS = ['--max-semi-space-size=2'];

/** The simulated devices of the embedded branch: where each runs and where the kiosk finds it. */
interface SimulatorSpec {
  device: DeviceId;
  name: string;
  entry: string;
  /** Name of its link in the run folder: a PTY pair (`<link>.host`/`.device`) or a HID socket (`<link>.sock`). */
  link: string;
  /** A serial device on a PTY pair, or a USB HID device the kiosk reaches through the simulator's socket. */
  transport: 'serial' | 'hid';
  /** The kiosk config entries that point the kiosk at it (`hostPath`: the PTY's host end or the socket). */
  kioskConfig: (hostPath: string) => Record<string, unknown>;
  extraArgs: (options: BranchOptions) => string[];
}

const SIMULATORS: SimulatorSpec[] = [
  {
    device: 'receiptPrinter',
    name: 'receipt-printer-simulator',
    entry: 'simulators/receipt-printer/main.ts',
    link: 'receipt-printer',
    transport: 'serial',
    kioskConfig: (path) => ({ receiptPrinterPath: path }),
    extraArgs: (o) => [
      '--byte-delay-ms',
      String(o.printer?.byteDelayMs ?? 1),
      ...(o.printer?.paperLines ? ['--paper-lines', String(o.printer.paperLines)] : []),
    ],
  },
  {
    device: 'cardPrinter',
    name: 'card-printer-simulator',
    entry: 'simulators/card-printer/main.ts',
    link: 'card-printer',
    transport: 'serial',
    kioskConfig: (path) => ({ cardPrinterPath: path }),
    extraArgs: (o) => [
      '--timing',
      o.cardPrinter?.timing ?? 'realistic',
      '--auto-take-ms',
      String(o.cardPrinter?.autoTakeMs ?? 3_000),
      ...(o.cardPrinter?.byteDelayMs !== undefined
        ? ['--byte-delay-ms', String(o.cardPrinter.byteDelayMs)]
        : []),
    ],
  },
  {
    device: 'billValidator',
    name: 'bill-validator-simulator',
    entry: 'simulators/cctalk/bill-validator-main.ts',
    link: 'bill-validator',
    transport: 'serial',
    kioskConfig: (path) => ({ billValidatorPath: path }),
    extraArgs: () => [],
  },
  {
    device: 'coinAcceptor',
    name: 'coin-acceptor-simulator',
    entry: 'simulators/cctalk/coin-acceptor-main.ts',
    link: 'coin-acceptor',
    transport: 'serial',
    kioskConfig: (path) => ({ coinAcceptorPath: path }),
    extraArgs: () => [],
  },
  {
    device: 'coinHopper',
    name: 'coin-hopper-simulator',
    entry: 'simulators/cctalk/hopper-main.ts',
    link: 'coin-hopper',
    transport: 'serial',
    kioskConfig: (path) => ({ coinHopperPath: path }),
    extraArgs: () => [],
  },
  {
    device: 'idScanner',
    name: 'id-scanner-simulator',
    entry: 'simulators/id-scanner/main.ts',
    link: 'id-scanner',
    transport: 'serial',
    kioskConfig: (path) => ({ idScanner: { mode: 'serialImage', path } }),
    extraArgs: (o) => ['--timing', o.idScanner?.timing ?? 'realistic'],
  },
  {
    device: 'qrScanner',
    name: 'qr-scanner-simulator',
    entry: 'simulators/hid-scanner/main.ts',
    link: 'qr-scanner',
    transport: 'hid',
    kioskConfig: (socketPath) => ({
      qrScanner: { mode: 'hidPos', hid: { transport: 'simulated', socketPath } },
    }),
    extraArgs: () => ['--device', 'qrScanner', '--mode', 'hidPos'],
  },
];
const ALL_DEVICES = SIMULATORS.map((s) => s.device);
/** A crashed simulator stays down this long before it is started again, like a power-cycled device. */
const SIMULATOR_RESTART_DELAY_MS = 3_000;

/** A port free on 127.0.0.1 now (the OS picks it; it is released for the child to take). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls the kiosk host's health until its devices are ready and its backend link is up. */
async function kioskSettled(kioskUrl: string, timeoutMs: number): Promise<void> {
  const health = new URL('/healthz', kioskUrl);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const body = (await (await fetch(health)).json()) as {
        backendOnline?: boolean;
        devices?: Array<{ ready: boolean }>;
      };
      last = JSON.stringify(body);
      if (body.backendOnline && body.devices?.every((d) => d.ready)) return;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the kiosk did not settle within ${timeoutMs} ms: ${last}`);
}

/** `args` with `--name value` set to `value`, replacing an earlier value. */
function withOption(args: readonly string[], name: string, value: string): string[] {
  const at = args.indexOf(name);
  if (at < 0) return [...args, name, value];
  const copy = [...args];
  copy[at + 1] = value;
  return copy;
}

/**
 * Brings up a whole branch on loopback: the O2O backend, the device simulators on PTY pairs, and
 * the kiosk (runtime + browser host). Each runs as its own process group; `stop()` ends them all,
 * kiosk first so it can finish with its devices, and nothing is left behind if a start fails.
 */
export async function startBranch(options: BranchOptions): Promise<Branch> {
  const { rootDir, dataDir } = options;
  const runDir = join(dataDir, 'run');
  const logDir = join(dataDir, 'logs');
  for (const dir of [dataDir, runDir, logDir]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const credentials = loadOrCreateCredentials(join(dataDir, 'credentials.json'));
  const children = new Map<string, ManagedChild>();
  const start = async (name: string, entry: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
    const child = await startChild({
      name,
      // Chosen at every start, a simulator's restart included (sources edited since the build
      // make a bundle stale, and that process then runs from source as tsx transforms it).
      ...nodeCommand(
        rootDir,
        BUNDLE_OF_ENTRY[entry] ?? name,
        entry,
        args,
        entry === KIOSK_ENTRY ? KIOSK_NODE_FLAGS : [],
      ),
      cwd: rootDir,
      env,
      logFile: join(logDir, `${name}.log`),
      readyTimeoutMs: READY_TIMEOUT_MS,
      onLogLine: options.onLogLine ? (line) => options.onLogLine?.(name, line) : undefined,
    });
    children.set(name, child);
    return child;
  };
  /** The kiosk in Electron: the same runtime, the UI in a hardened window, the panel on loopback. */
  const startElectronKiosk = async (binary: string, configFile: string) => {
    const child = await startChild({
      name: 'kiosk',
      command: binary,
      args: [join(rootDir, 'dist', 'electron', 'main.mjs')],
      cwd: rootDir,
      env: { VENTANILLA_KIOSK_CONFIG: configFile, VENTANILLA_TECHNICIAN_PORT: String(options.hostPort) },
      logFile: join(logDir, 'kiosk.log'),
      readyTimeoutMs: READY_TIMEOUT_MS,
      onLogLine: options.onLogLine ? (line) => options.onLogLine?.('kiosk', line) : undefined,
    });
    children.set('kiosk', child);
    return child;
  };
  let stopping = false;
  /**
   * A simulator that dies is started again on the same PTY links, as a device that is power-cycled.
   * Its old socat is killed with its process group first, so the kiosk's driver sees the port go
   * away and reopens it, instead of writing forever into a pair nobody reads.
   */
  const superviseSimulator = (name: string, entry: string, firstArgs: string[]) => {
    const watch = (child: ManagedChild) => {
      // Restart on the same control port, so the technician panel keeps reaching it.
      const args = withOption(firstArgs, '--control-port', new URL(String(child.ready.controlUrl)).port);
      child.process.once('exit', (code, signal) => {
        if (stopping) return;
        child.kill();
        options.onLogLine?.(name, `simulator exited (code ${code}, signal ${signal}); restarting`);
        setTimeout(() => {
          if (stopping) return;
          start(name, entry, args).then(watch, (error: Error) =>
            options.onLogLine?.(name, `simulator restart failed: ${error.message}`),
          );
        }, SIMULATOR_RESTART_DELAY_MS);
      });
    };
    return start(name, entry, firstArgs).then((child) => {
      watch(child);
      return child;
    });
  };
  const stop = async () => {
    stopping = true;
    for (const name of ['kiosk', ...SIMULATORS.map((sim) => sim.name), 'backend']) {
      // The kiosk may be finishing a card job (it waits up to 10 s for a safe point).
      await children.get(name)?.stop(name === 'kiosk' ? 12_000 : undefined);
      children.delete(name);
    }
    for (const child of children.values()) await child.stop();
    children.clear();
  };

  try {
    const kiosksFile = join(dataDir, 'kiosks.json');
    writeFileSync(
      kiosksFile,
      JSON.stringify([
        { kioskId: credentials.kioskId, name: credentials.kioskName, publicKey: credentials.kioskPublicKey },
      ]),
      { mode: 0o600 },
    );
    // Ports and PTY paths are fixed before anything starts, so the backend, the simulators and
    // the kiosk start side by side: the kiosk's drivers and backend link retry until their peers
    // are up, and start-up costs one process start instead of two in a row.
    const backendPort = options.backendPort || (await freeLoopbackPort());
    const backendUrl = `http://127.0.0.1:${backendPort}`;
    const simulated = SIMULATORS.filter((s) => (options.devices ?? ALL_DEVICES).includes(s.device));
    const endpoints = new Map<DeviceId, { controlUrl: string; hostPath: string; controlPort: number }>();
    for (const simulator of simulated) {
      const controlPort = await freeLoopbackPort();
      endpoints.set(simulator.device, {
        controlPort,
        controlUrl: `http://127.0.0.1:${controlPort}`,
        hostPath: join(
          runDir,
          simulator.transport === 'hid' ? `${simulator.link}.sock` : `${simulator.link}.host`,
        ),
      });
      // A link left by an earlier run points at a PTY number another program may hold by now:
      // remove it before the kiosk's driver could open it.
      for (const end of ['host', 'device', 'sock'])
        rmSync(join(runDir, `${simulator.link}.${end}`), { force: true });
    }
    // The demo tellers, with the branch's tellers' password: the backend stores only its hash.
    const tellersFile = join(dataDir, 'tellers.json');
    const demoTellers = JSON.parse(
      readFileSync(join(rootDir, 'launcher', 'demo-tellers.json'), 'utf8'),
    ) as object[];
    writeFileSync(
      tellersFile,
      JSON.stringify(demoTellers.map((teller) => ({ ...teller, password: credentials.tellerPassword }))),
      { mode: 0o600 },
    );
    const backendArgs = [
      '--port',
      String(backendPort),
      '--db',
      join(dataDir, 'backend.sqlite'),
      '--kiosks',
      kiosksFile,
      '--accounts',
      join(rootDir, 'launcher', 'demo-accounts.json'),
      '--card-orders',
      join(rootDir, 'launcher', 'demo-card-orders.json'),
      '--tellers',
      tellersFile,
    ];
    if (options.backendHeartbeatTimeoutMs)
      backendArgs.push('--heartbeat-timeout-ms', String(options.backendHeartbeatTimeoutMs));
    // The password goes by environment, not argv, where any local user could read it.
    const backendEnv = {
      VENTANILLA_OPERATOR_PASSWORD: credentials.operatorPassword,
      VENTANILLA_APP_CODE_PRIVATE_KEY: credentials.appCodePrivateKey,
    };

    const deviceConfig = Object.assign(
      {},
      ...simulated.map((s) => s.kioskConfig(endpoints.get(s.device)?.hostPath ?? '')),
    ) as Record<string, unknown>;
    const kioskConfigFile = join(dataDir, 'kiosk-config.json');
    writeFileSync(
      kioskConfigFile,
      JSON.stringify(
        {
          kioskId: credentials.kioskId,
          kioskPrivateKey: credentials.kioskPrivateKey,
          backendUrl,
          databasePath: join(dataDir, 'kiosk.sqlite'),
          ...deviceConfig,
          appCodePublicKey: credentials.appCodePublicKey,
          ocrProcessEntry: bundleOrSource(rootDir, 'ocr', OCR_ENTRY),
          technicianPin: credentials.technicianPin,
          simulators: [...endpoints].map(([device, e]) => ({ device, controlUrl: e.controlUrl })),
          ...options.kiosk,
        },
        null,
        2,
      ),
      { mode: 0o600 },
    );
    const startKiosk = (port: number) =>
      options.electronBinary
        ? startElectronKiosk(options.electronBinary, kioskConfigFile)
        : start('kiosk', KIOSK_ENTRY, [
            '--config',
            kioskConfigFile,
            '--port',
            String(port),
            '--static-dir',
            join(rootDir, 'dist', 'renderer'),
          ]);
    const [, kiosk] = await Promise.all([
      start('backend', 'backend/main.ts', backendArgs, backendEnv),
      startKiosk(options.hostPort),
      ...simulated.map((simulator) => {
        const endpoint = endpoints.get(simulator.device)!;
        const link =
          simulator.transport === 'hid'
            ? ['--socket', endpoint.hostPath]
            : ['--host-link', endpoint.hostPath, '--device-link', join(runDir, `${simulator.link}.device`)];
        return superviseSimulator(simulator.name, simulator.entry, [
          ...link,
          '--control-port',
          String(endpoint.controlPort),
          ...simulator.extraArgs(options),
        ]);
      }),
    ]);
    const simulators = Object.fromEntries(
      [...endpoints].map(([device, e]) => [device, { controlUrl: e.controlUrl, hostPath: e.hostPath }]),
    ) as Branch['simulators'];
    const receiptPrinter = simulators.receiptPrinter ?? { controlUrl: '', hostPath: '' };
    if (options.waitForDevices) await kioskSettled(String(kiosk.ready.kioskUrl), READY_TIMEOUT_MS);
    return {
      kioskUrl: String(kiosk.ready.kioskUrl),
      technicianUrl: String(kiosk.ready.technicianUrl),
      fleetUrl: `${backendUrl}/fleet`,
      tellerUrl: `${backendUrl}/teller/`,
      backendUrl,
      credentials,
      receiptPrinter,
      simulators,
      children,
      logDir,
      stopBackend: async () => {
        await children.get('backend')?.stop();
        children.delete('backend');
      },
      crashBackend: async () => {
        const running = children.get('backend');
        if (!running) return;
        const exited = new Promise((resolve) => running.process.once('exit', resolve));
        running.kill();
        await exited;
        children.delete('backend');
      },
      startBackend: async () => {
        if (children.has('backend')) return;
        await start('backend', 'backend/main.ts', backendArgs, backendEnv);
      },
      crashKiosk: async () => {
        const running = children.get('kiosk');
        if (running) {
          const exited = new Promise((resolve) => running.process.once('exit', resolve));
          running.kill();
          await exited;
          children.delete('kiosk');
        }
        // The same port, so the kiosk's URL (and a browser on it) stays valid across the crash.
        await startKiosk(Number(new URL(String(kiosk.ready.kioskUrl)).port));
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
