/**
 * `node --import tsx bench/card-issuing.ts [--cards 10] [--idle 10] [--heap]`
 *
 * Card issuing with the card printer simulator in realistic timing (pick 0.9 s, stripe write
 * 1.2 s, read-back 0.3 s a track, print 4.5 s, eject 0.6 s, 115 200 baud on the wire): how much of
 * "Print my card" → card presented is the runtime's own (target ≤ 5 %), and the kiosk process's
 * memory while it issues cards.
 *
 * One whole branch (`startBranch`: backend, the device simulators, kiosk host; runtime defaults,
 * the receipt roll long enough for every receipt). No browser: the benchmark speaks the kiosk
 * bridge itself over the host's WebSocket (`/bridge`, the host's own Origin), as the kiosk page
 * does, so the figures hold the runtime, the backend and their IPC but no rendering. For each
 * card: a fresh order (`POST /api/card-orders` as the operator), START → English → card issuing →
 * order code → the confirmation; a short pause there, as a customer reads the screen; then the
 * clock runs from just before `CARD_CONFIRM` is written to the socket until the first pushed view
 * with `card.step === 'presenting'` is read from it (performance.now() in this process). The card
 * is taken at the simulator (`POST /take`), the flow finishes (card receipt printed), "Finish",
 * goodbye, attract.
 *
 * Device time: what the simulator counts into the card (`GET /cards/last` → `mechanicalMs`): each
 * mechanical step plus the wire time, both ways, of every command from the pick (`Si`) to the
 * end of the sequence (`Se`) after the eject — and of any command while the card waits at the
 * exit, which is taken out again here (from the simulator's command trace). The state read and
 * the `Ss` before the pick are on the wire too but not counted by the simulator (no card yet);
 * their wire time is added from their byte counts. So device = mechanical + every byte of the
 * job at 115 200 baud, and rest = total − device is the runtime, the backend approval round
 * trip, the bridge, the PTY and the simulator's own timer overshoot.
 *
 * Baseline in the same run, after each card while the kiosk idles on attract: the same command
 * sequence, with a card of the same names, expiry and last four digits (so the same front and the
 * same bytes), replayed against a second card printer simulator by a bare serialport client that
 * sends each command as soon as the previous reply is complete (bench/lib/card-replay.ts). Its
 * time beyond its device time is the floor of the serial path (simulator timers and PTY) that no
 * host can go below; each card's rest is also compared with the replay right after it, and the
 * time after each command (arrival at the simulator, less its mechanical and wire time, to the
 * next arrival) is set against the replay's, command by command.
 *
 * Where the rest goes: the simulator's command trace (VENTANILLA_LOG_LEVEL=debug for the branch:
 * the simulator logs each command as it arrives; the kiosk logs at debug only the sync batches),
 * the backend's `card number issued` log line and the pushed views (approving, producing and each
 * CARD_PHASE). Log lines carry their process's wall clock at 1 ms resolution.
 *
 * Memory: VmRSS of the kiosk host process (the runtime runs in it) every 50 ms: idle on attract
 * before the jobs, from START to attract during each job, in the last 0.5 s of a 1 s pause on
 * attract after each job (the leak check compares job N with job 1), idle again after the jobs.
 * RSS also moves with what V8 and the allocator keep or give back, so `--heap` adds the figure a
 * leak shows in: every child starts with `--inspect` on a free port, and over the kiosk's
 * inspector a full GC is forced after each job's RSS window and the V8 heap still in use read.
 * That disturbs the kiosk (an inspector session, forced collections): its RSS figures are then
 * not those of an undisturbed kiosk, so it is a separate run.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { CardProductionPhase, KioskView, PrintedCard, UiEvent } from '../contracts/index.ts';
import { compressPanelRows } from '../device-drivers/codecs/evolis/index.ts';
import { type Branch, startBranch } from '../launcher/branch.ts';
import { renderCardFront } from '../main/runtime/card-issuing/personalisation/card-front.ts';
import { cardTracks } from '../main/runtime/card-issuing/personalisation/card-tracks.ts';
import { REALISTIC_TIMINGS } from '../simulators/card-printer/card-printer-timings.ts';
import { ProcessWatch } from './cash-common.ts';
import { rootDir } from './lib/branch-fixture.ts';
import { BridgeClient } from './lib/card-bridge.ts';
import { HeapProbe, INSPECTOR_LINE } from './lib/card-heap.ts';
import { CardJobReplay, cardLike, type ReplayedJob, wireMs } from './lib/card-replay.ts';
import { peakResidentBytes, RssSampler } from './lib/card-rss.ts';
import { type CardPrinterSimState, CardTrace, exchangeBytes, type TracedCommand } from './lib/card-trace.ts';
import { describeMachine } from './lib/machine.ts';
import { currentCommit } from './report.ts';
import { mb, median, ms } from './lib/stats.ts';
import { kioskHostPid } from './lib/kiosk-process.ts';

const { values } = parseArgs({
  options: {
    cards: { type: 'string', default: '10' },
    idle: { type: 'string', default: '10' },
    heap: { type: 'boolean', default: false },
  },
});
// The simulator's feeder holds 100 cards; the backend lets a kiosk ask for 10 card numbers a
// minute, which a realistic printer never reaches.
const CARDS = Math.min(90, Math.max(2, Math.round(Number(values.cards)) || 10));
const IDLE_S = Math.min(120, Math.max(2, Number(values.idle) || 10));
const HEAP = values.heap === true;
const TARGET_SHARE = 0.05;
const ACCOUNT = '10000000001';
const SAMPLE_MS = 50;
/** At the confirmation, as a customer reads the screen before pressing "Print my card". */
const READ_PAUSE_MS = 300;
/** On attract after each job; the last half of it is the "after job i" memory window. */
const AFTER_JOB_PAUSE_MS = 1_000;
const STEP_TIMEOUT_MS = 15_000;
const JOB_TIMEOUT_MS = 60_000;
const PHASES: CardProductionPhase[] = ['picking', 'encoding', 'printing', 'ejecting'];
/** Mechanical time of a command in realistic timing (the reads and sequence commands have none). */
const MECHANICAL_MS: Record<string, number> = {
  Si: REALISTIC_TIMINGS.pick,
  Smw: REALISTIC_TIMINGS.writeStripe,
  Rm: REALISTIC_TIMINGS.readTrack,
  Sp: REALISTIC_TIMINGS.print,
  Seo: REALISTIC_TIMINGS.eject,
};
/** The command each CARD_PHASE view is sent before (produce-card.ts): picking opens the job. */
const PHASE_FIRST_COMMAND: Record<string, string> = { encoding: 'Dm', printing: 'Sr', ejecting: 'Seo' };

