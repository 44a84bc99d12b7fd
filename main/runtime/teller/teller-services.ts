import type { Socket } from 'socket.io-client';
import { type AnyActorLogic, fromPromise, type SnapshotFrom } from 'xstate';
import type { CallTopic, CustomerContext, KioskView } from '../../../contracts/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type {
  TellerApprovalInput,
  TellerApprovalOutput,
} from '../../../state-machines/card-issuing/card-issuing-types.ts';
import type { SessionMachine } from '../../../state-machines/session/session-machine.ts';
import { callSnapshotOf, sessionCallDocumentOnScreen } from '../../../state-machines/session/session-view.ts';
import { videoTellerMachine } from '../../../state-machines/video-teller/video-teller-machine.ts';
import { callIdentifySnapshotOf } from '../../../state-machines/video-teller/video-teller-view.ts';
import type { IdentityServices } from '../identity/identity-services.ts';
import { createTellerCallClient } from './teller-call-client.ts';

export interface TellerServicesDependencies {
  socket: () => Socket | null;
  identity: IdentityServices;
  /** Opens a call on the session (a flow waits for a teller's approval and no call is open). */
  openCall: (topic: CallTopic) => void;
  log: Logger;
}

/**
 * The video teller at the kiosk, composed: the call machine with its link to the backend and
 * its ID scan, the card flow's approval actor, the UI's signaling relay, and what the runtime
 * needs to show and keep the call's document and to tell the teller where the customer is.
 */
export function createTellerServices(deps: TellerServicesDependencies) {
  const client = createTellerCallClient({
    socket: deps.socket,
    // Read once, to be sent to the teller; the kiosk has no further use for it.
    sharedDocument: (captureId) => {
      const document = deps.identity.sharedDocument(captureId);
      deps.identity.dropCapture(captureId);
      return document;
    },
    openCall: deps.openCall,
    log: deps.log,
  });

  const tellerApproval = fromPromise<TellerApprovalOutput, TellerApprovalInput>(
    async ({ input, signal }) => ({
      decision: await client.requestApproval(
        { kind: input.kind, flow: input.flow, step: input.step, summary: input.summary },
        'cards',
        signal,
      ),
    }),
  );

  return {
    /** The session's `videoTeller` child, with the runtime's link and scanners. */
    machine: videoTellerMachine.provide({
      actors: {
        tellerLink: client.linkActor as unknown as AnyActorLogic,
        identifyCustomer: deps.identity.machine,
      },
    } as never),
    /** The card flow's `tellerApproval` actor. */
    tellerApproval,
    sendSignal: client.sendSignal,
    onSignal: client.onSignal,

    /** The capture the call's ID scan shows for confirmation, or null. */
    documentOnScreen: (snapshot: SnapshotFrom<SessionMachine>) => sessionCallDocumentOnScreen(snapshot),
    /**
     * Whether a capture that left the confirmation screen is on its way to the teller (the
     * client reads and drops it itself) rather than turned down.
     */
    documentBeingShared(snapshot: SnapshotFrom<SessionMachine>, captureId: string): boolean {
      const call = callSnapshotOf(snapshot);
      if (!call) return false;
      if (call.context.idScan?.step === 'sharing') return true;
      // The identify step has just ended with this document and the call has not yet taken its
      // answer: the step's own observers hear of its end before its parent does.
      const identify = callIdentifySnapshotOf(call);
      return identify?.status === 'done' && identify.context.captureId === captureId;
    },
    /** The call view's identify step with the document to confirm filled in. */
    withDocument(view: KioskView, captureOnScreen: string | null): KioskView {
      const idScan = view.call?.idScan;
      if (!view.call || !idScan?.identify) return view;
      return {
        ...view,
        call: {
          ...view.call,
          idScan: {
            ...idScan,
            identify: deps.identity.identifyWithDocument(idScan.identify, captureOnScreen),
          },
        },
      };
    },
    /** Tells the teller where the customer is now (no personal data), when a call is open. */
    noteContext(view: KioskView): void {
      if (!view.call || !view.language) return;
      const context: CustomerContext = {
        language: view.language,
        flow: view.flow?.id ?? null,
        step: view.flow?.step ?? null,
      };
      client.updateContext(context);
    },
  };
}

export type TellerServices = ReturnType<typeof createTellerServices>;
