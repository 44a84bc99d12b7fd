import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startBranch } from '../launcher/branch.ts';
import { rootDir } from './lib/branch-fixture.ts';
import { launchChromium, newKioskPage } from './lib/browser.ts';
import { markStale, pollFirstFrames } from './lib/first-frame-poll.ts';
import { ms, percentile, summarize } from './lib/stats.ts';

/**
 * `npm run bench:teller-first-frame`: a whole branch and Chromium with fake cameras; a customer
 * asks for a video teller from the kiosk's menu, the teller's console (signed in once, available)
 * accepts, and the benchmark times accept → first video frame decoded on each side. Baseline in
 * the same run: two peer connections in one page of the same browser, negotiated directly (no
 * signaling server, cameras already open), timed the same way.
 */
const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '20' },
    'poll-ms': { type: 'string', default: '20' },
  },
});
const CALLS = Number(values.calls);
const POLL_MS = Number(values['poll-ms']);
const TIMEOUT = 20_000;
const TARGET_P95_MS = 2_000;

function load(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

/** One call from the kiosk's menu: start, English, video teller, consent; the teller accepts. */
async function oneCall(kiosk: Page, teller: Page) {
  await kiosk.getByRole('button', { name: /Touch to start/ }).click({ timeout: TIMEOUT });
  await kiosk.getByRole('button', { name: 'English' }).click({ timeout: TIMEOUT });
  await kiosk.locator('[data-flow="videoTeller"]').click({ timeout: TIMEOUT });
  await kiosk.getByTestId('call-consent-accept').click({ timeout: TIMEOUT });
  const accept = teller.getByTestId('offer-accept');
  await accept.waitFor({ state: 'visible', timeout: TIMEOUT });
  await Promise.all([markStale(kiosk, '__kioskPeer'), markStale(teller, '__tellerPeer')]);
  const t0 = performance.now();
  await accept.click({ timeout: TIMEOUT });
  const clicked = performance.now() - t0;
  const { firstFrame, peerSeen, gaps } = await pollFirstFrames(
    [
      { page: kiosk, hook: '__kioskPeer' },
      { page: teller, hook: '__tellerPeer' },
    ],
    t0,
    { periodMs: POLL_MS, timeoutMs: TIMEOUT },
  );
  // The call ends as the e2e test ends it; the customer finishes and the kiosk goes back to attract.
  await teller.getByTestId('end-call').click({ timeout: TIMEOUT });
  await kiosk.getByTestId('call-ended-ok').click({ timeout: TIMEOUT });
  await kiosk
    .getByRole('button', { name: /Finish/ })
    .first()
    .click({ timeout: TIMEOUT });
  await kiosk.getByRole('button', { name: /Touch to start/ }).waitFor({ state: 'visible', timeout: TIMEOUT });
  return {
    kiosk: firstFrame[0]!,
    teller: firstFrame[1]!,
    kioskPeer: peerSeen[0]!,
    tellerPeer: peerSeen[1]!,
    clicked,
    gaps,
  };
}

/** Two peer connections in one page, cameras open beforehand, offer/answer/candidates handed over directly. */
async function bareCall(page: Page) {
  await page.evaluate(async () => {
    const w = window as unknown as Record<string, unknown>;
    for (const name of ['__benchA', '__benchB']) (w[name] as RTCPeerConnection | undefined)?.close();
    delete w.__benchA;
    delete w.__benchB;
    if (!w.__benchStreams) {
      w.__benchStreams = await Promise.all([
        navigator.mediaDevices.getUserMedia({ video: true, audio: true }),
        navigator.mediaDevices.getUserMedia({ video: true, audio: true }),
      ]);
    }
  });
  const t0 = performance.now();
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const [streamA, streamB] = w.__benchStreams as MediaStream[];
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    w.__benchA = a;
    w.__benchB = b;
    for (const track of streamA!.getTracks()) a.addTrack(track, streamA!);
    for (const track of streamB!.getTracks()) b.addTrack(track, streamB!);
    a.onicecandidate = (event) => {
      if (event.candidate) void b.addIceCandidate(event.candidate);
    };
    b.onicecandidate = (event) => {
      if (event.candidate) void a.addIceCandidate(event.candidate);
    };
    void (async () => {
      await a.setLocalDescription(await a.createOffer());
      await b.setRemoteDescription(a.localDescription!);
      await b.setLocalDescription(await b.createAnswer());
      await a.setRemoteDescription(b.localDescription!);
    })();
  });
  const { firstFrame } = await pollFirstFrames(
    [
      { page, hook: '__benchA' },
      { page, hook: '__benchB' },
    ],
    t0,
    { periodMs: POLL_MS, timeoutMs: TIMEOUT },
  );
  return { a: firstFrame[0]!, b: firstFrame[1]! };
}