/** The replay's exchanges split by the CARD_PHASE view each falls under. */
function byPhase(exchanges: ReplayedJob['exchanges']): Record<string, ReplayedJob['exchanges']> {
  const starts = PHASES.map((p, i) =>
    i === 0 ? 0 : exchanges.findIndex((e) => e.command === PHASE_FIRST_COMMAND[p]),
  );
  return Object.fromEntries(
    PHASES.map((phase, i) => [phase, exchanges.slice(starts[i], starts[i + 1] ?? exchanges.length)]),
  );
}

/** Device time of some commands: mechanical + wire, both ways. */
const deviceMsOf = (exchanges: ReplayedJob['exchanges']): number =>
  exchanges.reduce((sum, e) => sum + (MECHANICAL_MS[e.command] ?? 0) + wireMs(e.bytes), 0);

interface CardJob {
  index: number;
  load: number;
  totalMs: number;
  deviceMs: number;
  /** `mechanicalMs` as the simulator reported it after the take. */
  simulatorMs: number;
  prePickWireMs: number;
  /** Wire time of commands while the card waited at the exit (counted by the simulator, removed). */
  atExitWireMs: number;
  restMs: number;
  share: number;
  /** Milliseconds after CARD_CONFIRM (null when the trace or the view did not show it). */
  at: {
    reply: number;
    approvingView: number | null;
    issuedAtBackend: number | null;
    producingView: number | null;
    phaseViews: Record<string, number | null>;
    firstCommand: number | null;
    pickCommand: number | null;
    sequenceEnd: number | null;
  };
  commands: string[];
  /** Commands of a status poll that was on the wire when the job began (they run first). */
  pollCommands: number;
  /** The replay right after this job: its time beyond its device time. */
  replayOverheadMs: number;
  /**
   * After each command of the job (from its state read to `Se`): the time from its arrival at the
   * simulator, less its mechanical and wire time, to the next command's arrival (host turnaround,
   * simulator timers, PTY); the same for the replay. Empty when the traces do not line up.
   */
  turnarounds: number[];
  replayTurnarounds: number[];
  /** The replay's commands with their bytes: this job's card, so this job's bytes. */
  exchanges: ReplayedJob['exchanges'];
  oddities: string[];
  receipt: string | null;
  takenToDoneMs: number;
  jobFrom: number;
  jobTo: number;
  afterFrom: number;
  afterTo: number;
}

