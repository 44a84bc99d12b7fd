import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { cashDepositMachine } from './cash-deposit-machine.ts';
import type { CashDepositInput } from './cash-deposit-types.ts';
import { toDepositView } from './deposit-view.ts';
import { createFakeDepositActors, type FakeDepositActors } from './fake-deposit-actors.ts';

const input: CashDepositInput = {
  currency: 'EUR',
  offlineLimit: 5_000,
  noteTypes: [
    { type: 1, value: 500 },
    { type: 2, value: 1_000 },
    { type: 3, value: 2_000 },
    { type: 4, value: 5_000 },
    { type: 5, value: 10_000 },
  ],
  coinTypes: [
    { type: 1, value: 50 },
    { type: 2, value: 100 },
    { type: 3, value: 200 },
  ],
  displayMs: 5_000,
};

const ACCOUNT = '0049123412345678';

/** Lets settled fake actors deliver their outcome to the machine. */
const settle = () => vi.advanceTimersByTimeAsync(0);

function start(fakes: FakeDepositActors = createFakeDepositActors()) {
  const actor = createActor(cashDepositMachine.provide({ actors: fakes.actors }), { input }).start();
  return { actor, fakes, view: () => toDepositView(actor.getSnapshot()) };
}

type Started = ReturnType<typeof start>;

/** Account typed and confirmed online: the devices are taking cash. */
async function toInsertingOnline(a: Started) {
  a.actor.send({ type: 'DEPOSIT_ACCOUNT', accountNumber: ACCOUNT });
  a.fakes.resolve('lookupAccount', {
    status: 'found',
    accountRef: 'acc-ref-0001',
    holderNameMasked: 'A*** E*****',
  });
  await settle();
  a.actor.send({ type: 'DEPOSIT_CONFIRM_HOLDER' });
}

async function toInsertingOffline(a: Started) {
  a.actor.send({ type: 'DEPOSIT_ACCOUNT', accountNumber: ACCOUNT });
  a.fakes.resolve('lookupAccount', { status: 'offline' });
  await settle();
}

/** A note escrowed, the customer adds it, the validator stacks it. */
async function stackNote(a: Started, value: number) {
  a.fakes.device({ type: 'NOTE_ESCROWED', value });
  a.actor.send({ type: 'DEPOSIT_ACCEPT_NOTE' });
  a.fakes.resolve('routeNote', 'stacked');
  await settle();
}

