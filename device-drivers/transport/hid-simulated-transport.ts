import { createConnection, type Socket } from 'node:net';
import type { Unsubscribe } from '../../contracts/devices/operation.ts';
import { encodeHidFrame, HidFrameDecoder } from '../codecs/hid/frame.ts';
import { HidClosedError, type HidTransport, HidUnavailableError, Listeners } from './hid-transport.ts';

export interface SimulatedHidTransportOptions {
  socketPath: string;
  /** How long `open` waits for the simulator to accept (default 2 s). */
  connectTimeoutMs?: number;
  /** Bytes of output reports waiting to be written before `write` refuses (default 4 KiB). */
  maxPendingWriteBytes?: number;
}

/**
 * The simulated HID device: a Unix socket to the HID simulator carrying `[u8 length][report]`
 * frames (device-drivers/codecs/hid/frame.ts). A frame length of 0 or above 64 means the stream is
 * out of step: the connection is dropped and reported closed, as an unplugged device would be.
 */
export class SimulatedHidTransport implements HidTransport {
  readonly description: string;
  private socket: Socket | null = null;
  private readonly reports = new Listeners<Uint8Array>();
  private readonly closes = new Listeners<string>();
  private readonly errors = new Listeners<Error>();

  constructor(private readonly options: SimulatedHidTransportOptions) {
    this.description = `simulated HID at ${options.socketPath}`;
  }

  get isOpen(): boolean {
    return this.socket !== null;
  }

  open(): Promise<void> {
    if (this.socket) return Promise.resolve();
    const timeoutMs = this.options.connectTimeoutMs ?? 2_000;
    return new Promise((resolve, reject) => {
      const socket = createConnection({ path: this.options.socketPath });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new HidUnavailableError(`${this.description}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new HidUnavailableError(`${this.description}: ${error.code ?? error.message}`));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        this.attach(socket);
        resolve();
      });
    });
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    const decoder = new HidFrameDecoder();
    const onListenerError = (error: unknown) => this.errors.emit(error as Error, () => {});
    socket.on('data', (chunk: Buffer) => {
      const result = decoder.push(chunk);
      for (const report of result.reports) {
        if (this.socket !== socket) return;
        this.reports.emit(report, onListenerError);
      }
      if (!result.ok) this.lose(socket, `stream out of step: ${result.error}`);
    });
    socket.on('error', (error) => {
      this.errors.emit(error, () => {});
      this.lose(socket, error.message);
    });
    socket.on('close', () => this.lose(socket, 'simulator closed the connection'));
  }

  private lose(socket: Socket, reason: string): void {
    if (this.socket !== socket) return;
    this.socket = null;
    socket.destroy();
    this.closes.emit(reason, (error) => this.errors.emit(error as Error, () => {}));
  }

  write(report: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new HidClosedError(`${this.description} is not open`));
    if (socket.writableLength > (this.options.maxPendingWriteBytes ?? 4_096))
      return Promise.reject(new HidClosedError(`${this.description}: the device does not take reports`));
    const frame = encodeHidFrame(report);
    return new Promise((resolve, reject) =>
      socket.write(frame, (error) => (error ? reject(new HidClosedError(error.message)) : resolve())),
    );
  }

  close(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  onReport(listener: (report: Uint8Array) => void): Unsubscribe {
    return this.reports.add(listener);
  }

  onClose(listener: (reason: string) => void): Unsubscribe {
    return this.closes.add(listener);
  }

  onError(listener: (error: Error) => void): Unsubscribe {
    return this.errors.add(listener);
  }
}
