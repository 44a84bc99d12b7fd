import WebSocket from 'ws';
import type { BridgeMessage, KioskView, SendResult, UiEvent } from '../../contracts/index.ts';

/** A view as it arrived, with the arrival time in this process (performance.now()). */
export interface TimedView {
  view: KioskView;
  at: number;
}

/**
 * The kiosk bridge as the browser host serves it (main/host/bridge-socket.ts), spoken directly
 * over a WebSocket from this process: no browser, so the figures hold the runtime and its IPC but
 * no rendering. Every pushed view is kept with its arrival time.
 */
export class BridgeClient {
  readonly views: TimedView[] = [];
  private readonly socket: WebSocket;
  private nextId = 1;
  private readonly pending = new Map<number, (message: BridgeMessage) => void>();
  private readonly waiters = new Set<() => void>();

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data: Buffer) => {
      const at = performance.now();
      const message = JSON.parse(data.toString('utf8')) as BridgeMessage;
      if (message.kind === 'event') {
        if (message.name !== 'view') return;
        this.views.push({ view: message.payload, at });
        for (const wake of [...this.waiters]) wake();
      } else if (message.id !== null) {
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
      }
    });
  }

  /** Opens `/bridge` on the kiosk host with the host's own Origin, as the kiosk page does. */
  static async connect(kioskUrl: string): Promise<BridgeClient> {
    const origin = new URL(kioskUrl).origin;
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/bridge`, { origin });
    // Listening before the socket opens: the host pushes the current view at once, possibly in the
    // same chunk as the handshake's answer.
    const client = new BridgeClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  /** Sends a UI event; resolves with the runtime's reply. */
  send(event: UiEvent): Promise<SendResult> {
    const id = this.nextId++;
    return new Promise<SendResult>((resolve, reject) => {
      this.pending.set(id, (message) => {
        if (message.kind === 'reply' && message.ok) resolve(message.value as SendResult);
        else reject(new Error(`bridge refused ${event.type}: ${JSON.stringify(message)}`));
      });
      this.socket.send(JSON.stringify({ kind: 'call', id, method: 'send', params: event }));
    });
  }

  /** The latest view received. */
  latest(): KioskView | null {
    return this.views.at(-1)?.view ?? null;
  }

  /** The first view from index `from` on that satisfies `test`, waiting up to `timeoutMs`. */
  waitFor(
    test: (view: KioskView) => boolean,
    from: number,
    timeoutMs: number,
    what: string,
  ): Promise<TimedView> {
    return new Promise<TimedView>((resolve, reject) => {
      const look = () => {
        const hit = this.views.slice(from).find((v) => test(v.view));
        if (!hit) return false;
        this.waiters.delete(wake);
        clearTimeout(timer);
        resolve(hit);
        return true;
      };
      const wake = () => void look();
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        const last = this.latest();
        reject(
          new Error(
            `no view with ${what} within ${timeoutMs} ms (last: screen ${last?.screen}, card ${JSON.stringify(last?.card)})`,
          ),
        );
      }, timeoutMs);
      if (!look()) this.waiters.add(wake);
    });
  }

  close(): void {
    this.socket.close();
  }
}