const startedAt = new Date();
const loadAtStart = load();
const dataDir = mkdtempSync(join(tmpdir(), 'ventanilla-bench-first-frame-'));
const branch = await startBranch({
  rootDir,
  dataDir,
  hostPort: 0,
  backendPort: 0,
  kiosk: {
    inactivityMs: 60_000,
    timeoutPromptMs: 10_000,
    goodbyeMs: 1_000,
    heartbeatMs: 500,
    devicePollMs: 200,
  },
  cardPrinter: { timing: 'fast', autoTakeMs: 0, byteDelayMs: 0 },
  idScanner: { timing: 'fast' },
  waitForDevices: true,
}).catch((error: unknown) => {
  // startBranch stops what it started; the data directory is this benchmark's.
  rmSync(dataDir, { recursive: true, force: true });
  throw error;
});
const browser = await launchChromium();
try {
  const kiosk = await newKioskPage(browser);
  await kiosk.goto(branch.kioskUrl);
  const tellerContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const teller = await tellerContext.newPage();
  await teller.goto(new URL('/teller/', branch.backendUrl).toString());
  await teller.getByTestId('login-username').fill('ana');
  await teller.getByTestId('login-password').fill(branch.credentials.tellerPassword);
  await teller.getByTestId('login-submit').click();
  const presence = teller.getByTestId('presence-toggle');
  await teller.locator('[data-testid="presence-toggle"][aria-pressed="false"]').waitFor({ timeout: TIMEOUT });
  await presence.click();
  await teller.locator('[data-testid="presence-toggle"][aria-pressed="true"]').waitFor({ timeout: TIMEOUT });
  const bareContext = await browser.newContext();
  const bare = await bareContext.newPage();
  // A page of the branch's own origin: loopback is a secure context, so the camera may open.
  await bare.goto(new URL('/healthz', branch.kioskUrl).toString());

  const kioskFrames: number[] = [];
  const tellerFrames: number[] = [];
  const bothFrames: number[] = [];
  const clicks: number[] = [];
  const kioskPeers: number[] = [];
  const tellerPeers: number[] = [];
  const peerToFrame: number[] = [];
  const bareBoth: number[] = [];
  const gaps: number[] = [];
  console.log(`teller first frame: ${CALLS} calls, polled every ${POLL_MS} ms`);
  console.log(
    `machine: ${os.cpus()[0]?.model.trim()}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, Chromium ${browser.version()}, load average (1/5/15 min) ${loadAtStart}`,
  );
  console.log(`branch's children: ${[...branch.children.keys()].join(', ')}`);
  for (let call = 1; call <= CALLS; call += 1) {
    const result = await oneCall(kiosk, teller);
    const baseline = await bareCall(bare);
    kioskFrames.push(result.kiosk);
    tellerFrames.push(result.teller);
    bothFrames.push(Math.max(result.kiosk, result.teller));
    clicks.push(result.clicked);
    kioskPeers.push(result.kioskPeer);
    tellerPeers.push(result.tellerPeer);
    peerToFrame.push(Math.max(result.kiosk, result.teller) - Math.max(result.kioskPeer, result.tellerPeer));
    bareBoth.push(Math.max(baseline.a, baseline.b));
    gaps.push(...result.gaps);
    console.log(
      `call ${call}: kiosk ${ms(result.kiosk)}, teller ${ms(result.teller)}; peers seen kiosk ${ms(result.kioskPeer)}, teller ${ms(result.tellerPeer)} (click returned after ${ms(result.clicked)}); bare pair ${ms(baseline.a)} / ${ms(baseline.b)}`,
    );
  }
  const line = (label: string, samples: number[]) => {
    const s = summarize(samples);
    return `${label}: p50 ${ms(percentile(samples, 50))} / p95 ${ms(s.p95)} / max ${ms(s.max)} (min ${ms(s.min)})`;
  };
  console.log('\n-- accept clicked → first video frame decoded (bench clock)');
  console.log(line('kiosk (teller’s camera)', kioskFrames));
  console.log(line('teller (kiosk’s camera)', tellerFrames));
  console.log(line('both (the later of the two)', bothFrames));
  const p95 = percentile(bothFrames, 95);
  console.log(`target both p95 ≤ ${ms(TARGET_P95_MS)}: ${p95 <= TARGET_P95_MS ? 'met' : 'NOT met'}`);
  console.log(line('baseline: bare pair in one page, both', bareBoth));
  console.log(
    `ratio both p50 / baseline p50: ${(percentile(bothFrames, 50) / percentile(bareBoth, 50)).toFixed(1)}×`,
  );
  console.log(line('accept clicked → kiosk page has its peer connection', kioskPeers));
  console.log(line('accept clicked → teller page has its peer connection', tellerPeers));
  console.log(line('later peer seen → later first frame', peerToFrame));
  console.log(line('accept click (Playwright click call) itself', clicks));
  console.log(
    `polling resolution: every ${POLL_MS} ms, gaps between completed polls p50 ${ms(percentile(gaps, 50))} / p95 ${ms(percentile(gaps, 95))} / max ${ms(Math.max(...gaps))}`,
  );
  console.log(`started ${startedAt.toISOString()}; load average at the end ${load()}`);
} finally {
  await browser.close();
  await branch.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
