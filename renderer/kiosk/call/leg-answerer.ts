import type { CallSignal, IceServer, SignalMessage } from '../../../contracts/teller.ts';

/** What the answerer needs of an RTCPeerConnection: the browser's, or a fake in unit tests. */
export interface PeerLike {
  readonly remoteDescription: RTCSessionDescriptionInit | null;
  readonly connectionState: RTCPeerConnectionState;
  onicecandidate: ((event: { candidate: RTCIceCandidate | null }) => void) | null;
  onconnectionstatechange: (() => void) | null;
  ontrack: ((event: { track: MediaStreamTrack; streams: readonly MediaStream[] }) => void) | null;
  addTrack(track: MediaStreamTrack, ...streams: MediaStream[]): unknown;
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void>;
  createAnswer(): Promise<RTCSessionDescriptionInit>;
  setLocalDescription(description: RTCSessionDescriptionInit): Promise<void>;
  addIceCandidate(candidate: RTCIceCandidateInit): Promise<void>;
  close(): void;
}

export interface LegAnswererOptions {
  callId: string;
  leg: number;
  iceServers: IceServer[];
  /** The customer's camera and microphone; null when refused or absent (receive only). */
  media: Promise<MediaStream | null>;
  createPeer: (configuration: RTCConfiguration) => PeerLike;
  sendSignal: (signal: CallSignal) => void;
  /** The peer connection of this leg connected or failed (once each). */
  onMedia: (leg: number, state: 'connected' | 'failed') => void;
  onRemoteTrack?: (track: MediaStreamTrack, streams: readonly MediaStream[]) => void;
  /** A step of the negotiation failed; the teller's console sees no answer and may offer again. */
  onError?: (error: unknown) => void;
}

/**
 * The kiosk's side of one leg of a call: the teller's console offers, the kiosk answers, ICE
 * candidates go both ways. Messages are applied one after another (an answer must be made before
 * the candidates that follow it are added), and candidates that arrive before the offer wait for it.
 * A message of another call or leg is not this connection's and is ignored.
 */
export class LegAnswerer {
  readonly peer: PeerLike;
  private readonly options: LegAnswererOptions;
  private chain: Promise<void>;
  private pendingCandidates: RTCIceCandidateInit[] = [];
  private reported = new Set<'connected' | 'failed'>();
  private closed = false;

  constructor(options: LegAnswererOptions) {
    this.options = options;
    const peer = options.createPeer({ iceServers: options.iceServers as RTCIceServer[] });
    this.peer = peer;
    peer.onicecandidate = ({ candidate }) => {
      // null marks the end of gathering; the console needs no message for it.
      if (!candidate || this.closed) return;
      this.send({
        kind: 'candidate',
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid ?? null,
        sdpMLineIndex: candidate.sdpMLineIndex ?? null,
      });
    };
    peer.onconnectionstatechange = () => {
      const state = peer.connectionState;
      if (state === 'connected' || state === 'failed') this.report(state);
    };
    peer.ontrack = (event) => options.onRemoteTrack?.(event.track, event.streams);
    // Tracks added before the offer is applied are matched to its audio and video lines, so the
    // answer sends them; without any, the answer only receives.
    this.chain = options.media.then(
      (stream) => {
        if (this.closed || !stream) return;
        for (const track of stream.getTracks()) peer.addTrack(track, stream);
      },
      () => {},
    );
  }

  /** Takes a signaling message from the teller; true when it belongs to this leg. */
  handle(message: CallSignal): boolean {
    if (this.closed || message.callId !== this.options.callId || message.leg !== this.options.leg)
      return false;
    const { signal } = message;
    this.chain = this.chain.then(() => this.apply(signal)).catch((error) => this.options.onError?.(error));
    return true;
  }

  /** Settles once every message taken so far is applied (for tests and orderly shutdown). */
  idle(): Promise<void> {
    return this.chain.catch(() => {});
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.peer.onicecandidate = null;
    this.peer.onconnectionstatechange = null;
    this.peer.ontrack = null;
    this.peer.close();
  }

  private async apply(signal: SignalMessage): Promise<void> {
    if (this.closed) return;
    switch (signal.kind) {
      case 'offer': {
        let answer: RTCSessionDescriptionInit;
        try {
          await this.peer.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
          answer = await this.peer.createAnswer();
          await this.peer.setLocalDescription(answer);
        } catch (error) {
          // An offer this browser cannot take (malformed, no common codec) leaves the leg with no
          // media at all: say so on both sides instead of showing "connecting" for ever.
          this.report('failed');
          throw error;
        }
        if (this.closed || !answer.sdp) return;
        this.send({ kind: 'answer', sdp: answer.sdp });
        const waiting = this.pendingCandidates;
        this.pendingCandidates = [];
        for (const candidate of waiting) await this.addCandidate(candidate);
        return;
      }
      case 'candidate': {
        const candidate: RTCIceCandidateInit = {
          candidate: signal.candidate,
          sdpMid: signal.sdpMid,
          sdpMLineIndex: signal.sdpMLineIndex,
        };
        if (this.peer.remoteDescription === null) this.pendingCandidates.push(candidate);
        else await this.addCandidate(candidate);
        return;
      }
      case 'media':
        // The console's own connection state: ours reports itself.
        return;
      case 'answer':
        // The kiosk never offers, so an answer cannot be for it.
        return;
    }
  }

  private async addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.peer.addIceCandidate(candidate);
    } catch (error) {
      // One bad candidate must not stop the others; ICE tries what it has.
      this.options.onError?.(error);
    }
  }

  private report(state: 'connected' | 'failed') {
    if (this.closed || this.reported.has(state)) return;
    this.reported.add(state);
    this.options.onMedia(this.options.leg, state);
    this.send({ kind: 'media', state });
  }

  private send(signal: SignalMessage) {
    this.options.sendSignal({ callId: this.options.callId, leg: this.options.leg, signal });
  }
}
