import type { CallSignal, SignalMessage } from '../../contracts/teller.ts';

/**
 * The signaling of one call as a real pair of browsers sends it, with each message stamped with
 * its send time (performance.now() of the benchmark process, which runs both ends) so its one-way
 * relay time can be read on arrival: the teller's offer (~4 KB SDP) and ~10 trickled candidates;
 * the kiosk, on the offer, its answer (~4 KB), ~10 candidates and `media connected`; the teller,
 * on that, its own `media connected`. The same messages go through the backend and the bare relay.
 */
export const CANDIDATES_PER_SIDE = 10;
/** Messages each side receives: offer or answer, the candidates, media. */
const EXPECTED = 1 + CANDIDATES_PER_SIDE + 1;
const STAMP = /sent=(\d+\.\d+)/;

function sdp(kind: 'offer' | 'answer', stamp: string): string {
  const lines = [
    `v=0`,
    `o=- ${stamp.replace('.', '')} 2 IN IP4 127.0.0.1`,
    `s=${kind} sent=${stamp}`,
    't=0 0',
  ];
  // Padded with attribute lines to the size of a two-track Chromium description.
  for (let i = 0; lines.join('\r\n').length < 4_000; i += 1)
    lines.push(`a=x-bench-${i}:${'0123456789abcdef'.repeat(4)}`);
  return `${lines.join('\r\n')}\r\n`;
}

function candidate(index: number, stamp: string): SignalMessage {
  const text = `candidate:${842163049 + index} 1 udp 2122260223 127.0.0.1 ${50000 + index} typ host generation 0 ufrag Zx9q network-id 1 sent=${stamp}`;
  return {
    kind: 'candidate',
    candidate: text.padEnd(150, ' '),
    sdpMid: String(index % 2),
    sdpMLineIndex: index % 2,
  };
}

export interface RelayLatencies {
  tellerToKiosk: number[];
  kioskToTeller: number[];
}

export class SignalingExchange {
  private readonly mediaSentAt = { teller: 0, kiosk: 0 };
  private readonly received = { teller: 0, kiosk: 0 };
  private resolveTeller!: () => void;
  private resolveKiosk!: () => void;
  /** Both sides have everything the other sent. */
  readonly done: Promise<void>;

  constructor(
    readonly callId: string,
    readonly leg: number,
    private readonly send: { teller: (s: CallSignal) => void; kiosk: (s: CallSignal) => void },
    private readonly latencies: RelayLatencies,
  ) {
    this.done = Promise.all([
      new Promise<void>((resolve) => {
        this.resolveTeller = resolve;
      }),
      new Promise<void>((resolve) => {
        this.resolveKiosk = resolve;
      }),
    ]).then(() => undefined);
  }

  private wrap(signal: SignalMessage): CallSignal {
    return { callId: this.callId, leg: this.leg, signal };
  }

  private sendOffers(side: 'teller' | 'kiosk'): void {
    const send = this.send[side];
    send(
      this.wrap(
        side === 'teller'
          ? { kind: 'offer', sdp: sdp('offer', now()) }
          : { kind: 'answer', sdp: sdp('answer', now()) },
      ),
    );
    for (let i = 0; i < CANDIDATES_PER_SIDE; i += 1) send(this.wrap(candidate(i, now())));
  }

  private sendMedia(side: 'teller' | 'kiosk'): void {
    // `media` has no text to carry a stamp: messages of one call arrive in order, one media each way.
    this.mediaSentAt[side] = performance.now();
    this.send[side](this.wrap({ kind: 'media', state: 'connected' }));
  }

  /** The teller's console makes the offer once it has the call. */
  start(): void {
    this.sendOffers('teller');
  }

  kioskReceived(signal: SignalMessage): void {
    this.latencies.tellerToKiosk.push(this.latency(signal, 'teller'));
    if (signal.kind === 'offer') {
      this.sendOffers('kiosk');
      this.sendMedia('kiosk');
    }
    this.received.kiosk += 1;
    if (this.received.kiosk === EXPECTED) this.resolveKiosk();
  }

  tellerReceived(signal: SignalMessage): void {
    this.latencies.kioskToTeller.push(this.latency(signal, 'kiosk'));
    if (signal.kind === 'media') this.sendMedia('teller');
    this.received.teller += 1;
    if (this.received.teller === EXPECTED) this.resolveTeller();
  }

  private latency(signal: SignalMessage, from: 'teller' | 'kiosk'): number {
    const arrived = performance.now();
    if (signal.kind === 'media') return arrived - this.mediaSentAt[from];
    const text = signal.kind === 'candidate' ? signal.candidate : signal.sdp;
    const match = STAMP.exec(text);
    if (!match) throw new Error(`a ${signal.kind} arrived without its send stamp`);
    return arrived - Number(match[1]);
  }
}

function now(): string {
  return performance.now().toFixed(3);
}
