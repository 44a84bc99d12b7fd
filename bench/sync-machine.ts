import os from 'node:os';
import { percentile } from './lib/stats.ts';

/** The machine line every journal and sync benchmark prints with its figures. */
export function machineSummary(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** "p50 / p99 / max" in ms with a precision the measurement supports. */
export function latencyLine(samples: readonly number[]): string {
  const fmt = (v: number) => (v >= 100 ? `${Math.round(v)}` : v.toFixed(2));
  return `p50 ${fmt(percentile(samples, 50))} ms / p99 ${fmt(percentile(samples, 99))} ms / max ${fmt(Math.max(...samples))} ms`;
}
