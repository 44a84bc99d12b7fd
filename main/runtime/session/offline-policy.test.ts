import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLOW_REQUIREMENTS, menuFor } from './service-policy.ts';

describe('offline policy', () => {
  it('docs/offline-policy.md states the same policy per flow as the code', () => {
    const doc = readFileSync(new URL('../../../docs/offline-policy.md', import.meta.url), 'utf8');
    const rows = new Map(
      [...doc.matchAll(/^\| (\w+) \| (needsBackend|captureOffline) \|/gm)].map((m) => [m[1], m[2]]),
    );
    expect(Object.fromEntries(rows)).toEqual(
      Object.fromEntries(FLOW_REQUIREMENTS.map((r) => [r.flow, r.offline])),
    );
  });

  it('refuses a built flow that needs the backend while offline, and keeps one that captures offline', () => {
    const requirements = [
      { flow: 'cashWithdrawal' as const, built: true, devices: [], offline: 'needsBackend' as const },
      { flow: 'cashDeposit' as const, built: true, devices: [], offline: 'captureOffline' as const },
    ];
    expect(menuFor([], false, requirements)).toEqual([
      { flow: 'cashWithdrawal', available: false, reason: 'offline' },
      { flow: 'cashDeposit', available: true, reason: null },
    ]);
    expect(menuFor([], true, requirements).every((m) => m.available)).toBe(true);
  });
});
