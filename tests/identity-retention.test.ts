import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MrzDocument } from '../contracts/index.ts';
import { openCaptureStore } from '../main/runtime/identity/capture-store.ts';
import { identityKeyPath, loadOrCreateIdentityKey } from '../main/runtime/identity/identity-key.ts';
import { createIdentityRetention } from '../main/runtime/identity/identity-retention.ts';
import { withDocument } from '../main/runtime/identity/identity-view.ts';
import { KIOSK_MIGRATIONS } from '../main/runtime/store/migrations.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { openDatabase } from '../platform/sqlite.ts';

const DOCUMENT: MrzDocument = {
  format: 'TD3',
  documentCode: 'PO',
  issuingState: 'CHN',
  documentNumber: 'E12345678',
  surname: 'WANG',
  givenNames: 'XIAOMING',
  nationality: 'CHN',
  birthDate: '780720',
  sex: 'male',
  expiryDate: '320101',
  optionalData: '',
};
const LINES = [
  'P<CHNWANG<<XIAOMING<<<<<<<<<<<<<<<<<<<<<<<<<',
  'E123456780CHN7807208M3201014<<<<<<<<<<<<<<02',
];

afterEach(() => {
  vi.useRealTimers();
});

function setUp() {
  const path = join(mkdtempSync(join(tmpdir(), 'identity-retention-')), 'kiosk.sqlite');
  const db = openDatabase(path, KIOSK_MIGRATIONS);
  const log = createMemoryLogger('identity');
  const clock = { now: Date.parse('2025-06-01T10:00:00Z') };
  const captures = openCaptureStore({
    db,
    key: loadOrCreateIdentityKey(identityKeyPath(path), log),
    log,
    now: () => clock.now,
  });
  return { db, captures, log, clock };
}

describe('identity retention', () => {
  it('deletes a session’s captures when its flow ends; the confirmation screen then shows none', () => {
    const { db, captures, log } = setUp();
    const retention = createIdentityRetention({ captures, log });
    const id = captures.put('session-a', { document: DOCUMENT, lines: LINES });
    const other = captures.put('session-b', { document: DOCUMENT, lines: LINES });
    const confirm = {
      method: 'idScan' as const,
      step: 'confirmDocument' as const,
      attemptsLeft: 3,
      message: null,
      document: null,
    };
    expect(withDocument(confirm, id, captures).document?.surname).toBe('WANG');
    retention.endOfFlow('session-a');
    expect(withDocument(confirm, id, captures).document).toBeNull();
    expect(captures.get(other)).not.toBeNull();
    retention.endOfSession('session-b');
    expect(captures.count()).toBe(0);
    expect(log.lines.join('\n')).not.toContain('WANG');
    db.close();
  });

  it('sweeps at start and then periodically', async () => {
    vi.useFakeTimers();
    const { db, captures, log, clock } = setUp();
    captures.put('s', { document: DOCUMENT, lines: LINES });
    clock.now += 20 * 60_000;
    const retention = createIdentityRetention({ captures, log, sweepEveryMs: 1_000 });
    retention.start();
    expect(captures.count()).toBe(0);

    captures.put('s', { document: DOCUMENT, lines: LINES });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(captures.count()).toBe(1);
    clock.now += 15 * 60_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(captures.count()).toBe(0);
    retention.stop();
    db.close();
  });
});
