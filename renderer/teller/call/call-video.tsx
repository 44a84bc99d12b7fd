import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallMedia } from './use-call-media.ts';

function StreamVideo({
  stream,
  muted,
  className,
  label,
  testId,
}: {
  stream: MediaStream | null;
  muted: boolean;
  className: string;
  label: string;
  testId: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    // Only a live stream is attached: an empty one would hold up the page's load event.
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return (
    <video
      ref={ref}
      className={className}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
      data-testid={testId}
      data-has-stream={stream ? 'true' : 'false'}
    />
  );
}

/** The call's media as useCallMedia holds it, its toggles as handlers, and the call's own controls. */
export interface CallVideoProps extends Omit<CallMedia, 'toggleMute' | 'toggleCamera'> {
  kioskName: string;
  duration: string;
  onToggleMute: () => void;
  onToggleCamera: () => void;
  onEnd: () => void;
  ending: boolean;
}

/** The customer large, the teller small, and the call's controls. */
export function CallVideo(props: CallVideoProps) {
  const { t } = useTranslation();
  return (
    <section className="panel call-video" aria-labelledby="call-title">
      <header className="call-video__header">
        <h2 id="call-title">{t('call.title', { kiosk: props.kioskName })}</h2>
        <span className="numeric">
          <span className="visually-hidden">{t('call.duration')} </span>
          {props.duration}
        </span>
        <span
          className={`media media--${props.media}`}
          role="status"
          data-testid="media-state"
          data-state={props.media}
        >
          {t(`call.media.${props.media}`)}
        </span>
      </header>
      <div className="call-video__stage">
        <StreamVideo
          stream={props.remote}
          muted={false}
          className="call-video__remote"
          label={t('call.remoteVideo')}
          testId="remote-video"
        />
        <StreamVideo
          stream={props.local}
          muted
          className="call-video__self"
          label={t('call.selfView')}
          testId="self-video"
        />
      </div>
      {props.deviceError && (
        <p role="alert" className="error">
          {t('call.deviceError')}
        </p>
      )}
      <div className="buttons">
        <button
          type="button"
          aria-pressed={props.muted}
          data-testid="mute-toggle"
          onClick={props.onToggleMute}
        >
          {props.muted ? t('call.unmute') : t('call.mute')}
        </button>
        <button
          type="button"
          aria-pressed={props.cameraOff}
          data-testid="camera-toggle"
          onClick={props.onToggleCamera}
        >
          {props.cameraOff ? t('call.cameraOn') : t('call.cameraOff')}
        </button>
        <button
          type="button"
          className="danger"
          data-testid="end-call"
          disabled={props.ending}
          onClick={props.onEnd}
        >
          {t('call.end')}
        </button>
      </div>
    </section>
  );
}
