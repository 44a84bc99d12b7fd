import { useEffect, useRef } from 'react';

interface CallVideoProps {
  stream: MediaStream | null;
  /** The customer's own preview: mirrored and silent (hearing oneself would echo). */
  own?: boolean;
  label: string;
  testId?: string;
}

/** One video of the call, bound to its stream (React cannot set `srcObject` as an attribute). */
export function CallVideo({ stream, own = false, label, testId }: CallVideoProps) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);
  return (
    <video
      ref={video}
      className={own ? 'call-video call-video--own' : 'call-video call-video--remote'}
      data-testid={testId}
      data-has-stream={String(stream !== null)}
      aria-label={label}
      autoPlay
      playsInline
      muted={own}
    />
  );
}
