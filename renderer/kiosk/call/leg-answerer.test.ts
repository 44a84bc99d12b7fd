import { describe, expect, it } from 'vitest';
import type { CallSignal } from '../../../contracts/teller.ts';
import { LegAnswerer, type LegAnswererOptions, type PeerLike } from './leg-answerer.ts';

const CALL_ID = '7d4f4f8e-3b2a-4c1d-9e8f-0a1b2c3d4e5f';

/** A stand-in for RTCPeerConnection that records what the answerer does to it, in order. */
class FakePeer implements PeerLike {
  remoteDescription: RTCSessionDescriptionInit | null = null;
  connectionState: RTCPeerConnectionState = 'new';
  onicecandidate: PeerLike['onicecandidate'] = null;
  onconnectionstatechange: PeerLike['onconnectionstatechange'] = null;
  ontrack: PeerLike['ontrack'] = null;
  log: string[] = [];
  closed = false;
  constructor(readonly configuration: RTCConfiguration) {}
  addTrack(track: MediaStreamTrack) {
    this.log.push(`track:${track.kind}`);
  }
  async setRemoteDescription(description: RTCSessionDescriptionInit) {
    this.log.push(`remote:${description.type}:${description.sdp}`);
    this.remoteDescription = description;
  }
  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    this.log.push('createAnswer');
    return { type: 'answer', sdp: `answer-to-${this.remoteDescription?.sdp}` };
  }
  async setLocalDescription(description: RTCSessionDescriptionInit) {
    this.log.push(`local:${description.type}`);
  }
  async addIceCandidate(candidate: RTCIceCandidateInit) {
    this.log.push(`candidate:${candidate.candidate}`);
  }
  close() {
    this.closed = true;
  }
  /** Chromium changes the state, then fires the event. */
  setState(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }
}

function fakeStream(kinds: string[]): MediaStream {
  const tracks = kinds.map((kind) => ({ kind }) as MediaStreamTrack);
  return { getTracks: () => tracks } as unknown as MediaStream;
}

function setup(overrides: Partial<LegAnswererOptions> = {}) {
  const signals: CallSignal[] = [];
  const media: Array<[number, string]> = [];
  let peer: FakePeer | undefined;
  const answerer = new LegAnswerer({
    callId: CALL_ID,
    leg: 2,
    iceServers: [{ urls: 'stun:stun.example.org' }],
    media: Promise.resolve(fakeStream(['audio', 'video'])),
    createPeer: (configuration) => {
      peer = new FakePeer(configuration);
      return peer;
    },
    sendSignal: (signal) => signals.push(signal),
    onMedia: (leg, state) => media.push([leg, state]),
    ...overrides,
  });
  return { answerer, peer: peer!, signals, media };
}

const offer = (leg = 2, callId = CALL_ID): CallSignal => ({
  callId,
  leg,
  signal: { kind: 'offer', sdp: 'o1' },
});
const candidate = (name: string, leg = 2): CallSignal => ({
  callId: CALL_ID,
  leg,
  signal: { kind: 'candidate', candidate: name, sdpMid: '0', sdpMLineIndex: 0 },
});

