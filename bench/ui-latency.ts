import { parseArgs } from 'node:util';
import { startBenchBranch } from './lib/branch-fixture.ts';
import { allowCompiledFunctions, launchChromium, newKioskPage } from './lib/browser.ts';
import { injectLocalToggle, runTransitionsInPage, type TransitionStep } from './lib/in-page-transitions.ts';
import { describeMachine } from './lib/machine.ts';
import { type BenchResult, isMain, printResult } from './lib/result.ts';
import { ms, summarize } from './lib/stats.ts';

const TARGET_P95_MS = 100;
const WARMUP = 10;

/** attract → language by the start button, language → attract by Back, alternately. */
function kioskStep(index: number): TransitionStep {
  return index % 2 === 0
    ? {
        kind: 'kiosk',
        click: '[data-screen="attract"] .touch-button--start',
        watch: '[data-screen]',
        attribute: 'data-screen',
        value: 'language',
      }
    : {
        kind: 'kiosk',
        click: '[data-screen="language"] .screen--language .screen__footer .touch-button',
        watch: '[data-screen]',
        attribute: 'data-screen',
        value: 'attract',
      };
}

function localStep(index: number): TransitionStep {
  return {
    kind: 'local',
    click: '#bench-local-button',
    watch: '#bench-local-target',
    attribute: 'data-state',
    value: index % 2 === 0 ? 'on' : 'off',
  };
}

export async function benchUiLatency({ transitions = 120 } = {}): Promise<BenchResult> {
  const date = new Date().toISOString();
  const loadAtStart = describeMachine('');
  // Time-outs far beyond the run, so no "more time?" prompt or cancellation lands in a measurement.
  const branch = await startBenchBranch({ inactivityMs: 600_000, timeoutPromptMs: 120_000 });
  const browser = await launchChromium();
  try {
    const page = await newKioskPage(browser);
    await page.goto(branch.kioskUrl);
    await page.waitForSelector('[data-screen="attract"]', { state: 'attached', timeout: 30_000 });
    await allowCompiledFunctions(page);
    await page.evaluate(injectLocalToggle);
    // Kiosk and local transitions alternate, so both see the same moments of machine noise.
    const steps: TransitionStep[] = [];
    for (let index = 0; index < WARMUP + transitions; index++) steps.push(kioskStep(index), localStep(index));
    console.log(
      `ui-latency: ${WARMUP} warm-up + ${transitions} kiosk transitions, each followed by a local one`,
    );
    const durations = await page.evaluate(runTransitionsInPage, { steps, stepTimeoutMs: 5_000, pauseMs: 30 });
    const measured = (kind: TransitionStep['kind']) =>
      durations.filter((_, i) => steps[i]!.kind === kind && Math.floor(i / 2) >= WARMUP);
    const kiosk = summarize(measured('kiosk'));
    const local = summarize(measured('local'));
    const byDirection = (value: string) =>
      summarize(
        durations.filter(
          (_, i) => Math.floor(i / 2) >= WARMUP && steps[i]!.kind === 'kiosk' && steps[i]!.value === value,
        ),
      );
    const forward = byDirection('language');
    const back = byDirection('attract');
    return {
      id: 'ui-latency',
      title: 'UI event to the next screen painted (attract ⇄ language)',
      target: 'p95 ≤ 100 ms',
      targetMet: kiosk.p95 <= TARGET_P95_MS,
      measured: `${ms(kiosk.median)} / ${ms(kiosk.p95)} / ${ms(kiosk.max)} (${kiosk.count} transitions)`,
      baseline: `local DOM toggle in the same page, click to painted: ${ms(local.median)} / ${ms(local.p95)} / ${ms(local.max)}`,
      ratio: `${(kiosk.median / local.median).toFixed(1)}× (median), ${(kiosk.p95 / local.p95).toFixed(1)}× (p95)`,
      details: [
        `attract → language (start): ${ms(forward.median)} / ${ms(forward.p95)} / ${ms(forward.max)}; language → attract (Back): ${ms(back.median)} / ${ms(back.p95)} / ${ms(back.max)}`,
        `path of a kiosk transition: click → React onClick → bridge.send over the host's WebSocket → runtime's session machine → new view pushed back → React render → frame; the local toggle has only the last step`,
      ],
      machine: { ...loadAtStart, chromium: browser.version() },
      date,
    };
  } finally {
    await browser.close();
    await branch.stop();
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { transitions: { type: 'string', default: '120' } } });
  printResult(await benchUiLatency({ transitions: Number(values.transitions) }));
}
