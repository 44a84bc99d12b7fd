import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newKioskPage, nextPaintedFrame } from './lib/browser.ts';
import { spawnLauncher, stopLauncher } from './lib/launcher-run.ts';
import { describeMachine } from './lib/machine.ts';
import { timeToExit } from './lib/processes.ts';
import { type BenchResult, isMain, printResult } from './lib/result.ts';
import { startStaticPage } from './lib/static-page.ts';
import { median, ms, summarize } from './lib/stats.ts';

const TARGET_MS = 3_000;
const rootDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Opens a URL in a new page and resolves once `selector` is in the DOM and painted, with the
 * performance.now() at which the page existed, had loaded, and had painted.
 */
async function openUntilPainted(browser: Browser, url: string, selector: string) {
  const page = await newKioskPage(browser);
  const created = performance.now();
  await page.goto(url, { waitUntil: 'load' });
  const loaded = performance.now();
  await page.waitForSelector(selector, { state: 'attached', timeout: 30_000 });
  await nextPaintedFrame(page);
  return { page, created, loaded, painted: performance.now() };
}

/**
 * Per-process start-up cost of the TypeScript-at-run-time setup: each entry exits with a usage
 * error right after its whole module graph is loaded (ESM loads every import before any code runs).
 */
async function moduleLoadCosts(rounds: number): Promise<string[]> {
  const entries: [string, string[]][] = [
    ['node -e ""', ['-e', '']],
    ['node --import tsx -e ""', ['--import', 'tsx', '-e', '']],
    ['backend/main.ts', ['--import', 'tsx', 'backend/main.ts']],
    [
      'dist/processes/backend.mjs (bundle, plain node)',
      ['--enable-source-maps', 'dist/processes/backend.mjs'],
    ],
    ['simulators/receipt-printer/main.ts', ['--import', 'tsx', 'simulators/receipt-printer/main.ts']],
    [
      'dist/processes/receipt-printer-simulator.mjs (bundle, plain node)',
      ['--enable-source-maps', 'dist/processes/receipt-printer-simulator.mjs'],
    ],
    ['main/host/main.ts', ['--import', 'tsx', 'main/host/main.ts']],
    ['dist/processes/kiosk.mjs (bundle, plain node)', ['--enable-source-maps', 'dist/processes/kiosk.mjs']],
  ];
  const times = new Map<string, number[]>(entries.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, args] of entries)
      times.get(name)!.push(await timeToExit(process.execPath, args, rootDir));
  }
  return entries.map(([name]) => `${name}: ${ms(median(times.get(name)!))}`);
}

const PRESTART =
  'node scripts/ensure-system.mjs start && node scripts/build-renderer.mjs --if-stale && node scripts/build-processes.mjs --if-stale';

