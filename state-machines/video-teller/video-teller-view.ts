import type { AnyActorRef, SnapshotFrom } from 'xstate';
import { VideoTellerStep, type VideoTellerView } from '../../contracts/index.ts';
import {
  documentOnScreen,
  type IdentifySnapshot,
  toIdentifyView,
} from '../identify-customer/identify-customer-view.ts';
import type { VideoTellerMachine } from './video-teller-machine.ts';

type VideoTellerSnapshot = SnapshotFrom<VideoTellerMachine>;

/**
 * Each step is a state (at any depth) of the same name; the contract lists them. No step's state
 * lies inside another's, so the order of the search does not matter.
 */
const STEP_STATES = VideoTellerStep.options;

function matchesAnywhere(snapshot: VideoTellerSnapshot, name: string): boolean {
  const visit = (value: unknown): boolean =>
    value === name ||
    (typeof value === 'object' &&
      value !== null &&
      Object.entries(value).some(([key, child]) => key === name || visit(child)));
  return visit(snapshot.value);
}

/** Which screen of the call a snapshot shows. */
export function videoTellerStepOf(snapshot: VideoTellerSnapshot): VideoTellerStep {
  const step = STEP_STATES.find((state) => matchesAnywhere(snapshot, state));
  if (step) return step;
  // done: the session closes the call at once; show what it ended on.
  const outcome = snapshot.context.outcome;
  if (outcome === 'unavailable') return 'unavailable';
  if (outcome === 'callback') return 'callbackRecorded';
  if (outcome === 'declined') return 'consent';
  return 'ended';
}

/** The identify step of the call's ID scan while it reads, or null. */
export function callIdentifySnapshotOf(snapshot: VideoTellerSnapshot): IdentifySnapshot | null {
  if (!snapshot.matches({ talking: { idScan: 'scanning' } })) return null;
  const child = (snapshot.children as Record<string, AnyActorRef | undefined>).identify;
  return (child?.getSnapshot() as IdentifySnapshot | undefined) ?? null;
}

/** The capture the call's identify step shows for confirmation now, for the runtime to fill in. */
export function callDocumentOnScreen(snapshot: VideoTellerSnapshot): string | null {
  const identify = callIdentifySnapshotOf(snapshot);
  return identify ? documentOnScreen(identify) : null;
}

/** Reduces a call snapshot to what the kiosk UI renders over the screen below it. */
export function toVideoTellerView(snapshot: VideoTellerSnapshot): VideoTellerView {
  const c = snapshot.context;
  const identify = callIdentifySnapshotOf(snapshot);
  return {
    step: videoTellerStepOf(snapshot),
    origin: c.origin,
    topic: c.topic,
    callId: c.callId,
    position: c.position,
    etaSeconds: c.etaSeconds,
    tellerName: c.tellerName,
    leg: c.leg,
    iceServers: c.iceServers,
    muted: c.muted,
    notes: c.notes,
    idScan: c.idScan ? { ...c.idScan, identify: identify ? toIdentifyView(identify) : null } : null,
    approvalPending: c.approvalPending,
    endedReason: c.endedReason,
  };
}
