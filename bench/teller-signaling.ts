import { createPrivateKey, type KeyObject, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { generateKioskKeyPair } from '../backend/auth/kiosk-public-key.ts';
import { KIOSK_NAMESPACE } from '../contracts/backend-protocol.ts';
import {
  CALL_BACKEND_EVENTS,
  CALL_KIOSK_EVENTS,
  type CallAck,
  type CallRequestAck,
  type CallSignal,
  type CallStatus,
  TELLER_BACKEND_EVENTS,
  TELLER_EVENTS,
  TELLER_NAMESPACE,
  type TellerConsoleState,
  type TellerLoginReply,
} from '../contracts/teller.ts';
import { nodeCommand } from '../launcher/fresh-bundle.ts';
import { startChild } from '../launcher/child-process.ts';
import { signKioskToken } from '../main/runtime/backend/kiosk-token.ts';
import { rootDir } from './lib/branch-fixture.ts';
import { residentBytes } from './lib/processes.ts';
import { type RelayLatencies, SignalingExchange } from './lib/signaling-exchange.ts';
import { mb, median, ms, percentile } from './lib/stats.ts';

/**
 * `npm run bench:teller-signaling`: the video teller's signaling under a burst. One backend
 * process; 100 kiosks ask for a teller at once; 20 tellers take the calls as they ring, and on
 * each call teller and kiosk exchange the signaling of a real call (offer, answer, candidates,
 * media) through the backend, then the teller ends it and takes the next. Baseline in the same
 * run: the same 20 pairs and messages through a bare socket.io relay process.
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    kiosks: { type: 'string', default: '100' },
    tellers: { type: 'string', default: '20' },
    /** Writes a V8 CPU profile of each backend run into this directory (where its time goes). */
    'cpu-prof': { type: 'string' },
  },
});
const RUNS = Number(values.runs);
const KIOSKS = Number(values.kiosks);
const TELLERS = Number(values.tellers);
const PASSWORD = 'bench teller password';
const TIMEOUT_MS = 60_000;

type Figures = Record<string, number>;

function machine(): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  return `${os.cpus()[0]?.model.trim()}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, load average (1/5/15 min) ${load}`;
}

function deadline<T>(promise: Promise<T>, label: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${label}: not within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
    ),
  ]);
}

function connected(socket: Socket, label: string): Promise<void> {
  return deadline(
    new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(new Error(`${label}: ${error.message}`)));
    }),
    label,
  );
}

function startProcess(
  name: string,
  entry: string,
  args: string[],
  dir: string,
  env = {},
  nodeFlags: string[] = [],
) {
  const command = nodeCommand(rootDir, name, entry, args, nodeFlags);
  return startChild({
    name,
    command: command.command,
    args: command.args,
    cwd: rootDir,
    env: { VENTANILLA_LOG_LEVEL: 'warn', ...env },
    logFile: join(dir, `${name}.log`),
    readyTimeoutMs: 60_000,
  }).then((child) => ({ child, bundled: command.bundled }));
}