/** One run of `npm start`'s prestart scripts, with renderer and process bundles already built (so no rebuild). */
function timePrestart(): { ms: number; output: string } {
  for (const script of ['scripts/build-renderer.mjs', 'scripts/build-processes.mjs'])
    spawnSync(process.execPath, [script, '--if-stale'], { cwd: rootDir, stdio: 'ignore' });
  const started = performance.now();
  const run = spawnSync('sh', ['-c', PRESTART], { cwd: rootDir, encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (run.status !== 0) throw new Error(`prestart failed: ${run.stderr}`);
  return { ms: elapsed, output: run.stdout.trim().split('\n').join('; ') };
}

export async function benchStartup({ runs = 5 } = {}): Promise<BenchResult> {
  const date = new Date().toISOString();
  const loadAtStart = describeMachine('');
  // A kiosk's browser is already up when the software starts: launched outside the timed part.
  const browser = await launchChromium();
  const staticPage = await startStaticPage();
  const totals: number[] = [];
  const phases = {
    firstLine: [] as number[],
    children: [] as number[],
    backendAndSimulator: [] as number[],
    kioskHost: [] as number[],
    newPage: [] as number[],
    load: [] as number[],
    paint: [] as number[],
  };
  const stops: number[] = [];
  const baselineNode: number[] = [];
  const baselinePage: number[] = [];
  const notes: string[] = [];
  let processNames: string[] = [];
  try {
    console.log(`startup: ${runs} runs of the launcher to attract painted, each with its baseline`);
    for (let run = 1; run <= runs; run++) {
      // Baseline first, in the same conditions: a bare Node process, then the cheapest page.
      baselineNode.push(await timeToExit(process.execPath, ['-e', ''], rootDir));
      const baseStart = performance.now();
      const base = await openUntilPainted(browser, staticPage.url, '#static');
      baselinePage.push(base.painted - baseStart);
      await base.page.close();

      const dataDir = mkdtempSync(join(tmpdir(), 'ventanilla-bench-startup-'));
      let page: Page | null = null;
      const startedAt = performance.now();
      const launcher = await spawnLauncher(rootDir, dataDir, startedAt);
      try {
        const urlAt = performance.now();
        const kiosk = await openUntilPainted(browser, launcher.kioskUrl, '[data-screen="attract"]');
        page = kiosk.page;
        const total = kiosk.painted - startedAt;
        totals.push(total);
        const times = {
          firstLine: launcher.firstLineMs,
          children: launcher.urlMs - launcher.firstLineMs,
          newPage: kiosk.created - urlAt + (urlAt - startedAt - launcher.urlMs),
          load: kiosk.loaded - kiosk.created,
          paint: kiosk.painted - kiosk.loaded,
        };
        for (const key of Object.keys(times) as (keyof typeof times)[]) phases[key].push(times[key]);
        console.log(
          `  run ${run}: ${ms(total)} (launcher up ${ms(times.firstLine)}, children ready ${ms(times.children)}, new page ${ms(times.newPage)}, page load ${ms(times.load)}, load to attract painted ${ms(times.paint)}); baseline ${ms(baselineNode.at(-1)! + baselinePage.at(-1)!)}`,
        );
      } finally {
        await page?.close();
        const stop = await stopLauncher(launcher.child, rootDir);
        const spawned = stop.spawnedAfterMs;
        const backendAt = spawned['dist/processes/backend.mjs'] ?? spawned['backend/main.ts'];
        const kioskAt = spawned['dist/processes/kiosk.mjs'] ?? spawned['main/host/main.ts'];
        if (backendAt !== undefined && kioskAt !== undefined && page !== null) {
          // The kiosk host is spawned when backend and simulator have both announced ready.
          phases.backendAndSimulator.push(kioskAt - backendAt);
          phases.kioskHost.push(launcher.urlMs - kioskAt);
        }
        stops.push(stop.stopMs);
        processNames = stop.processNames;
        if (stop.forced) notes.push(`run ${run}: the launcher ignored SIGINT for 15 s and was killed`);
        for (const left of stop.leftovers)
          notes.push(`run ${run}: left running after the launcher exited: pid ${left.pid} ${left.command}`);
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    console.log('startup: per-process module loading (3 rounds) and one prestart run');
    const loadCosts = await moduleLoadCosts(3);
    const prestart = timePrestart();
    const summary = summarize(totals);
    const baselineMedian = median(baselineNode) + median(baselinePage);
    const result: BenchResult = {
      id: 'startup',
      title: '`npm start` (launcher alone) to attract screen painted in Chromium',
      target: 'median ≤ 3 s',
      targetMet: summary.median <= TARGET_MS,
      measured: `${ms(summary.median)} / – / ${ms(summary.max)} (${runs} run${runs === 1 ? '' : 's'}, ${totals.filter((t) => t > TARGET_MS).length} over 3 s)`,
      baseline: `${ms(baselineMedian)}: \`node -e ""\` spawn to exit ${ms(median(baselineNode))} + one-line static page to first paint ${ms(median(baselinePage))}`,
      ratio: `${(summary.median / baselineMedian).toFixed(1)}×`,
      details: [
        'where the time goes: two Node start-ups in series (the launcher; then backend, simulators and kiosk host side by side on two cores — the kiosk host also opens SQLite, recovers the journal, and opens the serial ports before it is ready); the launcher loads and transpiles-or-reads-from-cache its TypeScript module graph through tsx at run time; the kiosk host, backend and simulators each run from their esbuild bundle (dist/processes/<name>.mjs, plain node) when it is fresh, else through tsx too',
        `phases (medians): spawn → launcher's first line (Node + tsx + launcher modules) ${ms(median(phases.firstLine))}; → URLs printed ${ms(median(phases.children))}, of which the spawn of the backend to the spawn of the kiosk host ${ms(median(phases.backendAndSimulator))} (they start together) and the kiosk host's spawn to ready ${ms(median(phases.kioskHost))} (from the processes' start times in /proc, 10 ms resolution); → new browser page ${ms(median(phases.newPage))}; → kiosk page loaded ${ms(median(phases.load))}; → attract painted (bridge connects, first view, React render) ${ms(median(phases.paint))}`,
        `start-up to exit of single processes (medians of 3): ${loadCosts.join('; ')}`,
        `prestart (\`ensure-system start && build-renderer --if-stale && build-processes --if-stale\`, both already built), not in the figure above: ${ms(prestart.ms)} (${prestart.output || 'no output'}); npm's own start-up is not included either`,
        `stop: Ctrl-C (SIGINT to the launcher's group) to launcher exit, median ${ms(median(stops))}; processes per branch: ${processNames.join(', ')}; ${notes.length === 0 ? 'none left running after any run' : notes.join('; ')}`,
      ],
      machine: { ...loadAtStart, chromium: browser.version() },
      date,
    };
    return result;
  } finally {
    await staticPage.close();
    await browser.close();
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  printResult(await benchStartup({ runs: Number(values.runs) }));
}