describe('LegAnswerer', () => {
  it('answers the offer over signaling, with the camera and microphone added first', async () => {
    const { answerer, peer, signals } = setup();
    expect(peer.configuration.iceServers).toEqual([{ urls: 'stun:stun.example.org' }]);
    expect(answerer.handle(offer())).toBe(true);
    await answerer.idle();
    expect(peer.log).toEqual([
      'track:audio',
      'track:video',
      'remote:offer:o1',
      'createAnswer',
      'local:answer',
    ]);
    expect(signals).toEqual([{ callId: CALL_ID, leg: 2, signal: { kind: 'answer', sdp: 'answer-to-o1' } }]);
  });

  it('answers receive-only when there is no camera', async () => {
    const { answerer, peer, signals } = setup({ media: Promise.resolve(null) });
    answerer.handle(offer());
    await answerer.idle();
    expect(peer.log).toEqual(['remote:offer:o1', 'createAnswer', 'local:answer']);
    expect(signals.map((s) => s.signal.kind)).toEqual(['answer']);
  });

  it('holds candidates that arrive before the offer, and adds them after the answer', async () => {
    const { answerer, peer } = setup();
    answerer.handle(candidate('c1'));
    answerer.handle(candidate('c2'));
    await answerer.idle();
    expect(peer.log.filter((l) => l.startsWith('candidate'))).toEqual([]);
    answerer.handle(offer());
    answerer.handle(candidate('c3'));
    await answerer.idle();
    expect(peer.log.slice(2)).toEqual([
      'remote:offer:o1',
      'createAnswer',
      'local:answer',
      'candidate:c1',
      'candidate:c2',
      'candidate:c3',
    ]);
  });

  it('ignores messages of another leg or another call', async () => {
    const { answerer, peer, signals } = setup();
    expect(answerer.handle(offer(1))).toBe(false);
    expect(answerer.handle(offer(2, '00000000-0000-4000-8000-000000000000'))).toBe(false);
    expect(answerer.handle(candidate('old', 1))).toBe(false);
    await answerer.idle();
    expect(peer.log).toEqual(['track:audio', 'track:video']);
    expect(signals).toEqual([]);
  });

  it('sends its own candidates, and nothing for the end of gathering', () => {
    const { peer, signals } = setup();
    peer.onicecandidate?.({
      candidate: {
        candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
      } as RTCIceCandidate,
    });
    peer.onicecandidate?.({ candidate: null });
    expect(signals).toEqual([
      {
        callId: CALL_ID,
        leg: 2,
        signal: {
          kind: 'candidate',
          candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host',
          sdpMid: '0',
          sdpMLineIndex: 0,
        },
      },
    ]);
  });

  it('reports connected and failed once each, to the runtime and to the teller', () => {
    const { peer, signals, media } = setup();
    peer.setState('connecting');
    peer.setState('connected');
    peer.setState('connected');
    peer.setState('failed');
    expect(media).toEqual([
      [2, 'connected'],
      [2, 'failed'],
    ]);
    expect(signals.map((s) => s.signal)).toEqual([
      { kind: 'media', state: 'connected' },
      { kind: 'media', state: 'failed' },
    ]);
  });

  it('once closed, closes the peer and neither applies nor sends anything', async () => {
    const { answerer, peer, signals, media } = setup();
    answerer.close();
    expect(peer.closed).toBe(true);
    expect(answerer.handle(offer())).toBe(false);
    peer.setState('connected');
    await answerer.idle();
    expect(peer.log.filter((l) => l.startsWith('remote'))).toEqual([]);
    expect(signals).toEqual([]);
    expect(media).toEqual([]);
  });

  it('a failed step is reported and the next message is still applied', async () => {
    const errors: unknown[] = [];
    const { answerer, peer, signals } = setup({ onError: (error) => errors.push(error) });
    const setRemote = peer.setRemoteDescription.bind(peer);
    let first = true;
    peer.setRemoteDescription = async (description) => {
      if (first) {
        first = false;
        throw new Error('bad sdp');
      }
      return setRemote(description);
    };
    answerer.handle(offer());
    answerer.handle({ callId: CALL_ID, leg: 2, signal: { kind: 'offer', sdp: 'o2' } });
    await answerer.idle();
    expect(errors).toHaveLength(1);
    // The teller hears the first offer failed, and gets the answer to the second.
    expect(signals.map((s) => s.signal)).toEqual([
      { kind: 'media', state: 'failed' },
      { kind: 'answer', sdp: 'answer-to-o2' },
    ]);
  });

  it('reports the leg failed, to the machine and the teller, when an offer cannot be taken', async () => {
    const errors: unknown[] = [];
    const { answerer, peer, signals, media } = setup({ onError: (error) => errors.push(error) });
    peer.setRemoteDescription = async () => {
      throw new Error('malformed SDP');
    };
    answerer.handle(offer());
    await answerer.idle();
    expect(media).toEqual([[2, 'failed']]);
    expect(signals.map((s) => s.signal)).toEqual([{ kind: 'media', state: 'failed' }]);
    expect(errors).toHaveLength(1);
  });
});