/** The backend under test: 100 kiosks, 20 tellers speaking es, en, zh on topic general. */
async function runBackend(dir: string): Promise<Figures & { bundled: number }> {
  const kiosks = Array.from({ length: KIOSKS }, (_, i) => ({
    kioskId: `bench-kiosk-${String(i + 1).padStart(3, '0')}`,
    keys: generateKioskKeyPair(),
  }));
  const kiosksFile = join(dir, 'kiosks.json');
  writeFileSync(
    kiosksFile,
    JSON.stringify(
      kiosks.map((k) => ({ kioskId: k.kioskId, name: k.kioskId, publicKey: k.keys.publicKeyPem })),
    ),
  );
  const tellerNames = Array.from({ length: TELLERS }, (_, i) => `teller${i + 1}`);
  const tellersFile = join(dir, 'tellers.json');
  writeFileSync(
    tellersFile,
    JSON.stringify(
      tellerNames.map((username) => ({
        username,
        displayName: username,
        password: PASSWORD,
        role: 'teller',
        languages: ['es', 'en', 'zh'],
        topics: ['general'],
      })),
    ),
    { mode: 0o600 },
  );
  const { child, bundled } = await startProcess(
    'backend',
    'backend/main.ts',
    ['--port', '0', '--db', join(dir, 'backend.sqlite'), '--kiosks', kiosksFile, '--tellers', tellersFile],
    dir,
    { VENTANILLA_OPERATOR_PASSWORD: 'bench operator password' },
    values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : [],
  );
  const url = String(child.ready.url);
  const pid = Number(child.ready.pid);
  const sockets: Socket[] = [];
  try {
    const latencies: RelayLatencies = { tellerToKiosk: [], kioskToTeller: [] };
    const exchanges = new Map<string, SignalingExchange>();
    const kioskOf = new Map<string, Socket>();
    const acceptedAt = new Map<string, number>();
    const acceptToConnected: number[] = [];
    const refusals: string[] = [];
    const checkAck = (what: string) => (error: Error | null, ack: CallAck) => {
      if (error) refusals.push(`${what}: no ack`);
      else if (!ack.ok) refusals.push(`${what}: ${ack.error.code}`);
    };

    // Teller consoles: HTTP login for a token, then the /teller socket; signed in away.
    const consoles = await Promise.all(
      tellerNames.map(async (username) => {
        const response = await fetch(`${url}/api/teller/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD }),
        });
        if (response.status !== 200) throw new Error(`login of ${username}: ${response.status}`);
        const { token } = (await response.json()) as TellerLoginReply;
        const socket = io(`${url}${TELLER_NAMESPACE}`, {
          auth: { token },
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
        sockets.push(socket);
        const firstState = new Promise<void>((resolve) =>
          socket.once(TELLER_BACKEND_EVENTS.state, () => resolve()),
        );
        await connected(socket, username);
        await deadline(firstState, `${username}: first state`);
        return { username, socket };
      }),
    );

    // Kiosks: the /kiosk socket with a fresh signed token, as the runtime connects.
    interface KioskRun {
      socket: Socket;
      requestedAt: number;
      firstQueued: number | null;
      queuedUpdates: number;
      endedAt: number | null;
    }
    const callsEnded = { count: 0, resolve: () => {} };
    const allEnded = new Promise<void>((resolve) => {
      callsEnded.resolve = resolve;
    });
    const firstQueuedAll = { count: 0, resolve: () => {} };
    const allQueued = new Promise<void>((resolve) => {
      firstQueuedAll.resolve = resolve;
    });
    const runs: KioskRun[] = await Promise.all(
      kiosks.map(async (kiosk) => {
        const socket = io(`${url}${KIOSK_NAMESPACE}`, {
          auth: (deliver) =>
            deliver(signKioskToken(kiosk.kioskId, createKey(kiosk.keys.privateKeyPem), 'bench')),
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
        sockets.push(socket);
        const run: KioskRun = { socket, requestedAt: 0, firstQueued: null, queuedUpdates: 0, endedAt: null };
        socket.on(CALL_BACKEND_EVENTS.status, (status: CallStatus) => {
          const at = performance.now();
          if (status.state === 'queued') {
            run.queuedUpdates += 1;
            if (run.firstQueued === null) {
              run.firstQueued = at - run.requestedAt;
              firstQueuedAll.count += 1;
              if (firstQueuedAll.count === KIOSKS) firstQueuedAll.resolve();
            }
          } else if (status.state === 'connected') {
            const accepted = acceptedAt.get(status.callId);
            if (accepted !== undefined) acceptToConnected.push(at - accepted);
          } else if (status.state === 'ended') {
            run.endedAt = at;
            callsEnded.count += 1;
            if (callsEnded.count === KIOSKS) callsEnded.resolve();
          }
        });
        socket.on(CALL_BACKEND_EVENTS.signal, (signal: CallSignal) => {
          const exchange = exchanges.get(signal.callId);
          if (!exchange) refusals.push('kiosk: signal of an unknown call');
          else exchange.kioskReceived(signal.signal);
        });
        await connected(socket, kiosk.kioskId);
        return run;
      }),
    );

    // What the consoles are sent besides signaling: their whole state on every change.
    const consoleStates = { count: 0, bytes: 0 };
    // Each console takes the call it is offered, signals, ends it when both sides have all.
    for (const { username, socket } of consoles) {
      let current: string | null = null;
      let accepting: string | null = null;
      socket.on(TELLER_BACKEND_EVENTS.state, (state: TellerConsoleState) => {
        consoleStates.count += 1;
        consoleStates.bytes += JSON.stringify(state).length;
        if (state.call && state.call.callId !== current) {
          current = state.call.callId;
          const { callId, leg } = state.call;
          const exchange = new SignalingExchange(
            callId,
            leg,
            {
              teller: (s) =>
                socket.timeout(10_000).emit(TELLER_EVENTS.signal, s, checkAck(`${username} signal`)),
              kiosk: (s) =>
                kioskOf
                  .get(callId)
                  ?.timeout(10_000)
                  .emit(CALL_KIOSK_EVENTS.signal, s, checkAck('kiosk signal')),
            },
            latencies,
          );
          exchanges.set(callId, exchange);
          exchange.start();
          void exchange.done.then(() => {
            socket.timeout(10_000).emit(TELLER_EVENTS.end, { callId }, checkAck(`${username} end`));
          });
          return;
        }
        if (!state.call) current = null;
        if (!state.call && state.offer && state.offer.callId !== accepting) {
          accepting = state.offer.callId;
          acceptedAt.set(accepting, performance.now());
          socket
            .timeout(10_000)
            .emit(TELLER_EVENTS.accept, { callId: accepting }, checkAck(`${username} accept`));
        }
      });
      socket.on(TELLER_BACKEND_EVENTS.signal, (signal: CallSignal) => {
        exchanges.get(signal.callId)?.tellerReceived(signal.signal);
      });
    }

    // The burst: every kiosk asks at once; the tellers become available once all are queued.
    const started = performance.now();
    const acks = await deadline(
      Promise.all(
        runs.map((run, i) => {
          run.requestedAt = performance.now();
          return run.socket
            .timeout(TIMEOUT_MS)
            .emitWithAck(CALL_KIOSK_EVENTS.request, {
              requestId: randomUUID(),
              topic: 'general',
              context: { language: (['es', 'en', 'zh'] as const)[i % 3], flow: null, step: null },
            })
            .then((ack: CallRequestAck) => {
              if (!ack.ok) throw new Error(`call request refused: ${ack.error.code}`);
              kioskOf.set(ack.callId, run.socket);
              return ack;
            });
        }),
      ),
      'call requests',
    );
    if (acks.length !== KIOSKS) throw new Error('not every kiosk got a call');
    await deadline(allQueued, 'first queued status of every kiosk');
    for (const { username, socket } of consoles)
      socket
        .timeout(10_000)
        .emit(TELLER_EVENTS.presence, { presence: 'available' }, checkAck(`${username} presence`));
    await deadline(allEnded, 'every call served');
    const total = Math.max(...runs.map((r) => r.endedAt ?? 0)) - started;
    // The last `end` acks and audit writes settle before the memory is read.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rss = residentBytes(pid);
    if (refusals.length > 0) throw new Error(`refused or unacknowledged: ${refusals.slice(0, 5).join('; ')}`);
    const queued = runs.map((r) => r.firstQueued ?? Number.NaN);
    const updates = runs.map((r) => r.queuedUpdates);
    return {
      bundled: bundled ? 1 : 0,
      ...relayFigures('backend', latencies),
      'accept→connected p50': percentile(acceptToConnected, 50),
      'accept→connected p99': percentile(acceptToConnected, 99),
      'accepts measured': acceptToConnected.length,
      'request→queued p50': percentile(queued, 50),
      'request→queued p99': percentile(queued, 99),
      'queued updates per kiosk median': median(updates),
      'queued updates per kiosk max': Math.max(...updates),
      'queued updates total': updates.reduce((a, b) => a + b, 0),
      'total to serve all': total,
      'console states received': consoleStates.count,
      'console state bytes': consoleStates.bytes,
      'backend RSS': rss,
    };
  } finally {
    for (const socket of sockets) socket.close();
    await child.stop();
  }
}

/** The same 20 pairs and messages through the bare relay, 5 calls a pair one after another. */
async function runBaseline(dir: string): Promise<Figures> {
  const { child } = await startProcess('bare-relay', 'bench/lib/bare-relay.ts', [], dir);
  const url = String(child.ready.url);
  const sockets: Socket[] = [];
  try {
    const latencies: RelayLatencies = { tellerToKiosk: [], kioskToTeller: [] };
    const callsPerPair = Math.ceil(KIOSKS / TELLERS);
    const started = performance.now();
    await deadline(
      Promise.all(
        Array.from({ length: TELLERS }, async (_, pair) => {
          const open = (side: 'teller' | 'kiosk') => {
            const socket = io(url, {
              auth: { pair: String(pair), side },
              transports: ['websocket'],
              forceNew: true,
            });
            sockets.push(socket);
            return socket;
          };
          const teller = open('teller');
          const kiosk = open('kiosk');
          await Promise.all([connected(teller, 'relay teller'), connected(kiosk, 'relay kiosk')]);
          let exchange: SignalingExchange | null = null;
          teller.on('signal', (s: CallSignal) => exchange?.tellerReceived(s.signal));
          kiosk.on('signal', (s: CallSignal) => exchange?.kioskReceived(s.signal));
          for (let call = 0; call < callsPerPair; call += 1) {
            exchange = new SignalingExchange(
              randomUUID(),
              1,
              {
                teller: (s) => teller.timeout(10_000).emit('signal', s, () => {}),
                kiosk: (s) => kiosk.timeout(10_000).emit('signal', s, () => {}),
              },
              latencies,
            );
            exchange.start();
            await exchange.done;
          }
        }),
      ),
      'bare relay calls',
    );
    return { ...relayFigures('bare', latencies), 'bare total': performance.now() - started };
  } finally {
    for (const socket of sockets) socket.close();
    await child.stop();
  }
}

function relayFigures(prefix: string, latencies: RelayLatencies): Figures {
  const figures: Figures = {};
  for (const [direction, samples] of [
    ['teller→kiosk', latencies.tellerToKiosk],
    ['kiosk→teller', latencies.kioskToTeller],
    ['both', [...latencies.tellerToKiosk, ...latencies.kioskToTeller]],
  ] as const) {
    figures[`${prefix} ${direction} p50`] = percentile(samples, 50);
    figures[`${prefix} ${direction} p95`] = percentile(samples, 95);
    figures[`${prefix} ${direction} p99`] = percentile(samples, 99);
    figures[`${prefix} ${direction} max`] = Math.max(...samples);
  }
  figures[`${prefix} messages`] = latencies.tellerToKiosk.length + latencies.kioskToTeller.length;
  return figures;
}

const keyCache = new Map<string, KeyObject>();
function createKey(pem: string): KeyObject {
  let key = keyCache.get(pem);
  if (!key) {
    key = createPrivateKey(pem);
    keyCache.set(pem, key);
  }
  return key;
}

function show(label: string, value: number): string {
  if (label.includes('RSS') || label.includes('bytes')) return mb(value);
  if (/messages|measured|updates|bundled|received/.test(label)) return String(value);
  return ms(value);
}

const startedAt = new Date();
const machineAtStart = machine();
console.log(`teller signaling: ${KIOSKS} kiosks, ${TELLERS} tellers, ${RUNS} run(s)`);
console.log(`machine: ${machineAtStart}`);
{
  // A discarded pass through the bare relay first: the first run of this process's socket.io
  // client code is not yet optimised, and it would weigh on whichever side went first.
  const dir = mkdtempSync(join(tmpdir(), 'ventanilla-bench-teller-'));
  try {
    await runBaseline(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const all: Figures[] = [];
for (let run = 1; run <= RUNS; run += 1) {
  const dir = mkdtempSync(join(tmpdir(), 'ventanilla-bench-teller-'));
  try {
    // Alternated, so neither side always runs on a machine warmed (or loaded) by the other.
    const order = run % 2 === 1 ? ['baseline', 'backend'] : ['backend', 'baseline'];
    let figures: Figures = {};
    for (const which of order) {
      figures = { ...figures, ...(which === 'backend' ? await runBackend(dir) : await runBaseline(dir)) };
    }
    figures['p99 ratio backend/bare'] = figures['backend both p99']! / figures['bare both p99']!;
    figures['p50 ratio backend/bare'] = figures['backend both p50']! / figures['bare both p50']!;
    all.push(figures);
    console.log(
      `\n-- run ${run} (${figures.bundled ? 'backend from its bundle' : 'backend from source through tsx'})`,
    );
    for (const [label, value] of Object.entries(figures)) {
      if (label === 'bundled') continue;
      console.log(`${label}: ${label.includes('ratio') ? `${value.toFixed(2)}×` : show(label, value)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (RUNS > 1) {
  console.log(`\n-- median of ${RUNS} runs (each run's figure, then the median)`);
  for (const label of Object.keys(all[0]!)) {
    if (label === 'bundled') continue;
    const values = all.map((f) => f[label]!);
    const format = (v: number) => (label.includes('ratio') ? `${v.toFixed(2)}×` : show(label, v));
    console.log(`${label}: ${values.map(format).join(', ')} → ${format(median(values))}`);
  }
}
console.log(`\nstarted ${startedAt.toISOString()}; machine at the end: ${machine()}`);
