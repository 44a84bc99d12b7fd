import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { rootDir, startBenchBranch } from './lib/branch-fixture.ts';
import { launchChromium, newKioskPage } from './lib/browser.ts';
import { describeMachine } from './lib/machine.ts';
import { residentBytes } from './lib/processes.ts';
import { type BenchResult, isMain, printResult } from './lib/result.ts';
import { mb, median, summarize } from './lib/stats.ts';
import { kioskHostPid } from './lib/kiosk-process.ts';

const TARGET_BYTES = 150e6;

/** Samples the RSS of each named pid once a second, `count` times. */
async function sampleRss(pids: Record<string, number>, count: number): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(pids).map((name) => [name, []]));
  for (let i = 0; i < count; i++) {
    for (const [name, pid] of Object.entries(pids)) samples[name]!.push(residentBytes(pid));
    await sleep(1_000);
  }
  return samples;
}

/** One customer session through the UI: start, English, Finish, goodbye with receipt, attract. */
async function sessionRoundTrip(page: Page): Promise<void> {
  const screen = (name: string) =>
    page.waitForSelector(`[data-screen="${name}"]`, { state: 'attached', timeout: 15_000 });
  await page.click('[data-screen="attract"] .touch-button--start');
  await screen('language');
  await page.click('[data-screen="language"] [data-language="en"]');
  await screen('menu');
  await page.click('[data-screen="menu"] .screen__footer .touch-button');
  await screen('goodbye');
  await screen('attract');
}

export async function benchRuntimeMemory({
  idleSeconds = 10,
  samples = 20,
  sessions = 20,
} = {}): Promise<BenchResult> {
  const date = new Date().toISOString();
  const loadAtStart = describeMachine('');
  // The runtime's own heartbeat and device-poll intervals (not the tests' short ones); only the
  // goodbye screen is shortened, so the session round trips do not dominate the run.
  const branch = await startBenchBranch({ inactivityMs: 600_000, goodbyeMs: 500 });
  // Baseline: the smallest process that runs the same way (Node + tsx) and stays alive.
  const baseline = spawn(process.execPath, ['--import', 'tsx', '-e', 'setInterval(() => {}, 1000)'], {
    cwd: rootDir,
    stdio: 'ignore',
  });
  const browser = await launchChromium();
  try {
    const kioskPid = kioskHostPid(branch);
    if (baseline.pid === undefined) throw new Error('baseline process did not start');
    const pids: Record<string, number> = { kiosk: kioskPid, baseline: baseline.pid };
    for (const name of ['backend', 'receipt-printer-simulator']) {
      const pid = branch.children.get(name)?.process.pid;
      if (pid !== undefined) pids[name] = pid;
    }

    const page = await newKioskPage(browser);
    await page.goto(branch.kioskUrl);
    await page.waitForSelector('[data-screen="attract"]', { state: 'attached', timeout: 30_000 });
    console.log(`memory: kiosk idle on attract for ${idleSeconds} s, then ${samples} samples at 1 s`);
    await sleep(idleSeconds * 1_000);
    const idle = await sampleRss(pids, samples);
    console.log(`memory: ${sessions} session round trips through the UI, then ${samples} samples at 1 s`);
    const tripStart = performance.now();
    for (let i = 0; i < sessions; i++) await sessionRoundTrip(page);
    const tripMs = performance.now() - tripStart;
    const after = await sampleRss(pids, samples);

    const idleKiosk = summarize(idle.kiosk!);
    const afterKiosk = summarize(after.kiosk!);
    const base = summarize(idle.baseline!);
    const others = ['backend', 'receipt-printer-simulator']
      .filter((name) => idle[name])
      .map((name) => `${name} ${mb(median(idle[name]!))}`);
    return {
      id: 'memory',
      title: 'Kiosk runtime (main/host/main.ts) resident memory when idle',
      target: 'idle ≤ 150 MB (RSS)',
      // Every idle sample counts, before and after the sessions: the kiosk is idle in both.
      targetMet: idleKiosk.max <= TARGET_BYTES && afterKiosk.max <= TARGET_BYTES,
      measured: `${mb(idleKiosk.median)} / – / ${mb(idleKiosk.max)} idle; ${mb(afterKiosk.median)} / – / ${mb(afterKiosk.max)} after ${sessions} sessions`,
      baseline: `\`node --import tsx -e "setInterval(…)"\` after the same idle time: ${mb(base.median)}`,
      ratio: `${(idleKiosk.median / base.median).toFixed(1)}× idle, ${(afterKiosk.median / base.median).toFixed(1)}× after sessions`,
      details: [
        `idle: ${idleSeconds} s on attract with the UI connected (heartbeat and device polling at the runtime's defaults), then ${samples} VmRSS samples 1 s apart; again after ${sessions} sessions (start → English → Finish → goodbye with printed receipt → attract, ${(tripMs / sessions / 1000).toFixed(1)} s each)`,
        `the branch's other processes, idle medians: ${others.join(', ')}`,
        `MB = 10^6 bytes`,
      ],
      machine: { ...loadAtStart, chromium: browser.version() },
      date,
    };
  } finally {
    await browser.close();
    baseline.kill();
    await branch.stop();
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      idle: { type: 'string', default: '10' },
      samples: { type: 'string', default: '20' },
      sessions: { type: 'string', default: '20' },
    },
  });
  printResult(
    await benchRuntimeMemory({
      idleSeconds: Number(values.idle),
      samples: Number(values.samples),
      sessions: Number(values.sessions),
    }),
  );
}
