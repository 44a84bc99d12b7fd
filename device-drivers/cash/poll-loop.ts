/**
 * Runs `poll` every `intervalMs` while started, one poll at a time: the next one is scheduled only
 * after the previous has finished, so a slow device never piles polls up on the bus.
 */
export interface PollLoop {
  start(): void;
  stop(): void;
  /** Polls as soon as the current poll (if any) has finished, instead of at the next tick. */
  pollSoon(): void;
  /** Resolves after one poll that started after this call has run. */
  pollNow(): Promise<void>;
}

export function createPollLoop(intervalMs: number, poll: () => Promise<void>): PollLoop {
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;
  let again = false;
  let waiters: Array<() => void> = [];

  const schedule = (delayMs: number) => {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), delayMs);
  };

  const tick = async (): Promise<void> => {
    timer = null;
    if (!running || inFlight) return;
    const served = waiters;
    waiters = [];
    again = false;
    inFlight = poll().catch(() => undefined);
    await inFlight;
    inFlight = null;
    for (const resolve of served) resolve();
    if (again || waiters.length > 0) schedule(0);
    else schedule(intervalMs);
  };

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      for (const resolve of waiters.splice(0)) resolve();
    },
    pollSoon() {
      if (!running) return;
      if (inFlight) again = true;
      else schedule(0);
    },
    pollNow() {
      if (!running) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        if (!inFlight) schedule(0);
      });
    },
  };
}

/**
 * A polled driver's start: opens its link, reports a link that did not open, starts polling and,
 * if the link is open, waits for the first poll so that `start()` resolves with a real status.
 */
export async function startLinkAndPolling(
  link: { start(): Promise<void>; readonly state: 'open' | 'closed' },
  loop: PollLoop,
  onLinkClosed: () => void,
): Promise<void> {
  await link.start();
  if (link.state !== 'open') onLinkClosed();
  loop.start();
  if (link.state === 'open') await loop.pollNow();
}
