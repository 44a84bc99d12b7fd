import { describe, expect, it } from 'vitest';
import type { SignalMessage } from '../../../contracts/teller.ts';
import { type MediaState, OfferingLeg } from './offering-leg.ts';

/** Stands in for the browser's RTCPeerConnection (unit test only; the e2e test uses Chromium's). */
class FakePeer extends EventTarget {
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  remoteDescription: RTCSessionDescriptionInit | null = null;
  tracks: MediaStreamTrack[] = [];
  candidates: RTCIceCandidateInit[] = [];
  closed = false;
  constructor(readonly config: RTCConfiguration) {
    super();
  }
  addTrack(track: MediaStreamTrack) {
    this.tracks.push(track);
  }
  async createOffer() {
    return { type: 'offer' as const, sdp: 'v=0 offer' };
  }
  async setLocalDescription() {
    this.signalingState = 'have-local-offer';
  }
  async setRemoteDescription(description: RTCSessionDescriptionInit) {
    this.remoteDescription = description;
    this.signalingState = 'stable';
  }
  async addIceCandidate(candidate: RTCIceCandidateInit) {
    this.candidates.push(candidate);
  }
  close() {
    this.closed = true;
  }
  becomes(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.dispatchEvent(new Event('connectionstatechange'));
  }
  gathers(candidate: string) {
    const event = Object.assign(new Event('icecandidate'), {
      candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 },
    });
    this.dispatchEvent(event);
  }
}

function leg() {
  const sent: SignalMessage[] = [];
  const states: MediaState[] = [];
  let peer: FakePeer | undefined;
  const tracks = [{ kind: 'audio' }, { kind: 'video' }] as MediaStreamTrack[];
  const offering = new OfferingLeg({
    iceServers: [{ urls: 'stun:stun.example.org' }],
    stream: { getTracks: () => tracks } as MediaStream,
    send: (signal) => sent.push(signal),
    onRemoteStream: () => {},
    onMediaState: (state) => states.push(state),
    createPeer: (config) => {
      peer = new FakePeer(config);
      return peer as unknown as RTCPeerConnection;
    },
  });
  return { offering, peer: peer!, sent, states, tracks };
}

const CANDIDATE = {
  kind: 'candidate',
  candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host',
  sdpMid: '0',
  sdpMLineIndex: 0,
} as const;

describe('the teller side of a call leg', () => {
  it("adds the teller's tracks, uses the call's ICE servers and sends an offer", async () => {
    const { offering, peer, sent, tracks } = leg();
    expect(peer.config.iceServers).toEqual([{ urls: 'stun:stun.example.org' }]);
    expect(peer.tracks).toEqual(tracks);
    await offering.offer();
    expect(sent).toEqual([{ kind: 'offer', sdp: 'v=0 offer' }]);
  });

  it('holds candidates that come before the answer, then applies them', async () => {
    const { offering, peer } = leg();
    await offering.offer();
    await offering.receive(CANDIDATE);
    expect(peer.candidates).toEqual([]);
    await offering.receive({ kind: 'answer', sdp: 'v=0 answer' });
    expect(peer.remoteDescription).toEqual({ type: 'answer', sdp: 'v=0 answer' });
    expect(peer.candidates).toHaveLength(1);
    await offering.receive(CANDIDATE);
    expect(peer.candidates).toHaveLength(2);
  });

  it('ignores an answer it did not ask for (a repeat)', async () => {
    const { offering, peer } = leg();
    await offering.offer();
    await offering.receive({ kind: 'answer', sdp: 'first' });
    await offering.receive({ kind: 'answer', sdp: 'second' });
    expect(peer.remoteDescription?.sdp).toBe('first');
  });

  it('trickles its own candidates and reports connected/failed once each', async () => {
    const { offering, peer, sent, states } = leg();
    await offering.offer();
    peer.gathers('candidate:2');
    peer.becomes('connecting');
    peer.becomes('connected');
    peer.becomes('connected');
    peer.becomes('failed');
    expect(sent.slice(1)).toEqual([
      { kind: 'candidate', candidate: 'candidate:2', sdpMid: '0', sdpMLineIndex: 0 },
      { kind: 'media', state: 'connected' },
      { kind: 'media', state: 'failed' },
    ]);
    expect(states).toEqual(['connected', 'connected', 'failed']);
  });

  it("shows the leg failed when the kiosk says it could not take it, and ignores the kiosk's 'connected'", async () => {
    const { offering, states } = leg();
    await offering.receive({ kind: 'media', state: 'connected' });
    expect(states).toEqual([]);
    await offering.receive({ kind: 'media', state: 'failed' });
    expect(states).toEqual(['failed']);
  });

  it('sends and applies nothing once closed (the leg was replaced)', async () => {
    const { offering, peer, sent } = leg();
    offering.close();
    expect(peer.closed).toBe(true);
    await offering.offer();
    peer.gathers('candidate:3');
    peer.becomes('connected');
    await offering.receive({ kind: 'answer', sdp: 'late' });
    expect(sent).toEqual([]);
    expect(peer.remoteDescription).toBeNull();
  });
});
