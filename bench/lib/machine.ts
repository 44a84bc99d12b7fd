import os from 'node:os';

/** The machine a figure was measured on, so figures from different machines are not compared. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  chromium: string;
  os: string;
  /** 1-minute load average when the benchmark started: on a shared box it explains a slow run. */
  load: number;
}

export function describeMachine(chromiumVersion: string): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    chromium: chromiumVersion,
    os: `${os.type()} ${os.release()}`,
    load: os.loadavg()[0] ?? 0,
  };
}

export function machineLine(machine: Machine): string {
  // Rows kept from an older docs/benchmarks.md may predate the load field.
  const load = Number.isFinite(machine.load) ? `, load average ${machine.load.toFixed(1)} at start` : '';
  return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}${load}`;
}
