import type { VideoTellerStep, VideoTellerView } from '../../../contracts/video-teller.ts';
import { CallContext } from './call-context.ts';
import { CallClosedStep } from './call-closed-step.tsx';
import { LivePanel, QueuePanel, RingingPanel } from './call-panel.tsx';
import { CallWaitStep } from './call-wait-step.tsx';
import { CallbackOfferStep } from './callback-offer-step.tsx';
import { CallbackPhoneStep } from './callback-phone-step.tsx';
import { ConsentStep } from './consent-step.tsx';
import { IdScanLayer } from './id-scan-layer.tsx';
import { useCallMedia } from './use-call-media.ts';
import './call.css';

/** Steps shown as a modal: the customer answers them before using the screen below again. */
const MODAL_STEPS: ReadonlySet<VideoTellerStep> = new Set([
  'consent',
  'requesting',
  'callbackOffer',
  'callbackPhone',
  'callbackSending',
  'callbackRecorded',
  'ended',
  'unavailable',
]);

/** Whether the call keeps the customer from the screen below now (the app makes it inert). */
export function callCoversScreen(call: VideoTellerView | null): boolean {
  if (!call) return false;
  return MODAL_STEPS.has(call.step) || call.idScan?.step === 'scanning';
}

/** Whether the call is docked beside the screen below (which then makes room for it). */
export function callIsDocked(call: VideoTellerView | null): boolean {
  return call !== null && !MODAL_STEPS.has(call.step);
}

/**
 * The video teller call over the current screen. It stays mounted while the view has a call, so
 * the camera and the peer connection live across its steps and close with it.
 */
export function CallLayer({ call }: { call: VideoTellerView }) {
  const media = useCallMedia(call);
  return (
    // Inside the call nothing offers to open another one (the identify screens' "call a teller").
    <CallContext.Provider value={{ open: true, topic: call.topic }}>
      <div className="call-layer" data-call-step={call.step} data-call-origin={call.origin}>
        <CallStep call={call} media={media} />
        {call.idScan?.step === 'scanning' && <IdScanLayer identify={call.idScan.identify} />}
      </div>
    </CallContext.Provider>
  );
}

function CallStep({ call, media }: { call: VideoTellerView; media: ReturnType<typeof useCallMedia> }) {
  switch (call.step) {
    case 'consent':
      return <ConsentStep />;
    case 'requesting':
      return <CallWaitStep step="requesting" headingKey="call.requesting.title" />;
    case 'queued':
      return <QueuePanel call={call} />;
    case 'callbackOffer':
      return <CallbackOfferStep />;
    case 'callbackPhone':
      return <CallbackPhoneStep />;
    case 'callbackSending':
      return <CallWaitStep step="callbackSending" headingKey="call.callbackSending.title" />;
    case 'ringing':
      return <RingingPanel />;
    case 'connecting':
    case 'live':
    case 'reconnecting':
      return <LivePanel call={call} media={media} />;
    case 'callbackRecorded':
    case 'ended':
    case 'unavailable':
      return <CallClosedStep call={call} />;
  }
}
