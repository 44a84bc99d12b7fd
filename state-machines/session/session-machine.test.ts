import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import type { ReceiptOutcome } from '../../contracts/index.ts';
import { cashDepositMachine } from '../cash-deposit/cash-deposit-machine.ts';
import { createFakeDepositActors } from '../cash-deposit/fake-deposit-actors.ts';
import { sessionMachine } from './session-machine.ts';
import { screenOf, toKioskView } from './session-view.ts';

const timing = { inactivityMs: 30_000, timeoutPromptMs: 15_000, goodbyeMs: 5_000 };

function start(options: { receipt?: () => Promise<ReceiptOutcome>; cancel?: () => Promise<void> } = {}) {
  const cancelFlow = vi.fn(options.cancel ?? (async () => undefined));
  const printSessionReceipt = vi.fn(options.receipt ?? (async () => 'printed' as const));
  const machine = sessionMachine.provide({
    actors: {
      printSessionReceipt: fromPromise(() => printSessionReceipt()),
      cancelFlow: fromPromise(() => cancelFlow()),
    },
  });
  const actor = createActor(machine, { input: { timing } }).start();
  return { actor, cancelFlow, printSessionReceipt, screen: () => screenOf(actor.getSnapshot()) };
}

describe('session machine', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for the first service reading, then shows attract or out of service', () => {
    const a = start();
    expect(a.screen()).toBe('starting');
    a.actor.send({ type: 'SERVICE_CHANGED', inService: false, reason: 'device' });
    expect(a.screen()).toBe('outOfService');
    a.actor.send({ type: 'SERVICE_CHANGED', inService: true, reason: null });
    expect(a.screen()).toBe('attract');
  });

  it('runs attract → language → menu → goodbye → attract and prints the receipt in the chosen language', async () => {
    const a = start();
    a.actor.send({ type: 'SERVICE_CHANGED', inService: true, reason: null });
    a.actor.send({ type: 'START' });
    expect(a.screen()).toBe('language');
    const sessionId = a.actor.getSnapshot().context.sessionId;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    a.actor.send({ type: 'CHOOSE_LANGUAGE', language: 'zh' });
    expect(a.screen()).toBe('menu');
    a.actor.send({ type: 'END_SESSION' });
    expect(a.screen()).toBe('goodbye');
    await vi.advanceTimersByTimeAsync(0);
    expect(a.printSessionReceipt).toHaveBeenCalledTimes(1);
    expect(a.actor.getSnapshot().context.receipt).toBe('printed');
    await vi.advanceTimersByTimeAsync(timing.goodbyeMs);
    expect(a.screen()).toBe('attract');
    expect(a.actor.getSnapshot().context).toMatchObject({ sessionId: null, language: null, receipt: null });
  });

  it('shows "no receipt" when printing reports the printer unavailable, and "failed" when the actor throws', async () => {
    for (const [receipt, expected] of [
      [async () => 'unavailable' as const, 'unavailable'],
      [async () => Promise.reject(new Error('boom')), 'failed'],
    ] as const) {
      const a = start({ receipt });
      a.actor.send({ type: 'SERVICE_CHANGED', inService: true, reason: null });
      a.actor.send({ type: 'START' });
      a.actor.send({ type: 'CHOOSE_LANGUAGE', language: 'es' });
      a.actor.send({ type: 'END_SESSION' });
      await vi.advanceTimersByTimeAsync(0);
      expect(a.actor.getSnapshot().context.receipt).toBe(expected);
    }
  });

  it('asks "more time?" after inactivity, keeps the screen on yes, and restarts the watch on activity', async () => {
    const a = start();
    a.actor.send({ type: 'SERVICE_CHANGED', inService: true, reason: null });
    a.actor.send({ type: 'START' });
    a.actor.send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
    await vi.advanceTimersByTimeAsync(timing.inactivityMs - 1000);
    a.actor.send({ type: 'ACTIVITY' });
    await vi.advanceTimersByTimeAsync(timing.inactivityMs - 1000);
    expect(a.actor.getSnapshot().context.promptDeadline).toBeNull();
    await vi.advanceTimersByTimeAsync(1000);
    const deadline = a.actor.getSnapshot().context.promptDeadline;
    expect(deadline).toBe(Date.now() + timing.timeoutPromptMs);
    // The menu is frozen under the prompt.
    a.actor.send({ type: 'BACK' });
    expect(a.screen()).toBe('menu');
    a.actor.send({ type: 'MORE_TIME' });
    expect(a.actor.getSnapshot().context.promptDeadline).toBeNull();
    expect(a.screen()).toBe('menu');
  });

  it('cancels the flow and wipes the customer when the prompt goes unanswered, without a receipt', async () => {
    const a = start();
    a.actor.send({ type: 'SERVICE_CHANGED', inService: true, reason: null });
    a.actor.send({ type: 'START' });
    a.actor.send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
    await vi.advanceTimersByTimeAsync(timing.inactivityMs + timing.timeoutPromptMs);
    expect(a.cancelFlow).toHaveBeenCalledTimes(1);
    expect(a.printSessionReceipt).not.toHaveBeenCalled();
    expect(a.screen()).toBe('attract');
    const view = toKioskView(a.actor.getSnapshot(), { revision: 1, menu: [], backendOnline: true });
    expect(view).toMatchObject({ screen: 'attract', language: null, sessionId: null, timeoutPrompt: null });
  });

  it('refuses a flow that is not available, and runs the deposit flow as a child when it is', async () => {
    const fakes = createFakeDepositActors();
    const machine = sessionMachine.provide({
      actors: {
        printSessionReceipt: fromPromise(async () => 'printed' as ReceiptOutcome),
        cancelFlow: fromPromise(async () => {}),
        cashDeposit: cashDepositMachine.provide({ actors: fakes.actors }),
      },
    });
    const actor = createActor(machine, {
      input: {
        timing,
        deposit: { currency: 'EUR', offlineLimit: 50_000, noteTypes: [], coinTypes: [], displayMs: 1_000 },
      },
    }).start();
    const screen = () => screenOf(actor.getSnapshot());
    actor.send({ type: 'SERVICE_CHANGED', inService: true, reason: null });
    actor.send({ type: 'START' });
    actor.send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
    actor.send({ type: 'SELECT_FLOW', flow: 'cashDeposit' });
    expect(screen()).toBe('menu');
    actor.send({ type: 'MENU_CHANGED', availableFlows: ['cashDeposit'] });
    actor.send({ type: 'SELECT_FLOW', flow: 'cashDeposit' });
    expect(screen()).toBe('flow');
    const view = () => toKioskView(actor.getSnapshot(), { revision: 1, menu: [], backendOnline: true });
    expect(view().deposit?.step).toBe('account');
    // UI events reach the flow's own machine.
    actor.send({ type: 'DEPOSIT_ACCOUNT', accountNumber: '12345678' });
    expect(view().deposit?.step).toBe('verifying');
    expect(fakes.calls.lookupAccount).toEqual([{ accountNumber: '12345678' }]);
    // "Finish" during a flow goes through the flow: nothing counted, so it is cancelled, shown,
    // and then the session says goodbye (printing its own receipt, as the flow printed none).
    actor.send({ type: 'END_SESSION' });
    expect(screen()).toBe('flow');
    await vi.advanceTimersByTimeAsync(0);
    expect(view().deposit?.step).toBe('cancelled');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(screen()).toBe('goodbye');
    actor.stop();
  });

  it('closes a flow through the flow when the customer walks away, then wipes the session', async () => {
    const fakes = createFakeDepositActors();
    const cancelFlow = vi.fn(async () => {});
    const machine = sessionMachine.provide({
      actors: {
        printSessionReceipt: fromPromise(async () => 'printed' as ReceiptOutcome),
        cancelFlow: fromPromise(async () => {
          await cancelFlow();
        }),
        cashDeposit: cashDepositMachine.provide({ actors: fakes.actors }),
      },
    });
    const actor = createActor(machine, {
      input: {
        timing,
        deposit: { currency: 'EUR', offlineLimit: 50_000, noteTypes: [], coinTypes: [], displayMs: 1_000 },
      },
    }).start();
    actor.send({ type: 'SERVICE_CHANGED', inService: true, reason: null });
    actor.send({ type: 'MENU_CHANGED', availableFlows: ['cashDeposit'] });
    actor.send({ type: 'START' });
    actor.send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
    actor.send({ type: 'SELECT_FLOW', flow: 'cashDeposit' });
    await vi.advanceTimersByTimeAsync(timing.inactivityMs + timing.timeoutPromptMs);
    await vi.advanceTimersByTimeAsync(0);
    expect(cancelFlow).toHaveBeenCalledTimes(1);
    expect(screenOf(actor.getSnapshot())).toBe('attract');
    expect(actor.getSnapshot().context).toMatchObject({ sessionId: null, flowClosing: false });
    actor.stop();
  });

  it('lets a customer finish when the kiosk goes out of service, then shows out of service', async () => {
    const a = start();
    a.actor.send({ type: 'SERVICE_CHANGED', inService: true, reason: null });
    a.actor.send({ type: 'START' });
    a.actor.send({ type: 'SERVICE_CHANGED', inService: false, reason: 'backend' });
    expect(a.screen()).toBe('language');
    a.actor.send({ type: 'BACK' });
    expect(a.screen()).toBe('outOfService');
    const view = toKioskView(a.actor.getSnapshot(), { revision: 2, menu: [], backendOnline: true });
    expect(view.outOfService).toEqual({ reason: 'backend' });
  });

  it('restores a persisted session and re-arms its timers from the deadlines, not from zero', async () => {
    const a = start();
    a.actor.send({ type: 'SERVICE_CHANGED', inService: true, reason: null });
    a.actor.send({ type: 'START' });
    a.actor.send({ type: 'CHOOSE_LANGUAGE', language: 'es' });
    await vi.advanceTimersByTimeAsync(20_000);
    const persisted = JSON.parse(JSON.stringify(a.actor.getPersistedSnapshot()));
    a.actor.stop();

    const machine = sessionMachine.provide({
      actors: {
        printSessionReceipt: fromPromise(async () => 'printed' as ReceiptOutcome),
        cancelFlow: fromPromise(async () => {}),
      },
    });
    const restored = createActor(machine, { input: { timing }, snapshot: persisted }).start();
    restored.send({ type: 'RESUMED' });
    expect(screenOf(restored.getSnapshot())).toBe('menu');
    expect(restored.getSnapshot().context.language).toBe('es');
    await vi.advanceTimersByTimeAsync(9_900);
    expect(restored.getSnapshot().context.promptDeadline).toBeNull();
    await vi.advanceTimersByTimeAsync(200);
    expect(restored.getSnapshot().context.promptDeadline).not.toBeNull();
    restored.stop();
  });

  it('a deadline that passed while the kiosk was down fires at once after the restore', async () => {
    const a = start();
    a.actor.send({ type: 'SERVICE_CHANGED', inService: true, reason: null });
    a.actor.send({ type: 'START' });
    a.actor.send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
    await vi.advanceTimersByTimeAsync(timing.inactivityMs);
    expect(a.actor.getSnapshot().context.promptDeadline).not.toBeNull();
    const persisted = JSON.parse(JSON.stringify(a.actor.getPersistedSnapshot()));
    a.actor.stop();
    vi.setSystemTime(Date.now() + timing.timeoutPromptMs + 60_000);

    const cancelFlow = vi.fn(async () => undefined);
    const machine = sessionMachine.provide({
      actors: {
        printSessionReceipt: fromPromise(async () => 'printed' as ReceiptOutcome),
        cancelFlow: fromPromise(async () => {
          await cancelFlow();
        }),
      },
    });
    const restored = createActor(machine, { input: { timing }, snapshot: persisted }).start();
    restored.send({ type: 'RESUMED' });
    await vi.advanceTimersByTimeAsync(1);
    expect(cancelFlow).toHaveBeenCalledTimes(1);
    expect(screenOf(restored.getSnapshot())).toBe('attract');
    restored.stop();
  });
});
