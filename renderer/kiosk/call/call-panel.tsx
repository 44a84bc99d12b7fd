import { type ReactNode, useId } from 'react';
import type { VideoTellerView } from '../../../contracts/video-teller.ts';
import { useSendEvent } from '../bridge/bridge-context.ts';
import { TouchButton } from '../components/touch-button.tsx';
import { useKioskT } from '../language-context.ts';
import { CallVideo } from './call-video.tsx';
import { IdScanRequest } from './id-scan-request.tsx';
import { TellerNotes } from './teller-notes.tsx';
import type { CallMedia } from './use-call-media.ts';

interface DockedPanelProps {
  step: VideoTellerView['step'];
  testId: string;
  heading: string;
  children?: ReactNode;
}

/** The call docked on the right, over the screen below, which the customer can keep using. */
function DockedPanel({ step, testId, heading, children }: DockedPanelProps) {
  const headingId = useId();
  return (
    <aside
      className={`call-panel call-panel--${step}`}
      aria-labelledby={headingId}
      data-call-step={step}
      data-testid={testId}
    >
      <h2 id={headingId} className="call-panel__heading">
        {heading}
      </h2>
      {children}
    </aside>
  );
}

function CancelCall() {
  const send = useSendEvent();
  const t = useKioskT();
  return (
    <TouchButton variant="secondary" data-testid="call-cancel" onClick={() => send({ type: 'CALL_END' })}>
      {t('call.queued.cancel')}
    </TouchButton>
  );
}

/** Waiting in the queue: the place in it and the expected wait, and a way out. */
export function QueuePanel({ call }: { call: VideoTellerView }) {
  const t = useKioskT();
  const minutes = call.etaSeconds === null ? null : Math.max(1, Math.round(call.etaSeconds / 60));
  return (
    <DockedPanel step="queued" testId="call-queue" heading={t('call.queued.title')}>
      {call.position !== null && (
        <p className="call-panel__position" data-testid="call-queue-position" data-position={call.position}>
          {t('call.queued.position', { position: call.position })}
        </p>
      )}
      <p className="call-panel__eta" data-eta-minutes={minutes ?? undefined}>
        {minutes === null ? t('call.queued.etaUnknown') : t('call.queued.eta', { count: minutes })}
      </p>
      <div className="spinner" aria-hidden="true" />
      <p className="call-panel__hint">{t('call.queued.keepUsing')}</p>
      <div className="call-panel__actions">
        <CancelCall />
      </div>
    </DockedPanel>
  );
}

/** A teller's console is ringing. */
export function RingingPanel() {
  const t = useKioskT();
  return (
    <DockedPanel step="ringing" testId="call-ringing" heading={t('call.ringing.title')}>
      <div className="spinner" aria-hidden="true" />
      <div className="call-panel__actions">
        <CancelCall />
      </div>
    </DockedPanel>
  );
}

/**
 * The call itself (connecting, live, reconnecting): the teller large, the customer's own camera
 * small, the microphone and hang-up, and what the teller sent to the screen.
 */
export function LivePanel({ call, media }: { call: VideoTellerView; media: CallMedia }) {
  const send = useSendEvent();
  const t = useKioskT();
  const heading =
    call.step === 'live'
      ? call.tellerName
        ? t('call.panel.teller', { name: call.tellerName })
        : t('call.panel.tellerUnnamed')
      : t(call.step === 'reconnecting' ? 'call.reconnecting.title' : 'call.connecting.title');
  return (
    <DockedPanel step={call.step} testId="call-panel" heading={heading}>
      <div className="call-panel__videos">
        <CallVideo stream={media.remote} label={t('call.panel.remoteVideo')} testId="call-remote-video" />
        {media.local && (
          <CallVideo stream={media.local} own label={t('call.panel.ownVideo')} testId="call-own-video" />
        )}
        {call.step !== 'live' && <div className="spinner call-panel__spinner" aria-hidden="true" />}
      </div>
      {call.step === 'reconnecting' && (
        <p role="status" className="call-panel__notice call-panel__notice--problem">
          {t('call.reconnecting.title')}
        </p>
      )}
      {media.cameraUnavailable && (
        <p
          role="alert"
          className="call-panel__notice call-panel__notice--problem"
          data-testid="call-no-camera"
        >
          {t('call.panel.cameraUnavailable')}
        </p>
      )}
      {call.muted && <p className="call-panel__notice">{t('call.panel.muted')}</p>}
      {call.approvalPending && (
        <p role="status" className="call-panel__notice" data-testid="call-approval-pending">
          {t('call.panel.approvalPending')}
        </p>
      )}
      {call.idScan && <IdScanRequest idScan={call.idScan} />}
      <TellerNotes notes={call.notes} />
      <div className="call-panel__actions">
        <TouchButton
          variant="secondary"
          data-testid="call-mute"
          aria-pressed={call.muted}
          disabled={media.cameraUnavailable}
          onClick={media.toggleMute}
        >
          {t(call.muted ? 'call.panel.unmute' : 'call.panel.mute')}
        </TouchButton>
        <TouchButton
          className="call-panel__end"
          data-testid="call-end"
          onClick={() => send({ type: 'CALL_END' })}
        >
          {t('call.panel.end')}
        </TouchButton>
      </div>
    </DockedPanel>
  );
}
