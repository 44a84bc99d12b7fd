import { readFileSync } from 'node:fs';
import { residentBytes } from './processes.ts';

/** One VmRSS reading: when (performance.now() in this process) and how many bytes. */
export interface RssSample {
  at: number;
  bytes: number;
}

/**
 * Reads VmRSS of one process every `intervalMs` until stopped. The timer is not corrected for
 * drift: the samples carry their own times, and the figures select samples by time window.
 */
export class RssSampler {
  readonly samples: RssSample[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly pid: number,
    intervalMs: number,
  ) {
    this.take();
    this.timer = setInterval(() => this.take(), intervalMs);
  }

  private take(): void {
    try {
      this.samples.push({ at: performance.now(), bytes: residentBytes(this.pid) });
    } catch {
      // The process is gone (the run is ending): nothing to read.
    }
  }

  /** Bytes of the samples taken in [from, to). */
  between(from: number, to: number): number[] {
    return this.samples.filter((s) => s.at >= from && s.at < to).map((s) => s.bytes);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** VmHWM (peak resident set since the process started) of a process, in bytes. */
export function peakResidentBytes(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM for pid ${pid}`);
  return Number(match[1]) * 1024;
}
