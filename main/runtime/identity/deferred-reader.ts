import type { MrzReader } from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';

/**
 * The OCR worker takes about a second of one core to start (WebAssembly, language data, warm-up
 * read). Started with the kiosk it competed with the first screen's paint on two cores; no customer
 * reaches a scan in the first seconds, so it starts this long after the runtime.
 */
export const OCR_START_DELAY_MS = 2_500;

/**
 * A reader whose start is scheduled rather than immediate: until then it says `starting` (so a scan
 * waits for it instead of being refused), and a read, or the technician's test read, starts it at once.
 */
export function deferStart(reader: MrzReader, delayMs: number, log: Logger) {
  let started = false;
  let timer: NodeJS.Timeout | null = null;
  const startNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (started) return;
    started = true;
    reader.start().catch((error: Error) => log.error('MRZ reader did not start', { error: error.message }));
  };
  const wrapped: MrzReader = {
    start: async () => startNow(),
    stop: () => reader.stop(),
    isReady: () => reader.isReady(),
    readImage: async (image, options) => {
      startNow();
      return reader.readImage(image, options);
    },
    readText: (lines) => reader.readText(lines),
    health: () => {
      const health = reader.health();
      return !started && timer !== null && health.state === 'stopped'
        ? { ...health, state: 'starting' }
        : health;
    },
  };
  return {
    reader: wrapped,
    schedule() {
      if (started || timer) return;
      timer = setTimeout(startNow, delayMs);
      timer.unref?.();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