describe('cash deposit machine', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('takes a deposit online: account, holder, notes and coins, summary, record, receipt', async () => {
    const a = start();
    expect(a.view().step).toBe('account');
    a.actor.send({ type: 'DEPOSIT_ACCOUNT', accountNumber: ACCOUNT });
    expect(a.view()).toMatchObject({ step: 'verifying', accountMasked: '•••• 5678' });
    expect(a.fakes.calls.lookupAccount).toEqual([{ accountNumber: ACCOUNT }]);
    a.fakes.resolve('lookupAccount', {
      status: 'found',
      accountRef: 'acc-ref-0001',
      holderNameMasked: 'A*** E*****',
    });
    await settle();
    expect(a.view()).toMatchObject({
      step: 'confirmHolder',
      holderNameMasked: 'A*** E*****',
      offline: false,
    });
    // Online the record carries the backend's reference: the typed number is gone already.
    expect(a.actor.getSnapshot().context.accountNumber).toBeNull();

    a.actor.send({ type: 'DEPOSIT_CONFIRM_HOLDER' });
    expect(a.view()).toMatchObject({ step: 'inserting', total: 0, offlineLimit: null });
    expect(a.fakes.calls.cashIn).toEqual([{ noteTypes: input.noteTypes, coinTypes: input.coinTypes }]);
    // Done with nothing counted is refused.
    expect(a.actor.getSnapshot().can({ type: 'DEPOSIT_DONE' })).toBe(false);

    a.fakes.device({ type: 'NOTE_ESCROWED', value: 2_000 });
    expect(a.view()).toMatchObject({ step: 'escrow', escrowValue: 2_000, total: 0 });
    a.actor.send({ type: 'DEPOSIT_ACCEPT_NOTE' });
    expect(a.view()).toMatchObject({ step: 'routing', escrowValue: 2_000 });
    const depositId = a.actor.getSnapshot().context.depositId;
    expect(a.fakes.calls.routeNote).toEqual([{ depositId, escrowSeq: 1, decision: 'stack', value: 2_000 }]);
    a.fakes.resolve('routeNote', 'stacked');
    await settle();
    expect(a.view()).toMatchObject({
      step: 'inserting',
      escrowValue: null,
      notes: { '2000': 1 },
      total: 2_000,
    });

    a.fakes.device({ type: 'COIN_CREDITED', value: 200 });
    a.fakes.device({ type: 'COIN_CREDITED', value: 200 });
    a.fakes.device({ type: 'COIN_CREDITED', value: 50 });
    expect(a.view()).toMatchObject({ coins: { '200': 2, '50': 1 }, total: 2_450 });

    a.actor.send({ type: 'DEPOSIT_DONE' });
    expect(a.view()).toMatchObject({ step: 'confirming', total: 2_450 });
    expect(a.fakes.isRunning('cashIn')).toBe(false);

    a.actor.send({ type: 'DEPOSIT_CONFIRM' });
    expect(a.view()).toMatchObject({ step: 'completing', receipt: 'printing' });
    expect(a.fakes.calls.completeDeposit).toEqual([
      {
        depositId,
        currency: 'EUR',
        accountRef: 'acc-ref-0001',
        accountNumber: null,
        notes: { '2000': 1 },
        coins: { '200': 2, '50': 1 },
        total: 2_450,
        capturedOffline: false,
        ending: 'completed',
      },
    ]);
    a.fakes.resolve('completeDeposit', { receipt: 'printed' });
    await settle();
    expect(a.view()).toMatchObject({
      step: 'done',
      receipt: 'printed',
      total: 2_450,
      accountMasked: '•••• 5678',
    });

    await vi.advanceTimersByTimeAsync(4_999);
    expect(a.actor.getSnapshot().status).toBe('active');
    await vi.advanceTimersByTimeAsync(1);
    expect(a.actor.getSnapshot().status).toBe('done');
    expect(a.actor.getSnapshot().output).toEqual({ ending: 'completed', receipt: 'printed', total: 2_450 });
  });

  it('refuses a malformed number, and sends the customer back on an unknown account or a rejected holder', async () => {
    const a = start();
    a.actor.send({ type: 'DEPOSIT_ACCOUNT', accountNumber: '12ab' });
    expect(a.view().step).toBe('account');

    a.actor.send({ type: 'DEPOSIT_ACCOUNT', accountNumber: ACCOUNT });
    a.fakes.resolve('lookupAccount', { status: 'notFound' });
    await settle();
    expect(a.view()).toMatchObject({ step: 'account', message: 'accountNotFound', accountMasked: null });

    a.actor.send({ type: 'DEPOSIT_ACCOUNT', accountNumber: ACCOUNT });
    expect(a.view().message).toBeNull();
    a.fakes.resolve('lookupAccount', {
      status: 'found',
      accountRef: 'acc-ref-0001',
      holderNameMasked: 'B*** C****',
    });
    await settle();
    a.actor.send({ type: 'DEPOSIT_REJECT_HOLDER' });
    expect(a.view()).toMatchObject({
      step: 'account',
      message: 'holderRejected',
      holderNameMasked: null,
      accountMasked: null,
    });
    expect(a.actor.getSnapshot().context.accountRef).toBeNull();
  });

  it('offline: captures the number, enforces the limit, returns a note that would exceed it, stops when full', async () => {
    const a = start();
    await toInsertingOffline(a);
    expect(a.view()).toMatchObject({
      step: 'inserting',
      offline: true,
      offlineLimit: 5_000,
      message: 'offlineDeposit',
      holderNameMasked: null,
    });
    // A note larger than the whole limit is never taken.
    expect(a.fakes.calls.cashIn[0]?.noteTypes.map((n) => n.value)).toEqual([500, 1_000, 2_000, 5_000]);

    await stackNote(a, 2_000);
    expect(a.view().total).toBe(2_000);

    // 2,000 + 5,000 would pass 5,000: given back without asking.
    a.fakes.device({ type: 'NOTE_ESCROWED', value: 5_000 });
    expect(a.view()).toMatchObject({ step: 'routing', escrowValue: 5_000, message: 'limitReached' });
    expect(a.fakes.calls.routeNote.at(-1)).toMatchObject({ decision: 'return', value: 5_000, escrowSeq: 2 });
    a.fakes.resolve('routeNote', 'returned');
    await settle();
    expect(a.view()).toMatchObject({
      step: 'inserting',
      total: 2_000,
      message: 'limitReached',
      escrowValue: null,
    });

    await stackNote(a, 2_000);
    for (let i = 0; i < 9; i += 1) a.fakes.device({ type: 'COIN_CREDITED', value: 100 });
    expect(a.view()).toMatchObject({ step: 'inserting', total: 4_900 });
    a.fakes.device({ type: 'COIN_CREDITED', value: 100 });
    // Full: the devices are switched off and the summary shows.
    expect(a.view()).toMatchObject({ step: 'confirming', total: 5_000, message: 'limitReached' });
    expect(a.fakes.isRunning('cashIn')).toBe(false);

    a.actor.send({ type: 'DEPOSIT_CONFIRM' });
    expect(a.fakes.calls.completeDeposit[0]).toMatchObject({
      accountRef: null,
      accountNumber: ACCOUNT,
      capturedOffline: true,
      total: 5_000,
      notes: { '2000': 2 },
      coins: { '100': 10 },
      ending: 'completed',
    });
    a.fakes.resolve('completeDeposit', { receipt: 'printed' });
    await settle();
    expect(a.view()).toMatchObject({ step: 'done', offline: true });
    // Recorded: the number is no longer kept.
    expect(a.actor.getSnapshot().context.accountNumber).toBeNull();
  });

  it('a lookup that fails outright is treated as offline', async () => {
    const a = start();
    a.actor.send({ type: 'DEPOSIT_ACCOUNT', accountNumber: ACCOUNT });
    a.fakes.reject('lookupAccount', new Error('socket closed'));
    await settle();
    expect(a.view()).toMatchObject({ step: 'inserting', offline: true, message: 'offlineDeposit' });
  });

  it('gives a note back when the customer asks, and counts nothing for it', async () => {
    const a = start();
    await toInsertingOnline(a);
    a.fakes.device({ type: 'NOTE_ESCROWED', value: 1_000 });
    a.actor.send({ type: 'DEPOSIT_RETURN_NOTE' });
    expect(a.fakes.calls.routeNote.at(-1)).toMatchObject({ decision: 'return', value: 1_000 });
    a.fakes.resolve('routeNote', 'returned');
    await settle();
    expect(a.view()).toMatchObject({ step: 'inserting', total: 0, notes: {}, message: 'noteReturned' });
  });

  it('rejected notes and notes the device settled itself are reported and counted as the device says', async () => {
    const a = start();
    await toInsertingOnline(a);
    a.fakes.device({ type: 'NOTE_REJECTED', reason: 'unrecognised' });
    expect(a.view().message).toBe('noteRejected');
    // The validator's escrow timer ran out and it stacked the note itself: it is in the kiosk.
    a.fakes.device({ type: 'NOTE_ESCROWED', value: 500 });
    a.fakes.device({ type: 'NOTE_STACKED', value: 500 });
    expect(a.view()).toMatchObject({ step: 'inserting', total: 500, notes: { '500': 1 }, escrowValue: null });
    a.fakes.device({ type: 'NOTE_ESCROWED', value: 1_000 });
    a.fakes.device({ type: 'NOTE_RETURNED', value: 1_000 });
    expect(a.view()).toMatchObject({ step: 'inserting', total: 500, message: 'noteReturned' });
  });

  it('during routing, the outcome comes from routeNote only: device echoes are not counted twice', async () => {
    const a = start();
    await toInsertingOnline(a);
    a.fakes.device({ type: 'NOTE_ESCROWED', value: 2_000 });
    a.actor.send({ type: 'DEPOSIT_ACCEPT_NOTE' });
    a.fakes.device({ type: 'NOTE_STACKED', value: 2_000 });
    a.fakes.resolve('routeNote', 'stacked');
    await settle();
    expect(a.view()).toMatchObject({ total: 2_000, notes: { '2000': 1 } });
  });

  it('cancel with nothing counted ends cancelled, records nothing, forgets the account', async () => {
    const a = start();
    await toInsertingOnline(a);
    a.actor.send({ type: 'DEPOSIT_CANCEL' });
    expect(a.view()).toMatchObject({
      step: 'cancelled',
      total: 0,
      accountMasked: null,
      holderNameMasked: null,
    });
    expect(a.fakes.calls.completeDeposit).toEqual([]);
    expect(a.fakes.isRunning('cashIn')).toBe(false);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(a.actor.getSnapshot().output).toEqual({ ending: 'cancelled', receipt: null, total: 0 });
  });

  it('cancel from the account step ends cancelled at once', () => {
    const a = start();
    a.actor.send({ type: 'DEPOSIT_CANCEL' });
    expect(a.view().step).toBe('cancelled');
  });

  it('cancel with cash counted gives back the note in escrow and credits the rest (ending cancelled)', async () => {
    const a = start();
    await toInsertingOnline(a);
    await stackNote(a, 2_000);
    a.fakes.device({ type: 'COIN_CREDITED', value: 100 });
    a.fakes.device({ type: 'NOTE_ESCROWED', value: 5_000 });
    a.actor.send({ type: 'DEPOSIT_CANCEL' });
    expect(a.view()).toMatchObject({ step: 'routing', escrowValue: 5_000 });
    expect(a.fakes.calls.routeNote.at(-1)).toMatchObject({ decision: 'return', value: 5_000 });
    a.fakes.resolve('routeNote', 'returned');
    await settle();
    expect(a.view()).toMatchObject({ step: 'completing', total: 2_100, message: 'noteReturned' });
    expect(a.fakes.calls.completeDeposit[0]).toMatchObject({ ending: 'cancelled', total: 2_100 });
    a.fakes.resolve('completeDeposit', { receipt: 'printed' });
    await settle();
    expect(a.view()).toMatchObject({
      step: 'done',
      total: 2_100,
      message: 'noteReturned',
      receipt: 'printed',
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(a.actor.getSnapshot().output).toEqual({ ending: 'cancelled', receipt: 'printed', total: 2_100 });
  });

  it('cancel on the summary still credits what was counted', async () => {
    const a = start();
    await toInsertingOnline(a);
    a.fakes.device({ type: 'COIN_CREDITED', value: 200 });
    a.actor.send({ type: 'DEPOSIT_DONE' });
    a.actor.send({ type: 'DEPOSIT_CANCEL' });
    expect(a.view().step).toBe('completing');
    expect(a.fakes.calls.completeDeposit[0]).toMatchObject({ ending: 'cancelled', total: 200 });
  });

  it('a fault mid-deposit returns the escrowed note if it can and credits what was counted (interrupted)', async () => {
    const a = start();
    await toInsertingOnline(a);
    await stackNote(a, 1_000);
    a.fakes.device({ type: 'NOTE_ESCROWED', value: 2_000 });
    a.fakes.device({ type: 'DEVICE_FAULT', fault: 'jam' });
    expect(a.view()).toMatchObject({ step: 'routing', message: 'jam' });
    expect(a.fakes.calls.routeNote.at(-1)).toMatchObject({ decision: 'return', value: 2_000 });
    // The jammed validator cannot give it back: where the note is stays in doubt, it is not counted.
    a.fakes.resolve('routeNote', 'failed');
    await settle();
    expect(a.view()).toMatchObject({ step: 'completing', total: 1_000, message: 'jam', escrowValue: null });
    expect(a.fakes.isRunning('cashIn')).toBe(false);
    expect(a.fakes.calls.completeDeposit[0]).toMatchObject({ ending: 'interrupted', total: 1_000 });
    a.fakes.resolve('completeDeposit', { receipt: 'unavailable' });
    await settle();
    expect(a.view()).toMatchObject({
      step: 'interrupted',
      total: 1_000,
      message: 'jam',
      receipt: 'unavailable',
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(a.actor.getSnapshot().output).toEqual({
      ending: 'interrupted',
      receipt: 'unavailable',
      total: 1_000,
    });
  });

  it('a fault with nothing counted ends interrupted without a record', async () => {
    const a = start();
    await toInsertingOnline(a);
    a.fakes.device({ type: 'DEVICE_FAULT', fault: 'stackerFull' });
    expect(a.view()).toMatchObject({ step: 'interrupted', message: 'stackerFull', total: 0, receipt: null });
    expect(a.fakes.calls.completeDeposit).toEqual([]);
  });

  it('a failed route of a note the customer added ends the deposit as interrupted', async () => {
    const a = start();
    await toInsertingOnline(a);
    a.fakes.device({ type: 'COIN_CREDITED', value: 50 });
    a.fakes.device({ type: 'NOTE_ESCROWED', value: 2_000 });
    a.actor.send({ type: 'DEPOSIT_ACCEPT_NOTE' });
    a.fakes.reject('routeNote', new Error('port lost'));
    await settle();
    expect(a.view()).toMatchObject({ step: 'completing', message: 'deviceDown', total: 50 });
    expect(a.fakes.calls.completeDeposit[0]?.ending).toBe('interrupted');
  });

  it('FLOW_ABORT closes like a cancel, ending timedOut, without showing the last screen', async () => {
    const a = start();
    await toInsertingOnline(a);
    await stackNote(a, 500);
    a.fakes.device({ type: 'NOTE_ESCROWED', value: 1_000 });
    a.actor.send({ type: 'FLOW_ABORT' });
    expect(a.fakes.calls.routeNote.at(-1)).toMatchObject({ decision: 'return', value: 1_000 });
    a.fakes.resolve('routeNote', 'returned');
    await settle();
    expect(a.fakes.calls.completeDeposit[0]).toMatchObject({ ending: 'timedOut', total: 500 });
    a.fakes.resolve('completeDeposit', { receipt: 'unavailable' });
    await settle();
    expect(a.actor.getSnapshot().status).toBe('done');
    expect(a.actor.getSnapshot().output).toEqual({ ending: 'timedOut', receipt: 'unavailable', total: 500 });
  });

  it('FLOW_ABORT before any cash closes at once; during completing, the display is skipped', async () => {
    const early = start();
    early.actor.send({ type: 'DEPOSIT_ACCOUNT', accountNumber: ACCOUNT });
    early.actor.send({ type: 'FLOW_ABORT' });
    expect(early.actor.getSnapshot().output).toEqual({ ending: 'timedOut', receipt: null, total: 0 });

    const late = start();
    await toInsertingOnline(late);
    late.fakes.device({ type: 'COIN_CREDITED', value: 100 });
    late.actor.send({ type: 'DEPOSIT_DONE' });
    late.actor.send({ type: 'DEPOSIT_CONFIRM' });
    late.actor.send({ type: 'FLOW_ABORT' });
    late.fakes.resolve('completeDeposit', { receipt: 'printed' });
    await settle();
    expect(late.actor.getSnapshot().output).toEqual({ ending: 'completed', receipt: 'printed', total: 100 });
  });

  it('FLOW_ABORT on a final screen closes it at once', async () => {
    const a = start();
    a.actor.send({ type: 'DEPOSIT_CANCEL' });
    a.actor.send({ type: 'FLOW_ABORT' });
    expect(a.actor.getSnapshot().status).toBe('done');
  });

  it('a completion that fails outright shows the receipt as failed', async () => {
    const a = start();
    await toInsertingOnline(a);
    a.fakes.device({ type: 'COIN_CREDITED', value: 100 });
    a.actor.send({ type: 'DEPOSIT_DONE' });
    a.actor.send({ type: 'DEPOSIT_CONFIRM' });
    a.fakes.reject('completeDeposit', new Error('journal closed'));
    await settle();
    expect(a.view()).toMatchObject({ step: 'done', receipt: 'failed' });
  });

  it('restores a snapshot persisted mid-inserting: counts kept, devices re-enabled, deposit id kept', async () => {
    const a = start();
    await toInsertingOnline(a);
    await stackNote(a, 2_000);
    a.fakes.device({ type: 'COIN_CREDITED', value: 200 });
    const before = a.actor.getSnapshot().context;
    const persisted = JSON.parse(JSON.stringify(a.actor.getPersistedSnapshot()));
    a.actor.stop();

    const fakes = createFakeDepositActors();
    const restored = createActor(cashDepositMachine.provide({ actors: fakes.actors }), {
      input,
      snapshot: persisted,
    }).start();
    restored.send({ type: 'RESUMED' });
    const view = toDepositView(restored.getSnapshot());
    expect(view).toMatchObject({
      step: 'inserting',
      notes: { '2000': 1 },
      coins: { '200': 1 },
      total: 2_200,
    });
    expect(restored.getSnapshot().context.depositId).toBe(before.depositId);
    expect(fakes.calls.cashIn).toHaveLength(1);

    fakes.device({ type: 'NOTE_ESCROWED', value: 500 });
    restored.send({ type: 'DEPOSIT_ACCEPT_NOTE' });
    // The next note gets the next key, never one a note before it used.
    expect(fakes.calls.routeNote).toEqual([
      { depositId: before.depositId, escrowSeq: 2, decision: 'stack', value: 500 },
    ]);
    restored.stop();
  });

  it('a restored routing re-runs routeNote with the same key, for the runtime to answer from its journal', async () => {
    const a = start();
    await toInsertingOnline(a);
    a.fakes.device({ type: 'NOTE_ESCROWED', value: 1_000 });
    a.actor.send({ type: 'DEPOSIT_ACCEPT_NOTE' });
    const first = a.fakes.calls.routeNote[0];
    const persisted = JSON.parse(JSON.stringify(a.actor.getPersistedSnapshot()));
    a.actor.stop();

    const fakes = createFakeDepositActors();
    const restored = createActor(cashDepositMachine.provide({ actors: fakes.actors }), {
      input,
      snapshot: persisted,
    }).start();
    expect(fakes.calls.routeNote).toEqual([first]);
    fakes.resolve('routeNote', 'stacked');
    await settle();
    expect(toDepositView(restored.getSnapshot())).toMatchObject({ step: 'inserting', total: 1_000 });
    restored.stop();
  });

  it('a restored final screen keeps its deadline instead of starting over', async () => {
    const a = start();
    a.actor.send({ type: 'DEPOSIT_CANCEL' });
    await vi.advanceTimersByTimeAsync(3_000);
    const persisted = JSON.parse(JSON.stringify(a.actor.getPersistedSnapshot()));
    a.actor.stop();

    const fakes = createFakeDepositActors();
    const restored = createActor(cashDepositMachine.provide({ actors: fakes.actors }), {
      input,
      snapshot: persisted,
    }).start();
    restored.send({ type: 'RESUMED' });
    await vi.advanceTimersByTimeAsync(1_900);
    expect(restored.getSnapshot().status).toBe('active');
    await vi.advanceTimersByTimeAsync(200);
    expect(restored.getSnapshot().status).toBe('done');
  });

  it('never puts the full account number in the view', async () => {
    const a = start();
    const views = [a.view()];
    a.actor.send({ type: 'DEPOSIT_ACCOUNT', accountNumber: ACCOUNT });
    views.push(a.view());
    a.fakes.resolve('lookupAccount', { status: 'offline' });
    await settle();
    views.push(a.view());
    a.fakes.device({ type: 'COIN_CREDITED', value: 100 });
    a.actor.send({ type: 'DEPOSIT_DONE' });
    a.actor.send({ type: 'DEPOSIT_CONFIRM' });
    views.push(a.view());
    for (const view of views) expect(JSON.stringify(view)).not.toContain(ACCOUNT.slice(0, -4));
  });
});
