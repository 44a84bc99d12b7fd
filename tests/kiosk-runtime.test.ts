import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskView, UiEvent } from '../contracts/index.ts';
import { createKioskRuntime, type KioskRuntime } from '../main/runtime/index.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { createFakeReceiptPrinter } from './support/fake-receipt-printer.ts';
import { testRuntimeConfig } from './support/runtime-config.ts';

const runtimes: KioskRuntime[] = [];
afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.stop();
});

async function startRuntime(
  overrides: Parameters<typeof testRuntimeConfig>[0] = {},
  printer = createFakeReceiptPrinter(),
) {
  const logger = createMemoryLogger();
  const config = testRuntimeConfig(overrides);
  const runtime = createKioskRuntime(config, { receiptPrinter: printer, logger, deviceSettleMs: 50 });
  runtimes.push(runtime);
  await runtime.start();
  const send = (event: UiEvent) => runtime.handleCall({ method: 'send', params: event });
  return { runtime, printer, logger, config, send };
}

function waitForView(runtime: KioskRuntime, predicate: (view: KioskView) => boolean, timeoutMs = 3_000) {
  return new Promise<KioskView>((resolve, reject) => {
    if (predicate(runtime.getView())) return resolve(runtime.getView());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`view never matched; last: ${JSON.stringify(runtime.getView())}`));
    }, timeoutMs);
    const off = runtime.onView((view) => {
      if (!predicate(view)) return;
      clearTimeout(timer);
      off();
      resolve(view);
    });
  });
}

function journalEntries(path: string, type: string): Array<Record<string, unknown>> {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT data_json FROM journal WHERE type = ? ORDER BY seq').all(type) as Array<{
    data_json: string;
  }>;
  db.close();
  return rows.map((r) => JSON.parse(r.data_json));
}

function outboxTypes(path: string): string[] {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT type FROM outbox ORDER BY seq').all() as Array<{ type: string }>;
  db.close();
  return rows.map((r) => r.type);
}

describe('kiosk runtime', () => {
  it('runs a session to goodbye, prints a receipt in the chosen language and records the session without personal data', async () => {
    const { runtime, printer, config, send } = await startRuntime();
    expect(runtime.getView().screen).toBe('attract');
    expect(await send({ type: 'START' })).toEqual({ accepted: true });
    expect(await send({ type: 'CHOOSE_LANGUAGE', language: 'es' })).toEqual({ accepted: true });
    const menu = await waitForView(runtime, (v) => v.screen === 'menu');
    // Flows not built are listed as such; the deposit flow needs cash devices this kiosk lacks.
    expect(menu.menu.every((item) => !item.available)).toBe(true);
    expect(menu.menu.find((item) => item.flow === 'cashDeposit')?.reason).toBe('deviceDown');
    expect(menu.menu.filter((item) => item.reason === 'notBuilt')).toHaveLength(2);
    expect(await send({ type: 'SELECT_FLOW', flow: 'cashDeposit' })).toEqual({ accepted: false });
    await send({ type: 'END_SESSION' });
    const goodbye = await waitForView(runtime, (v) => v.goodbye?.receipt === 'printed');
    expect(goodbye.language).toBe('es');
    expect(printer.printed).toHaveLength(1);
    expect(JSON.stringify(printer.printed[0])).toContain('Gracias por su visita');
    const attract = await waitForView(runtime, (v) => v.screen === 'attract');
    expect(attract).toMatchObject({ language: null, sessionId: null, goodbye: null });

    const ended = journalEntries(config.databasePath, 'session.ended');
    expect(ended).toEqual([
      expect.objectContaining({
        outcome: 'finished',
        language: 'es',
        receipt: 'printed',
        endedAt: expect.any(String),
      }),
    ]);
    // The business record is in the outbox for the backend, in the same commit.
    expect(outboxTypes(config.databasePath)).toEqual(['session.ended']);
    // The print was journaled as intent before and outcome after.
    expect(journalEntries(config.databasePath, 'device.outcome')).toEqual([
      expect.objectContaining({ device: 'receiptPrinter', outcome: 'printed' }),
    ]);
  });

  it('says there is no receipt when the printer is out of paper, and goes on', async () => {
    const { runtime, printer, send } = await startRuntime();
    printer.setStatus({ ready: false, detail: { paper: 'out', cover: 'closed' }, action: 'clear' });
    await send({ type: 'START' });
    await send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
    await send({ type: 'END_SESSION' });
    await waitForView(runtime, (v) => v.goodbye?.receipt === 'unavailable');
    expect(printer.printed).toHaveLength(0);
    await waitForView(runtime, (v) => v.screen === 'attract');
  });

  it('goes out of service when a required device fails and comes back when it recovers', async () => {
    const { runtime, printer } = await startRuntime({ requiredDevices: ['receiptPrinter'] });
    expect(runtime.getView().screen).toBe('attract');
    printer.setStatus({ state: 'offline', ready: false, message: 'link lost' });
    const down = await waitForView(runtime, (v) => v.screen === 'outOfService');
    expect(down.outOfService).toEqual({ reason: 'device' });
    printer.setStatus({ state: 'online', ready: true, message: null });
    await waitForView(runtime, (v) => v.screen === 'attract');
  });

  it('times out an idle customer: prompt, then attract with the session wiped', async () => {
    const { runtime, send, config } = await startRuntime({ inactivityMs: 1_000, timeoutPromptMs: 1_000 });
    await send({ type: 'START' });
    await send({ type: 'CHOOSE_LANGUAGE', language: 'zh' });
    const prompt = await waitForView(runtime, (v) => v.timeoutPrompt !== null);
    expect(prompt.screen).toBe('menu');
    expect(prompt.timeoutPrompt!.deadline).toBeGreaterThan(Date.now());
    const attract = await waitForView(runtime, (v) => v.screen === 'attract');
    expect(attract).toMatchObject({ language: null, sessionId: null, timeoutPrompt: null });
    expect(journalEntries(config.databasePath, 'session.ended')).toEqual([
      expect.objectContaining({ outcome: 'timedOut', receipt: null }),
    ]);
  });

  it('a session restored after a restart takes the timings of the config now', async () => {
    const first = await startRuntime({ inactivityMs: 60_000, timeoutPromptMs: 20_000 });
    await first.send({ type: 'START' });
    await first.send({ type: 'CHOOSE_LANGUAGE', language: 'es' });
    await first.runtime.stop();
    runtimes.splice(runtimes.indexOf(first.runtime), 1);

    const restarted = createKioskRuntime(
      { ...first.config, inactivityMs: 1_000, timeoutPromptMs: 1_000 },
      { receiptPrinter: first.printer, logger: createMemoryLogger(), deviceSettleMs: 50 },
    );
    runtimes.push(restarted);
    await restarted.start();
    expect(restarted.getView().screen).toBe('menu');
    // The deadline armed before the restart stands; the next touch arms the new timing. With the
    // old 60 s the prompt would not show within the 3 s the wait allows.
    await restarted.handleCall({ method: 'send', params: { type: 'ACTIVITY' } });
    const prompt = await waitForView(restarted, (v) => v.timeoutPrompt !== null);
    expect(prompt.screen).toBe('menu');
  });

  it('publishes views with increasing revisions and reports the backend offline', async () => {
    const { runtime, send } = await startRuntime();
    const seen: number[] = [];
    runtime.onView((v) => seen.push(v.revision));
    await send({ type: 'START' });
    await send({ type: 'BACK' });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(runtime.getView().backendOnline).toBe(false);
  });
});
