import type { Page } from 'playwright-core';

/**
 * Polls pages for their first decoded video frame, from the benchmark process: the pages' clocks
 * are not the benchmark's, so each side's time is when a poll first sees `framesDecoded > 0`.
 * A frame is thus seen up to one poll period (plus one page.evaluate round trip) after it was
 * decoded; the gaps between polls are returned so the resolution can be stated with the figures.
 */
export interface PeerProbe {
  page: Page;
  /** A global holding the page's RTCPeerConnection, or a function of the page that returns one. */
  hook: string;
}

/** Frames decoded by the page's fresh peer connections; -1 while it has none. */
export async function framesDecoded(page: Page, hook: string): Promise<number> {
  return page.evaluate(async (name) => {
    const stale = (window as unknown as Record<string, unknown>).__benchStalePeers as unknown[] | undefined;
    const peers = ([] as unknown[])
      .concat((window as unknown as Record<string, unknown>)[name] ?? [])
      .filter((peer) => !stale?.includes(peer)) as RTCPeerConnection[];
    if (peers.length === 0) return -1;
    let frames = 0;
    for (const peer of peers) {
      for (const report of (await peer.getStats()).values()) {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      }
    }
    return frames;
  }, hook);
}

/**
 * Marks the peers a page holds now as stale, so a poll never counts frames of a call that
 * ended but whose connection is still referenced.
 */
export async function markStale(page: Page, hook: string): Promise<void> {
  await page.evaluate((name) => {
    const w = window as unknown as Record<string, unknown>;
    const current = ([] as unknown[]).concat(w[name] ?? []);
    w.__benchStalePeers = [...((w.__benchStalePeers as unknown[]) ?? []), ...current];
  }, hook);
}

/**
 * From `t0` (performance.now() of this process), the time each probe first shows a peer
 * connection of its own (the call reached that page) and its first decoded frame.
 * Pages are polled side by side every `periodMs`; a probe already seen is not polled again.
 */
export async function pollFirstFrames(
  probes: PeerProbe[],
  t0: number,
  options: { periodMs: number; timeoutMs: number },
): Promise<{ firstFrame: number[]; peerSeen: number[]; gaps: number[] }> {
  const firstFrame = probes.map(() => Number.NaN);
  const peerSeen = probes.map(() => Number.NaN);
  const gaps: number[] = [];
  let last = performance.now();
  while (firstFrame.some(Number.isNaN)) {
    if (performance.now() - t0 > options.timeoutMs)
      throw new Error(`no frame decoded within ${options.timeoutMs} ms (${firstFrame.join(', ')})`);
    const started = performance.now();
    await Promise.all(
      probes.map(async (probe, i) => {
        if (!Number.isNaN(firstFrame[i])) return;
        const frames = await framesDecoded(probe.page, probe.hook);
        const at = performance.now() - t0;
        if (frames >= 0 && Number.isNaN(peerSeen[i])) peerSeen[i] = at;
        if (frames > 0) firstFrame[i] = at;
      }),
    );
    const now = performance.now();
    gaps.push(now - last);
    last = now;
    const wait = options.periodMs - (now - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return { firstFrame, peerSeen, gaps };
}
