import type { AnyActorRef, Snapshot, Subscription } from 'xstate';

type AnyActorSnapshot = Snapshot<unknown>;
import { identifySnapshotOf } from '../../../state-machines/card-issuing/card-issuing-view.ts';
import type { IdentifySnapshot } from '../../../state-machines/identify-customer/identify-customer-view.ts';

/*
 * How the runtime follows the identify step, which runs as a flow's own child: its screens change
 * only its own snapshot, so the runtime subscribes to it, and it decides from the snapshots whether
 * a document shown for confirmation is still needed and whether the customer is at work.
 */

/**
 * Follows one named child of an actor (the identify step inside a flow): subscribes to it while it
 * runs, and calls `onChange` on each of its snapshots, since a child's steps change only its own.
 */
export function watchChild(id: string, onChange: (snapshot: unknown) => void) {
  let watched: AnyActorRef | null = null;
  let subscription: Subscription | null = null;
  return {
    follow(parent: AnyActorRef | null) {
      const snapshot = parent?.getSnapshot() as
        | { children?: Record<string, AnyActorRef | undefined> }
        | undefined;
      const child = snapshot?.children?.[id] ?? null;
      if (child === watched) return;
      subscription?.unsubscribe();
      watched = child;
      subscription = child ? child.subscribe({ next: onChange, error: () => undefined }) : null;
    },
  };
}

/** Whether a document shown for confirmation is still needed: confirmed, and its flow goes on with it. */
export function documentKept(flow: AnyActorSnapshot | undefined, captureId: string): boolean {
  if (!flow) return false;
  const identify = identifySnapshotOf(flow as Parameters<typeof identifySnapshotOf>[0]);
  if (identify) return identify.status === 'done' && identify.context.captureId === captureId;
  return (flow as { context?: { captureId?: unknown } }).context?.captureId === captureId;
}

/** An identify step that saw a document or a code, or shows one to confirm. */
export function customerActive(snapshot: unknown): boolean {
  const identify = snapshot as IdentifySnapshot;
  return identify.context.inputSeen || identify.matches('confirmDocument');
}
