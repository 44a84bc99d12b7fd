import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { VideoTellerStep, VideoTellerView } from '../../../contracts/video-teller.ts';
import { BridgeContext, useSendEvent } from '../bridge/bridge-context.ts';
import { LegAnswerer, type PeerLike } from './leg-answerer.ts';

declare global {
  interface Window {
    /**
     * Test hook: the peer connection of the call's current leg, so end-to-end tests can read its
     * state and stats. Set while a leg is open, removed when it closes. Holds no secrets.
     */
    __kioskPeer?: RTCPeerConnection;
  }
}

/** The steps in which the call has a peer connection (`leg` set). */
const MEDIA_STEPS: ReadonlySet<VideoTellerStep> = new Set(['connecting', 'live', 'reconnecting']);

export interface CallMedia {
  /** The customer's own camera, for the small preview; null before it opens or when refused. */
  local: MediaStream | null;
  /** The teller's video and sound. */
  remote: MediaStream | null;
  /** Camera and microphone were refused or are absent: the call only receives. */
  cameraUnavailable: boolean;
  /** Turns the microphone off or on at once and tells the runtime. */
  toggleMute: () => void;
}

/** The camera and microphone, or null when the customer's device cannot give them. */
async function openCamera(): Promise<MediaStream | null> {
  try {
    if (!navigator.mediaDevices?.getUserMedia) return null;
    return await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  } catch {
    return null;
  }
}

function stopTracks(stream: MediaStream | null) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * The call's media: the camera opened once per call (and closed with it), and one peer connection
 * per leg that answers the teller's offer over the bridge's signaling. A new leg closes the old
 * connection first.
 */
export function useCallMedia(call: VideoTellerView): CallMedia {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useCallMedia needs a BridgeContext provider');
  const send = useSendEvent();
  const active = call.callId !== null && call.leg !== null && MEDIA_STEPS.has(call.step);
  const callId = active ? call.callId : null;
  const leg = active ? call.leg : null;

  const [local, setLocal] = useState<MediaStream | null>(null);
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const [cameraUnavailable, setCameraUnavailable] = useState(false);
  const media = useRef<Promise<MediaStream | null> | null>(null);
  // Read when a leg starts; a later change of servers applies to the next leg.
  const iceServers = useRef(call.iceServers);
  iceServers.current = call.iceServers;
  const muted = useRef(call.muted);
  muted.current = call.muted;

  useEffect(() => {
    if (callId === null) return;
    let closed = false;
    let opened: MediaStream | null = null;
    media.current = openCamera().then((stream) => {
      if (closed) {
        stopTracks(stream);
        return null;
      }
      opened = stream;
      for (const track of stream?.getAudioTracks() ?? []) track.enabled = !muted.current;
      setLocal(stream);
      setCameraUnavailable(stream === null);
      return stream;
    });
    return () => {
      closed = true;
      media.current = null;
      stopTracks(opened);
      setLocal(null);
      setCameraUnavailable(false);
    };
  }, [callId]);

  useEffect(() => {
    if (callId === null || leg === null || media.current === null) return;
    let remoteStream: MediaStream | null = null;
    const answerer = new LegAnswerer({
      callId,
      leg,
      iceServers: iceServers.current,
      media: media.current,
      // The browser's handlers take full event objects; the answerer reads only what PeerLike names.
      createPeer: (configuration) => new RTCPeerConnection(configuration) as unknown as PeerLike,
      sendSignal: (signal) => void bridge.sendSignal(signal).catch(() => {}),
      onMedia: (mediaLeg, state) => send({ type: 'CALL_MEDIA', leg: mediaLeg, state }),
      onRemoteTrack: (track, streams) => {
        const stream = streams[0] ?? remoteStream ?? new MediaStream();
        if (!streams[0] && !stream.getTracks().includes(track)) stream.addTrack(track);
        remoteStream = stream;
        setRemote(stream);
      },
    });
    const peer = answerer.peer as unknown as RTCPeerConnection;
    window.__kioskPeer = peer;
    const unsubscribe = bridge.onSignal((message) => answerer.handle(message));
    return () => {
      unsubscribe();
      answerer.close();
      if (window.__kioskPeer === peer) delete window.__kioskPeer;
      setRemote(null);
    };
  }, [bridge, send, callId, leg]);

  // The runtime's word on the microphone wins (it may have been toggled from elsewhere).
  useEffect(() => {
    for (const track of local?.getAudioTracks() ?? []) track.enabled = !call.muted;
  }, [local, call.muted]);

  const toggleMute = useCallback(() => {
    for (const track of local?.getAudioTracks() ?? []) track.enabled = call.muted;
    send({ type: 'CALL_TOGGLE_MUTE' });
  }, [local, call.muted, send]);

  return { local, remote, cameraUnavailable, toggleMute };
}
