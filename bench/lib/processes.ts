import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** One process as /proc shows it; `startTime` tells a process from a later one reusing its pid. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  state: string;
  startTime: string;
  command: string;
}

export function readProcess(pid: number): ProcessInfo | null {
  let stat: string;
  let cmdline: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return null;
  }
  // The command name in parentheses may itself contain spaces and parentheses: split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    pid,
    state: fields[0]!,
    ppid: Number(fields[1]),
    pgrp: Number(fields[2]),
    startTime: fields[19]!,
    command: cmdline.split('\0').filter(Boolean).join(' ').slice(0, 160),
  };
}

export function listProcesses(): ProcessInfo[] {
  const all: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProcess(Number(name));
    if (info) all.push(info);
  }
  return all;
}

/**
 * A process and everything it started, plus every member of those processes' groups: the
 * launcher puts each child in its own group, and a simulator's socat lives in the simulator's group.
 */
export function processTree(rootPid: number): ProcessInfo[] {
  const all = listProcesses();
  const tree = new Map<number, ProcessInfo>();
  const root = all.find((p) => p.pid === rootPid);
  if (!root) return [];
  tree.set(root.pid, root);
  let grew = true;
  while (grew) {
    grew = false;
    const groups = new Set([...tree.values()].map((p) => p.pgrp));
    for (const p of all) {
      if (tree.has(p.pid)) continue;
      if (tree.has(p.ppid) || groups.has(p.pgrp)) {
        tree.set(p.pid, p);
        grew = true;
      }
    }
  }
  return [...tree.values()];
}

/** Still running: present with the same start time and not a zombie (a zombie holds no resources). */
export function isAlive(process: ProcessInfo): boolean {
  const now = readProcess(process.pid);
  return now !== null && now.startTime === process.startTime && now.state !== 'Z';
}

/** Waits (bounded) for the processes to end; returns those still alive at the deadline. */
export async function waitGone(processes: ProcessInfo[], timeoutMs: number): Promise<ProcessInfo[]> {
  const deadline = performance.now() + timeoutMs;
  let alive = processes.filter(isAlive);
  while (alive.length > 0 && performance.now() < deadline) {
    await sleep(20);
    alive = alive.filter(isAlive);
  }
  return alive;
}

/** Resident set size of a process, from VmRSS in /proc/<pid>/status. */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/** Wall time from spawn to exit of a command that is expected to end by itself. */
export async function timeToExit(command: string, args: string[], cwd: string): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
  return performance.now() - started;
}

let ticksPerSecond: number | null = null;

/** When a process started, in ms since boot (/proc's start time is in clock ticks, usually 10 ms). */
export function startedAtMs(process_: ProcessInfo): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return (Number(process_.startTime) * 1000) / ticksPerSecond;
}
