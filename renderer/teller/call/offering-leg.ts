import type { IceServer, SignalMessage } from '../../../contracts/teller.ts';

export type MediaState = 'connecting' | 'connected' | 'failed';

export interface OfferingLegOptions {
  iceServers: IceServer[];
  stream: MediaStream;
  send: (signal: SignalMessage) => void;
  onRemoteStream: (stream: MediaStream) => void;
  onMediaState: (state: MediaState) => void;
  /** Injected by tests; the browser's constructor otherwise. */
  createPeer?: (config: RTCConfiguration) => RTCPeerConnection;
}

/**
 * One leg of a call, from the teller's side: the console makes the offer, the kiosk answers, ICE
 * candidates trickle both ways. A new leg (reconnect, transfer) gets a new OfferingLeg; the old
 * one is closed so nothing of it reaches the new connection.
 */
export class OfferingLeg {
  readonly peer: RTCPeerConnection;
  /** Candidates that arrive before the answer cannot be applied yet. */
  private pendingCandidates: RTCIceCandidateInit[] = [];
  private reported: MediaState | null = null;
  private closed = false;

  constructor(private readonly options: OfferingLegOptions) {
    const create = options.createPeer ?? ((config) => new RTCPeerConnection(config));
    this.peer = create({ iceServers: options.iceServers as RTCIceServer[] });
    for (const track of options.stream.getTracks()) this.peer.addTrack(track, options.stream);
    this.peer.addEventListener('track', (event) => {
      options.onRemoteStream(event.streams[0] ?? new MediaStream([event.track]));
    });
    this.peer.addEventListener('icecandidate', (event) => {
      if (!event.candidate || this.closed) return;
      options.send({
        kind: 'candidate',
        candidate: event.candidate.candidate,
        sdpMid: event.candidate.sdpMid,
        sdpMLineIndex: event.candidate.sdpMLineIndex,
      });
    });
    this.peer.addEventListener('connectionstatechange', () => this.connectionChanged());
  }

  /** Rejects when the offer cannot be made; a leg closed meanwhile just stops, silently. */
  async offer(): Promise<void> {
    try {
      const offer = await this.peer.createOffer();
      if (this.closed) return;
      await this.peer.setLocalDescription(offer);
      if (this.closed || !offer.sdp) return;
      this.options.send({ kind: 'offer', sdp: offer.sdp });
    } catch (error) {
      if (!this.closed) throw error;
    }
  }

  /** A signal from the kiosk for this leg (the caller has matched callId and leg). */
  async receive(signal: SignalMessage): Promise<void> {
    if (this.closed) return;
    if (signal.kind === 'answer') {
      if (this.peer.signalingState !== 'have-local-offer') return;
      await this.peer.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
      const pending = this.pendingCandidates;
      this.pendingCandidates = [];
      for (const candidate of pending) await this.addCandidate(candidate);
    } else if (signal.kind === 'candidate') {
      const candidate = {
        candidate: signal.candidate,
        sdpMid: signal.sdpMid,
        sdpMLineIndex: signal.sdpMLineIndex,
      };
      if (this.peer.remoteDescription) await this.addCandidate(candidate);
      else this.pendingCandidates.push(candidate);
    } else if (signal.kind === 'media' && signal.state === 'failed') {
      // The kiosk could not take this leg (its offer was refused, or ICE failed there): no video
      // will come, whatever this side's connection says. Its 'connected' adds nothing to ours.
      this.options.onMediaState('failed');
    }
    // 'offer' never comes to the offerer.
  }

  close(): void {
    this.closed = true;
    this.peer.close();
  }

  private async addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    // A candidate the browser cannot use is not worth failing the call over.
    await this.peer.addIceCandidate(candidate).catch(() => {});
  }

  private connectionChanged(): void {
    if (this.closed) return;
    const state = this.peer.connectionState;
    const media: MediaState | null =
      state === 'connected' ? 'connected' : state === 'failed' ? 'failed' : null;
    if (!media) return;
    this.options.onMediaState(media);
    if (media !== this.reported) {
      this.reported = media;
      this.options.send({ kind: 'media', state: media });
    }
  }
}
