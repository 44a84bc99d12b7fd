import WebSocket from 'ws';

/** `Debugger listening on ws://…` as Node prints it on stderr when started with `--inspect`. */
export const INSPECTOR_LINE = /Debugger listening on (ws:\/\/\S+)/;

/**
 * A DevTools protocol session with a Node process started with `--inspect`: forces a full garbage
 * collection and reads what the V8 heap still holds, the figure a leak shows in (RSS also moves
 * with what V8 and the allocator keep or give back).
 */
export class HeapProbe {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown };
      if (message.id !== undefined) {
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
      }
    });
  }

  static async connect(url: string): Promise<HeapProbe> {
    const socket = new WebSocket(url);
    const probe = new HeapProbe(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return probe;
  }

  private call<T>(method: string): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`inspector: no answer to ${method}`)), 30_000);
      this.pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result as T);
      });
      this.socket.send(JSON.stringify({ id, method }));
    });
  }

  /** Bytes the V8 heap holds right after a full collection. */
  async usedAfterGc(): Promise<number> {
    await this.call('HeapProfiler.collectGarbage');
    return (await this.call<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
  }

  close(): void {
    this.socket.close();
  }
}
