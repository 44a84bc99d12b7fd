import { useEffect, useState } from 'react';

/** "m:ss", or "h:mm:ss" past an hour: waiting and call times on the console. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

export function since(iso: string, now: number): string {
  const start = Date.parse(iso);
  return Number.isNaN(start) ? '' : formatDuration(now - start);
}

/** The current time, re-read every second, so waiting times tick. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
