import type { AnyActorRef, SnapshotFrom } from 'xstate';
import type { KioskView, MenuItem, Screen } from '../../contracts/index.ts';
import type { CardIssuingMachine } from '../card-issuing/card-issuing-machine.ts';
import { toCardIssuingView } from '../card-issuing/card-issuing-view.ts';
import type { CashDepositMachine } from '../cash-deposit/cash-deposit-machine.ts';
import { toDepositView } from '../cash-deposit/deposit-view.ts';
import type { VideoTellerMachine } from '../video-teller/video-teller-machine.ts';
import { callDocumentOnScreen, toVideoTellerView } from '../video-teller/video-teller-view.ts';
import type { SessionMachine } from './session-machine.ts';

type SessionSnapshot = SnapshotFrom<SessionMachine>;

/** Which screen a session snapshot shows. */
export function screenOf(snapshot: SessionSnapshot): Screen {
  if (snapshot.matches('starting')) return 'starting';
  if (snapshot.matches('outOfService')) return 'outOfService';
  if (snapshot.matches('goodbye')) return 'goodbye';
  if (snapshot.matches({ customer: { screens: 'language' } })) return 'language';
  if (snapshot.matches({ customer: { screens: 'menu' } })) return 'menu';
  if (snapshot.matches({ customer: { screens: 'cashDeposit' } })) return 'flow';
  if (snapshot.matches({ customer: { screens: 'cardIssuing' } })) return 'flow';
  // attract, and the transient idle/cancelling states, show the attract screen.
  return 'attract';
}

/** The video teller call's snapshot while one is open, or null. */
export function callSnapshotOf(snapshot: SessionSnapshot): SnapshotFrom<VideoTellerMachine> | null {
  if (!snapshot.matches({ customer: { call: 'active' } })) return null;
  const child = (snapshot.children as Record<string, AnyActorRef | undefined>).call;
  return (child?.getSnapshot() as SnapshotFrom<VideoTellerMachine> | undefined) ?? null;
}

/** The capture the call's ID scan shows for confirmation now, for the runtime to fill in. */
export function sessionCallDocumentOnScreen(snapshot: SessionSnapshot): string | null {
  const call = callSnapshotOf(snapshot);
  return call ? callDocumentOnScreen(call) : null;
}

/**
 * Reduces a session snapshot to the view the UI renders. `menu` and `backendOnline` come from the
 * runtime, which knows devices and the backend link.
 */
export function toKioskView(
  snapshot: SessionSnapshot,
  extras: { revision: number; menu: MenuItem[]; backendOnline: boolean },
): KioskView {
  const context = snapshot.context;
  const screen = screenOf(snapshot);
  const inSession = screen === 'language' || screen === 'menu' || screen === 'flow' || screen === 'goodbye';
  const flowChild = screen === 'flow' ? snapshot.children.flow : undefined;
  // The child with id `flow` is the machine of the flow in `context.flow` (see the session machine).
  const deposit =
    flowChild && context.flow === 'cashDeposit'
      ? toDepositView(flowChild.getSnapshot() as SnapshotFrom<CashDepositMachine>)
      : null;
  const card =
    flowChild && context.flow === 'cardIssuing'
      ? toCardIssuingView(flowChild.getSnapshot() as SnapshotFrom<CardIssuingMachine>)
      : null;
  const callSnapshot = callSnapshotOf(snapshot);
  return {
    revision: extras.revision,
    screen,
    language: inSession ? context.language : null,
    sessionId: inSession ? context.sessionId : null,
    menu: extras.menu,
    flow:
      screen === 'flow' && context.flow
        ? { id: context.flow, step: deposit?.step ?? card?.step ?? 'start' }
        : null,
    timeoutPrompt: context.promptDeadline !== null && inSession ? { deadline: context.promptDeadline } : null,
    outOfService: screen === 'outOfService' ? { reason: context.outOfServiceReason ?? 'device' } : null,
    goodbye: screen === 'goodbye' ? { receipt: context.receipt ?? 'printing' } : null,
    backendOnline: extras.backendOnline,
    deposit,
    card,
    call: callSnapshot ? toVideoTellerView(callSnapshot) : null,
  };
}
