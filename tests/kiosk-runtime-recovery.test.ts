import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskView, UiEvent } from '../contracts/index.ts';
import { createKioskRuntime, type KioskRuntime, type RuntimeConfig } from '../main/runtime/index.ts';
import { createMemoryLogger } from '../platform/log.ts';
import { createFakeReceiptPrinter } from './support/fake-receipt-printer.ts';
import { testRuntimeConfig } from './support/runtime-config.ts';

const running: KioskRuntime[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

async function boot(config: RuntimeConfig, printer = createFakeReceiptPrinter()) {
  const runtime = createKioskRuntime(config, {
    receiptPrinter: printer,
    logger: createMemoryLogger(),
    deviceSettleMs: 50,
  });
  running.push(runtime);
  await runtime.start();
  const send = (event: UiEvent) => runtime.handleCall({ method: 'send', params: event });
  return { runtime, printer, send };
}

async function shutdown(runtime: KioskRuntime) {
  running.splice(running.indexOf(runtime), 1);
  await runtime.stop();
}

function until(runtime: KioskRuntime, predicate: (v: KioskView) => boolean, timeoutMs = 3_000) {
  return new Promise<KioskView>((resolve, reject) => {
    if (predicate(runtime.getView())) return resolve(runtime.getView());
    const timer = setTimeout(
      () => reject(new Error(`no matching view: ${JSON.stringify(runtime.getView())}`)),
      timeoutMs,
    );
    const off = runtime.onView((v) => {
      if (predicate(v)) {
        clearTimeout(timer);
        off();
        resolve(v);
      }
    });
  });
}

function rows(path: string, sql: string): Array<Record<string, unknown>> {
  const db = new Database(path, { readonly: true });
  const result = db.prepare(sql).all() as Array<Record<string, unknown>>;
  db.close();
  return result;
}

describe('kiosk runtime across restarts', () => {
  it('resumes a customer session where it was, with its language, after a restart', async () => {
    const config = testRuntimeConfig({ inactivityMs: 30_000 });
    const first = await boot(config);
    await first.send({ type: 'START' });
    await first.send({ type: 'CHOOSE_LANGUAGE', language: 'zh' });
    const before = await until(first.runtime, (v) => v.screen === 'menu');
    await shutdown(first.runtime);

    const second = await boot(config);
    const after = await until(second.runtime, (v) => v.screen === 'menu');
    expect(after.language).toBe('zh');
    expect(after.sessionId).toBe(before.sessionId);
    await second.send({ type: 'END_SESSION' });
    await until(second.runtime, (v) => v.goodbye?.receipt === 'printed');
    expect(second.printer.printed).toHaveLength(1);
  });

  it('finds a print left without an outcome in doubt, journals what the printer says, and never prints it again', async () => {
    const config = testRuntimeConfig({ goodbyeMs: 2_000 });
    // The printer takes the job and never answers: the kiosk stops (a crash) with the intent on
    // disk, no outcome, and the session snapshot in the middle of printing.
    const hanging = createFakeReceiptPrinter();
    hanging.print = () => new Promise(() => undefined);
    const first = await boot(config, hanging);
    await first.send({ type: 'START' });
    await first.send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
    await first.send({ type: 'END_SESSION' });
    await until(first.runtime, (v) => v.goodbye?.receipt === 'printing');
    await shutdown(first.runtime);
    expect(rows(config.databasePath, "SELECT type FROM journal WHERE type LIKE 'device.%come'")).toEqual([]);

    const second = await boot(config);
    const goodbye = await until(
      second.runtime,
      (v) => v.screen === 'goodbye' && v.goodbye?.receipt !== 'printing',
    );
    expect(goodbye.goodbye?.receipt).toBe('failed');
    expect(second.printer.printed).toHaveLength(0);
    const outcomes = rows(
      config.databasePath,
      "SELECT data_json FROM journal WHERE type = 'device.outcome'",
    ).map((r) => JSON.parse(String(r.data_json)));
    expect(outcomes).toEqual([
      expect.objectContaining({
        outcome: 'inDoubt',
        details: expect.objectContaining({ resolution: 'notReprinted' }),
      }),
    ]);
    expect(rows(config.databasePath, 'SELECT type FROM outbox ORDER BY seq').map((r) => r.type)).toContain(
      'device.actionInDoubt',
    );
    await until(second.runtime, (v) => v.screen === 'attract', 5_000);
  });

  it('closes out a snapshot from another machine version safely and starts at attract', async () => {
    const config = testRuntimeConfig();
    const first = await boot(config);
    await first.send({ type: 'START' });
    await until(first.runtime, (v) => v.screen === 'language');
    await shutdown(first.runtime);
    const db = new Database(config.databasePath);
    db.prepare("UPDATE flow_snapshots SET version = 1 WHERE machine = 'session'").run();
    db.close();

    const second = await boot(config);
    expect(second.runtime.getView()).toMatchObject({ screen: 'attract', sessionId: null });
    const discarded = rows(
      config.databasePath,
      "SELECT data_json FROM journal WHERE type = 'flow.snapshotDiscarded'",
    );
    expect(discarded).toHaveLength(1);
  });
});