const fmtPct = (share: number) => `${(100 * share).toFixed(2)} %`;
const spread = (samples: number[], format: (v: number) => string = ms) =>
  `median ${format(median(samples))}, min ${format(Math.min(...samples))}, max ${format(Math.max(...samples))}`;
const known = (values: Array<number | null>): number[] => values.filter((v): v is number => v !== null);

const machine = describeMachine('');
const machineText = `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`;
const date = new Date().toISOString();
const commit = currentCommit(rootDir);
const dataDir = mkdtempSync(join(tmpdir(), 'ventanilla-bench-card-'));
const trace = new CardTrace();
const replayTrace = new CardTrace('card-printer-replay');
const watch = new ProcessWatch();
let branch: Branch | null = null;
let bridge: BridgeClient | null = null;
let replay: CardJobReplay | null = null;
let sampler: RssSampler | null = null;
let heapProbe: HeapProbe | null = null;
let leftovers: string[] = [];
try {
  console.log(`card-issuing: ${CARDS} cards, ${IDLE_S} s idle before and after; ${machineText}`);
  console.log(
    `card-issuing: load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')} (1 / 5 / 15 min) at start, commit ${commit}`,
  );
  // The card printer simulator's command trace is at debug level; the level reaches every child.
  process.env.VENTANILLA_LOG_LEVEL = 'debug';
  // --heap: every child starts with an inspector on a free port; the kiosk's is used below.
  if (HEAP) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:0`.trim();
  let kioskInspector: string | null = null;
  const started = performance.now();
  branch = await startBranch({
    rootDir,
    dataDir,
    hostPort: 0,
    backendPort: 0,
    // Time-outs far beyond a job, so no "more time?" prompt lands in one; a short goodbye.
    kiosk: { inactivityMs: 600_000, timeoutPromptMs: 120_000, goodbyeMs: 500 },
    cardPrinter: { timing: 'realistic', autoTakeMs: 0 },
    // Each card prints a receipt; the default roll would run out after a dozen.
    printer: { paperLines: 1_000_000 },
    waitForDevices: true,
    onLogLine: (child, line) => {
      trace.onLogLine(child, line);
      const inspector = child === 'kiosk' ? INSPECTOR_LINE.exec(line) : null;
      if (inspector) kioskInspector = inspector[1]!;
    },
  });
  for (const child of branch.children.values()) watch.note(child.process.pid);
  console.log(`card-issuing: branch up with its devices ready in ${ms(performance.now() - started)}`);
  const kioskPid = kioskHostPid(branch);
  const cardPrinterUrl = branch.simulators.cardPrinter?.controlUrl;
  if (!cardPrinterUrl) throw new Error('the branch has no card printer simulator');
  const replayDir = join(dataDir, 'replay');
  mkdirSync(replayDir);
  replay = await CardJobReplay.start(rootDir, replayDir, replayTrace.onLogLine);
  watch.note(replay.pid);

  if (HEAP) {
    if (!kioskInspector) throw new Error('--heap: the kiosk printed no inspector URL');
    heapProbe = await HeapProbe.connect(kioskInspector);
  }
  const heapAfterGc: number[] = [];
  sampler = new RssSampler(kioskPid, SAMPLE_MS);
  bridge = await BridgeClient.connect(branch.kioskUrl);
  const b = bridge;
  const sim = async <T>(path: string, method = 'GET'): Promise<T> => {
    const response = await fetch(new URL(path, cardPrinterUrl), { method });
    if (response.status !== 200)
      throw new Error(`${method} ${path} at the card printer: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  const simState = async () => (await sim<{ supplies: CardPrinterSimState }>('/state')).supplies;
  const operatorAuth = `Basic ${Buffer.from(`operator:${branch.credentials.operatorPassword}`).toString('base64')}`;
  const backendUrl = branch.backendUrl;
  const newOrderCode = async (): Promise<string> => {
    const response = await fetch(`${backendUrl}/api/card-orders`, {
      method: 'POST',
      headers: { authorization: operatorAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ accountNumber: ACCOUNT }),
    });
    if (response.status !== 201)
      throw new Error(`POST /api/card-orders: HTTP ${response.status} ${await response.text()}`);
    return ((await response.json()) as { orderCode: string }).orderCode;
  };
  /** Sends an event (it must be accepted) and waits for the view it leads to. */
  const step = async (event: UiEvent, test: (view: KioskView) => boolean, what: string) => {
    const from = b.views.length;
    const reply = await b.send(event);
    if (!reply.accepted) throw new Error(`${event.type} not accepted (screen ${b.latest()?.screen})`);
    return b.waitFor(test, from, STEP_TIMEOUT_MS, what);
  };

  await b.waitFor((v) => v.screen === 'attract', 0, STEP_TIMEOUT_MS, 'screen attract');
  await sleep(2_000);
  const idleBefore = { from: performance.now(), to: 0 };
  console.log(`card-issuing: kiosk idle on attract for ${IDLE_S} s (VmRSS every ${SAMPLE_MS} ms)`);
  await sleep(IDLE_S * 1_000);
  idleBefore.to = performance.now();
  const heapBefore = heapProbe ? await heapProbe.usedAfterGc() : null;

  const jobs: CardJob[] = [];
  const replays: Array<ReplayedJob & { deviceMs: number; overheadMs: number }> = [];
  let replayCard: ReturnType<typeof cardLike> | null = null;
  /** Rendering each replayed card's front in this process (the first call loads the fonts). */
  const renderTimes: number[] = [];

  for (let index = 1; index <= CARDS; index++) {
    const orderCode = await newOrderCode();
    const jobFrom = performance.now();
    await step({ type: 'START' }, (v) => v.screen === 'language', 'screen language');
    await step({ type: 'CHOOSE_LANGUAGE', language: 'en' }, (v) => v.screen === 'menu', 'screen menu');
    await step(
      { type: 'SELECT_FLOW', flow: 'cardIssuing' },
      (v) => v.card?.step === 'chooseMethod',
      'chooseMethod',
    );
    await step(
      { type: 'CARD_CHOOSE_METHOD', method: 'orderCode' },
      (v) => v.card?.step === 'enterCode',
      'enterCode',
    );
    await step(
      { type: 'CARD_ORDER_CODE', code: orderCode },
      (v) => v.card?.step === 'confirmOrder' || v.card?.step === 'failed' || v.card?.step === 'offerMail',
      'confirmOrder',
    );
    if (b.latest()?.card?.step !== 'confirmOrder')
      throw new Error(`order not confirmable: ${JSON.stringify(b.latest()?.card)}`);
    const before = await simState();
    await sleep(READ_PAUSE_MS);

    const load = os.loadavg()[0] ?? 0;
    const from = b.views.length;
    // Log lines carry Date.now(); this process's clock is performance.now(): their offset now.
    const clockOffset = Date.now() - (performance.timeOrigin + performance.now());
    const toPerf = (epoch: number) => epoch - performance.timeOrigin - clockOffset;
    const confirmAt = performance.now();
    const replyPromise = b.send({ type: 'CARD_CONFIRM' }).then((r) => ({ r, at: performance.now() }));
    const presented = await b.waitFor(
      (v) =>
        v.card?.step === 'presenting' || ['failed', 'offerMail', 'cancelled'].includes(v.card?.step ?? ''),
      from,
      JOB_TIMEOUT_MS,
      'card.step presenting',
    );
    const totalMs = presented.at - confirmAt;
    const reply = await replyPromise;
    if (presented.view.card?.step !== 'presenting')
      throw new Error(`card ${index} not presented: ${JSON.stringify(presented.view.card)}`);
    const jobViews = b.views.slice(from, b.views.indexOf(presented) + 1);
    const firstView = (test: (v: KioskView) => boolean) => {
      const hit = jobViews.find((v) => test(v.view));
      return hit ? hit.at - confirmAt : null;
    };

    const takenAt = performance.now();
    await sim('/take', 'POST');
    const done = await b.waitFor(
      (v) => v.card?.step === 'done' || v.card?.step === 'failed',
      from,
      STEP_TIMEOUT_MS,
      'card.step done',
    );
    if (done.view.card?.step !== 'done')
      throw new Error(`card ${index} did not finish: ${JSON.stringify(done.view.card)}`);
    const printed = await sim<PrintedCard>('/cards/last');
    const after = await simState();
    await step({ type: 'CARD_CANCEL' }, (v) => v.screen === 'attract', 'screen attract');
    const jobTo = performance.now();
    await sleep(AFTER_JOB_PAUSE_MS);
    const afterTo = performance.now();
    // After the RSS window: a full collection, then what the heap still holds.
    if (heapProbe) heapAfterGc.push(await heapProbe.usedAfterGc());

    // The trace of this job: from CARD_CONFIRM to the card taken.
    const oddities: string[] = [];
    if (printed.location !== 'taken' || !printed.printed || printed.tracks.some((t) => !t.valid))
      oddities.push(
        `card ${printed.id}: ${printed.location}, printed ${printed.printed}, tracks ${JSON.stringify(printed.tracks.map((t) => t.valid))}`,
      );
    const confirmEpoch = confirmAt + performance.timeOrigin + clockOffset;
    const takenEpoch = trace.taken.find((t) => t >= confirmEpoch) ?? Number.POSITIVE_INFINITY;
    const commands = trace.commandsBetween(confirmEpoch - 1, takenEpoch + 1);
    const pick = commands.findIndex((c) => c.command === 'Si');
    const end = commands.findIndex((c, i) => i > pick && c.command === 'Se');
    let prePickBytes = 0;
    for (const c of commands.slice(0, Math.max(0, pick))) {
      const bytes = exchangeBytes(c.command, before);
      if (bytes === null) oddities.push(`unexpected ${c.command} before the pick`);
      prePickBytes += bytes ?? 0;
    }
    let atExitBytes = 0;
    const atExit = { ...after, position: 'atExit' as const };
    for (const c of end >= 0 ? commands.slice(end + 1) : []) {
      const bytes = exchangeBytes(c.command, atExit);
      if (bytes === null) oddities.push(`unexpected ${c.command} while the card waited at the exit`);
      atExitBytes += bytes ?? 0;
    }
    if (pick < 0 || end < 0)
      oddities.push('the command trace does not show the pick and the end of the sequence');
    const prePickWireMs = wireMs(prePickBytes);
    const atExitWireMs = wireMs(atExitBytes);
    const deviceMs = printed.mechanicalMs - atExitWireMs + prePickWireMs;
    const restMs = totalMs - deviceMs;
    const rel = (epoch: number | undefined) => (epoch === undefined ? null : toPerf(epoch) - confirmAt);
    jobs.push({
      index,
      load,
      totalMs,
      deviceMs,
      simulatorMs: printed.mechanicalMs,
      prePickWireMs,
      atExitWireMs,
      restMs,
      share: restMs / totalMs,
      at: {
        reply: reply.at - confirmAt,
        approvingView: firstView((v) => v.card?.step === 'approving'),
        issuedAtBackend: rel(trace.issued.find((t) => t >= confirmEpoch - 1)),
        producingView: firstView((v) => v.card?.step === 'producing'),
        phaseViews: Object.fromEntries(PHASES.map((p) => [p, firstView((v) => v.card?.phase === p)])),
        firstCommand: rel(commands[0]?.at),
        pickCommand: rel(commands[pick]?.at),
        sequenceEnd: rel(commands[end]?.at),
      },
      commands: commands.slice(0, end + 1).map((c) => c.command),
      pollCommands: 0,
      replayOverheadMs: Number.NaN,
      turnarounds: [],
      replayTurnarounds: [],
      exchanges: [],
      oddities,
      receipt: done.view.card?.receipt ?? null,
      takenToDoneMs: done.at - takenAt,
      jobFrom,
      jobTo,
      afterFrom: afterTo - AFTER_JOB_PAUSE_MS / 2,
      afterTo,
    });
    const job = jobs.at(-1)!;

    // The baseline: the same job replayed by a bare client, while the kiosk idles on attract. The
    // card is this job's (same names, expiry, last four digits): same panel, same bytes on the wire.
    replayCard = cardLike(printed);
    const renderStart = performance.now();
    const replayPanel = renderCardFront(replayCard);
    renderTimes.push(performance.now() - renderStart);
    const replayed = await replay.job(replayCard, replayPanel);
    job.exchanges = replayed.exchanges;
    const replayedCard = await replay.lastCard();
    // The replay simulator's last trace lines may still be in its stderr pipe.
    await sleep(100);
    const deviceMsReplay = replayedCard.mechanicalMs + wireMs(replayed.prePickBytes);
    replays.push({ ...replayed, deviceMs: deviceMsReplay, overheadMs: replayed.elapsedMs - deviceMsReplay });
    job.replayOverheadMs = replayed.elapsedMs - deviceMsReplay;
    // A status poll on the wire when the job began runs first; from its state read on, the job
    // must be the replay's sequence.
    job.pollCommands = Math.max(0, job.commands.indexOf('Ss') - 3);
    const own = commands.slice(job.pollCommands, job.pollCommands + replayed.commands.length);
    const replayEpoch = replayed.startedAt + performance.timeOrigin + clockOffset;
    const replayTraced = replayTrace.commandsBetween(replayEpoch - 1, replayEpoch + replayed.elapsedMs + 2);
    const sequenceOf = (traced: TracedCommand[]) => traced.map((c) => c.command).join(' ');
    if (sequenceOf(own) !== replayed.commands.join(' '))
      job.oddities.push(`the runtime's commands (${job.commands.join(' ')}) differ from the replay's`);
    else if (sequenceOf(replayTraced) !== replayed.commands.join(' '))
      job.oddities.push(`the replay's command trace (${sequenceOf(replayTraced)}) is incomplete`);
    else {
      // After each command: from its arrival, minus its mechanical and wire time, to the next one's arrival.
      const turnarounds = (traced: TracedCommand[]) =>
        traced
          .slice(0, -1)
          .map(
            (c, i) =>
              traced[i + 1]!.at -
              c.at -
              (MECHANICAL_MS[c.command] ?? 0) -
              wireMs(replayed.exchanges[i]!.bytes),
          );
      job.turnarounds = turnarounds(own);
      job.replayTurnarounds = turnarounds(replayTraced);
    }
    const beforePrinter = job.at.firstCommand;
    console.log(
      `  card ${index}: confirm → presented ${ms(totalMs)}, device ${ms(deviceMs)}, rest ${ms(restMs)} (${fmtPct(job.share)}: ${beforePrinter === null ? '?' : ms(beforePrinter)} before the first printer command, ${beforePrinter === null ? '?' : ms(totalMs - beforePrinter - deviceMs)} beyond device time after it; replay ${ms(job.replayOverheadMs)} beyond); RSS after ${mb(median(sampler.between(job.afterFrom, job.afterTo)))}; load ${load.toFixed(2)}${job.pollCommands ? `; ${job.pollCommands} command(s) of a status poll first` : ''}${job.oddities.length ? `; ${job.oddities.join('; ')}` : ''}`,
    );
    await sleep(500);
  }

  const idleAfter = { from: performance.now() + 2_000, to: 0 };
  console.log(`card-issuing: idle again for ${IDLE_S} s`);
  await sleep(2_000 + IDLE_S * 1_000);
  idleAfter.to = performance.now();
  sampler.stop();
  const peak = peakResidentBytes(kioskPid);

  // The runtime's CPU-bound personalisation, timed here in this process on the same card.
  const card = replayCard!;
  const timeIt = (fn: () => unknown, runs = 20) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      fn();
      times.push(performance.now() - t);
    }
    return median(times);
  };
  const renderMs = timeIt(() => renderCardFront(card));
  const panel = renderCardFront(card);
  const compressMs = timeIt(() => compressPanelRows(panel));
  const compressedBytes = compressPanelRows(panel).length;
  const tracksMs = timeIt(() => cardTracks(card));

  // ---- figures
  const total = jobs.map((j) => j.totalMs);
  const device = jobs.map((j) => j.deviceMs);
  const rest = jobs.map((j) => j.restMs);
  const share = jobs.map((j) => j.share);
  const met = Math.max(...share) <= TARGET_SHARE;
  const replayOverhead = replays.map((r) => r.overheadMs);
  const floor = median(replayOverhead);
  const beforePrinter = known(jobs.map((j) => j.at.firstCommand));
  const whilePrinting = jobs
    .filter((j) => j.at.firstCommand !== null)
    .map((j) => j.totalMs - j.at.firstCommand! - j.deviceMs);
  type Moment = Exclude<keyof CardJob['at'], 'phaseViews'>;
  /** From one moment of each job to another, where both are known. */
  const diff = (from: Moment, to: Moment) =>
    known(jobs.map((j) => (j.at[from] === null || j.at[to] === null ? null : j.at[to]! - j.at[from]!)));
  /** Each job's time from one CARD_PHASE view to the next (or to presenting) and its device time. */
  const phaseTimes = (phase: string, next: string | null) =>
    jobs.flatMap((j) => {
      const start = j.at.phaseViews[phase] ?? null;
      const stop = next ? (j.at.phaseViews[next] ?? null) : j.totalMs;
      if (start === null || stop === null || j.exchanges.length === 0) return [];
      return [{ gap: stop - start, device: deviceMsOf(byPhase(j.exchanges)[phase]!) }];
    });
  const idleRss = sampler.between(idleBefore.from, idleBefore.to);
  const duringRss = jobs.flatMap((j) => sampler!.between(j.jobFrom, j.jobTo));
  const afterRss = jobs.map((j) => median(sampler!.between(j.afterFrom, j.afterTo)));
  const idleAfterRss = sampler.between(idleAfter.from, idleAfter.to);
  const growth = afterRss.at(-1)! - afterRss[0]!;
  // Least-squares slope of the after-job RSS over jobs 2..N: the first job's one-time allocations
  // (fonts, canvas, code paths run for the first time) are not a trend.
  const slope = (() => {
    const ys = afterRss.slice(1);
    if (ys.length < 2) return Number.NaN;
    const xs = ys.map((_, i) => i + 2);
    const mx = xs.reduce((a, x) => a + x, 0) / xs.length;
    const my = ys.reduce((a, y) => a + y, 0) / ys.length;
    const sxy = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0);
    const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    return sxy / sxx;
  })();
  const loads = jobs.map((j) => j.load);
  const oddities = jobs.flatMap((j) => j.oddities.map((o) => `card ${j.index}: ${o}`));
  const problems = trace.problems.map((p) => `${p.child} ${p.level}: ${p.message}`);

  console.log('\n== Card issuing: confirm → card presented, realistic printer timing');
  console.log(
    `   machine:  ${machineText}; load average ${machine.load.toFixed(2)} at start, ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} at the confirms`,
  );
  console.log(`   date:     ${date}, commit ${commit}, ${CARDS} cards`);
  console.log(
    `   target:   the runtime's share of confirm → presented ≤ ${fmtPct(TARGET_SHARE)} (${met ? 'met' : 'MISSED'} on every card)`,
  );
  console.log(`   measured: (a) total ${spread(total)}`);
  console.log(
    `             (b) device ${spread(device)} (simulator's mechanicalMs ${spread(jobs.map((j) => j.simulatorMs))}; + state read and Ss before the pick ${ms(median(jobs.map((j) => j.prePickWireMs)))}; − reads at the exit ${ms(median(jobs.map((j) => j.atExitWireMs)))})`,
  );
  console.log(`             (c) rest = runtime + backend + IPC ${spread(rest)}`);
  console.log(`             (d) share = rest / total ${spread(share, fmtPct)}`);
  console.log(
    `   baseline: the same ${replays[0]?.commands.length ?? 0} commands replayed by a bare serialport client against a second simulator, ${replays.length}×: ${spread(replays.map((r) => r.elapsedMs))} for device ${ms(median(replays.map((r) => r.deviceMs)))}, overhead ${spread(replayOverhead)}`,
  );
  console.log(
    `   ratio:    total / device ${(median(total) / median(device)).toFixed(4)} (replay ${(median(replays.map((r) => r.elapsedMs)) / median(replays.map((r) => r.deviceMs))).toFixed(4)}); rest / replay overhead ${(median(rest) / floor).toFixed(1)}×`,
  );
  const paired = jobs.map((j) => j.restMs - j.replayOverheadMs);
  console.log(
    `   net:      rest − the overhead of the replay right after it ${spread(paired)} = ${spread(
      jobs.map((j, i) => paired[i]! / j.totalMs),
      fmtPct,
    )} of the total`,
  );
  console.log('   where the rest goes (medians):');
  console.log(`     before the printer's first command ${spread(beforePrinter)}:`);
  console.log(
    `       confirm → bridge reply ${ms(median(jobs.map((j) => j.at.reply)))}; → 'approving' view ${ms(median(known(jobs.map((j) => j.at.approvingView))))}`,
  );
  console.log(
    `       'approving' view → backend logs the card number issued ${ms(median(diff('approvingView', 'issuedAtBackend')))} (1 ms log clock)`,
  );
  console.log(
    `       backend issued → 'producing' view ${ms(median(diff('issuedAtBackend', 'producingView')))} (ack back, card data kept, approval journaled, front rendered, tracks built)`,
  );
  console.log(
    `       'producing' view → first printer command ${ms(median(diff('producingView', 'firstCommand')))}`,
  );
  console.log(
    `     first command → pick (state read, intent journaled, Ss) ${ms(median(diff('firstCommand', 'pickCommand')))}`,
  );
  console.log(
    `     while the printer works, beyond device time ${spread(whilePrinting)} (replay of the same commands: ${ms(floor)})`,
  );
  const phases = byPhase(replays[0]!.exchanges);
  for (const [i, phase] of PHASES.entries()) {
    const times = phaseTimes(phase, PHASES[i + 1] ?? null);
    const next = PHASES[i + 1] ? `'${PHASES[i + 1]}' view` : "'presenting' view";
    console.log(
      `       '${phase}' view → ${next} ${ms(median(times.map((t) => t.gap)))}, device ${ms(median(times.map((t) => t.device)))} (${phases[phase]!.map((e) => e.command).join(' ')}): ${ms(median(times.map((t) => t.gap - t.device)))} beyond`,
    );
  }
  const lined = jobs.filter((j) => j.turnarounds.length > 0);
  if (lined.length > 0) {
    const names = replays[0]!.commands;
    const rows = names.slice(0, -1).map((name, i) => ({
      name: `${name} → ${names[i + 1]}`,
      runtime: median(lined.map((j) => j.turnarounds[i]!)),
      replay: median(lined.map((j) => j.replayTurnarounds[i]!)),
    }));
    const sum = (key: 'runtime' | 'replay') => rows.reduce((a, r) => a + r[key], 0);
    console.log(
      `     after each command, arrival less its device time to the next arrival (${lined.length} cards, medians, 1 ms log clock): runtime ${ms(sum('runtime'))} in all, replay ${ms(sum('replay'))}`,
    );
    for (const row of rows)
      console.log(
        `       ${row.name.padEnd(10)} runtime ${ms(row.runtime).padStart(8)}   replay ${ms(row.replay).padStart(8)}`,
      );
  }
  console.log(
    `     Se arrives → 'presenting' view ${ms(median(known(jobs.map((j) => (j.at.sequenceEnd === null ? null : j.totalMs - j.at.sequenceEnd)))))} (Se's own wire time included)`,
  );
  console.log(
    `   personalisation in this process, the last card: front rendered ${ms(renderMs)} (first call ${ms(renderTimes[0]!)}), Dbc compression ${ms(compressMs)} (${compressedBytes} bytes = ${ms(wireMs(compressedBytes))} on the wire), tracks ${ms(tracksMs)}`,
  );
  console.log(
    `   take → done (card journaled, receipt printed): ${spread(jobs.map((j) => j.takenToDoneMs))}; receipts ${[...new Set(jobs.map((j) => j.receipt))].join(', ')}`,
  );
  console.log('\n== Kiosk host memory (VmRSS, main/host/main.ts)');
  console.log(`   idle before:  ${spread(idleRss, mb)} (${idleRss.length} samples over ${IDLE_S} s)`);
  console.log(
    `   during jobs:  ${spread(duringRss, mb)} (${duringRss.length} samples, START → attract of each job)`,
  );
  console.log(`   after job i:  ${afterRss.map((r) => mb(r)).join(', ')}`);
  console.log(
    `   growth:       after job ${CARDS} − after job 1 = ${mb(growth)} (${mb(growth / (CARDS - 1))} a job); trend over jobs 2..${CARDS} (least squares) ${mb(slope)} a job`,
  );
  console.log(`   idle after:   ${spread(idleAfterRss, mb)}; peak (VmHWM) ${mb(peak)}`);
  if (heapBefore !== null) {
    const heapGrowth = heapAfterGc.at(-1)! - heapAfterGc[0]!;
    console.log(
      `   V8 heap used after a full GC (--heap: inspector attached, a GC forced after each job's RSS window, so the RSS figures above are not those of an undisturbed kiosk): before the jobs ${mb(heapBefore)}; after job i ${heapAfterGc.map((h) => mb(h)).join(', ')}; job ${CARDS} − job 1 = ${mb(heapGrowth)} (${mb(heapGrowth / (CARDS - 1))} a job)`,
    );
  }
  console.log(
    `   ratio:        during / idle before ${(median(duringRss) / median(idleRss)).toFixed(2)} at the median, ${(Math.max(...duringRss) / median(idleRss)).toFixed(2)} at the max`,
  );
  console.log(`   oddities:     ${oddities.length === 0 ? 'none' : oddities.join('; ')}`);
  console.log(
    `   warnings and errors logged by the branch: ${problems.length === 0 ? 'none' : problems.join('; ')}`,
  );
  console.log(
    `SUMMARY card-issuing: ${CARDS} cards, confirm → presented median ${ms(median(total))}, device ${ms(median(device))}, rest ${ms(median(rest))}; runtime share median ${fmtPct(median(share))} / max ${fmtPct(Math.max(...share))}, target ≤ ${fmtPct(TARGET_SHARE)} ${met ? 'met' : 'MISSED'}; replay floor ${ms(floor)}, rest − paired replay median ${ms(median(paired))}; kiosk RSS idle ${mb(median(idleRss))}, during median ${mb(median(duringRss))} / max ${mb(Math.max(...duringRss))}, growth job 1 → ${CARDS} ${mb(growth)}, trend 2..${CARDS} ${mb(slope)} a job`,
  );
} finally {
  sampler?.stop();
  heapProbe?.close();
  bridge?.close();
  await replay?.stop().catch(() => undefined);
  await branch?.stop().catch(() => undefined);
  leftovers = await watch.leftovers();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(
  `   processes of the branch and the replay: ${watch.count}; left running: ${leftovers.length === 0 ? 'none' : leftovers.join('; ')}`,
);
