import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActiveCall, SignalMessage } from '../../../contracts/teller.ts';
import type { SignalHandler, TellerEmit } from '../session/use-teller-socket.ts';
import { type MediaState, OfferingLeg } from './offering-leg.ts';

const SIGNAL_EVENT = 'teller:signal';

export interface CallMedia {
  local: MediaStream | null;
  remote: MediaStream | null;
  media: MediaState;
  /** The camera or microphone could not be opened. */
  deviceError: boolean;
  muted: boolean;
  cameraOff: boolean;
  toggleMute: () => void;
  toggleCamera: () => void;
}

/**
 * The teller's side of the call's video: camera and microphone for the whole call, and one
 * offering peer connection per leg. Signals from the backend are applied only when they carry
 * this call's id and current leg; anything else belongs to a connection that is gone.
 */
export function useCallMedia(
  call: ActiveCall | null,
  emit: TellerEmit,
  onSignal: (handler: SignalHandler) => () => void,
): CallMedia {
  const callId = call?.callId ?? null;
  const leg = call?.leg ?? null;
  const iceServers = useRef(call?.iceServers ?? []);
  iceServers.current = call?.iceServers ?? [];

  const [local, setLocal] = useState<MediaStream | null>(null);
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const [media, setMedia] = useState<MediaState>('connecting');
  const [deviceError, setDeviceError] = useState(false);
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);

  // Camera and microphone: opened when a call starts, released when it ends.
  useEffect(() => {
    if (!callId) return;
    let stream: MediaStream | null = null;
    let cancelled = false;
    setDeviceError(false);
    setMuted(false);
    setCameraOff(false);
    navigator.mediaDevices
      .getUserMedia({ video: true, audio: true })
      .then((opened) => {
        if (cancelled) {
          for (const track of opened.getTracks()) track.stop();
          return;
        }
        stream = opened;
        setLocal(opened);
      })
      .catch(() => {
        if (!cancelled) setDeviceError(true);
      });
    return () => {
      cancelled = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
      setLocal(null);
    };
  }, [callId]);

  // One peer connection per leg: a new leg closes the old one and offers again.
  useEffect(() => {
    if (!callId || leg === null || !local) return;
    setMedia('connecting');
    setRemote(null);
    const send = (signal: SignalMessage) => {
      void emit(SIGNAL_EVENT, { callId, leg, signal });
    };
    const current = new OfferingLeg({
      iceServers: iceServers.current,
      stream: local,
      send,
      onRemoteStream: setRemote,
      onMediaState: setMedia,
    });
    window.__tellerPeer = current.peer;
    const unsubscribe = onSignal((message) => {
      if (message.callId === callId && message.leg === leg) void current.receive(message.signal);
    });
    current.offer().catch(() => {
      setMedia('failed');
      send({ kind: 'media', state: 'failed' });
    });
    return () => {
      unsubscribe();
      current.close();
      if (window.__tellerPeer === current.peer) window.__tellerPeer = null;
    };
  }, [callId, leg, local, emit, onSignal]);

  useEffect(() => {
    for (const track of local?.getAudioTracks() ?? []) track.enabled = !muted;
  }, [local, muted]);
  useEffect(() => {
    for (const track of local?.getVideoTracks() ?? []) track.enabled = !cameraOff;
  }, [local, cameraOff]);

  const toggleMute = useCallback(() => setMuted((value) => !value), []);
  const toggleCamera = useCallback(() => setCameraOff((value) => !value), []);
  return { local, remote, media, deviceError, muted, cameraOff, toggleMute, toggleCamera };
}
