import type { Unsubscribe } from '../../contracts/devices/operation.ts';
import { HidClosedError, type HidTransport, HidUnavailableError, Listeners } from './hid-transport.ts';

/** The part of node-hid's `HIDAsync` this transport uses. */
export interface NodeHidDevice {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(): unknown;
  write(values: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

export interface NodeHidModule {
  HIDAsync: {
    open(path: string): Promise<NodeHidDevice>;
    open(vendorId: number, productId: number): Promise<NodeHidDevice>;
  };
}

export interface NodeHidTransportOptions {
  vendorId: number;
  productId: number;
  /** hidraw path; picks one interface when the device has several (takes precedence over ids). */
  path?: string;
  /** Replaces `import('node-hid')` (tests). */
  loadModule?: () => Promise<NodeHidModule>;
}

const hex = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;

async function loadNodeHid(): Promise<NodeHidModule> {
  // Loaded on first open so that kiosks without a HID device never load the native binding.
  const module = (await import('node-hid')) as unknown as NodeHidModule & { default?: NodeHidModule };
  return module.HIDAsync ? module : module.default!;
}

/**
 * A real USB HID device through node-hid's `HIDAsync` (hidraw on Linux). A read error from the
 * device is how node-hid says it was unplugged: the transport closes and tells its listeners; the
 * driver reopens it.
 */
export class NodeHidTransport implements HidTransport {
  readonly description: string;
  private device: NodeHidDevice | null = null;
  private readonly reports = new Listeners<Uint8Array>();
  private readonly closes = new Listeners<string>();
  private readonly errors = new Listeners<Error>();

  constructor(private readonly options: NodeHidTransportOptions) {
    this.description = options.path
      ? `USB HID ${options.path}`
      : `USB HID ${hex(options.vendorId)}:${hex(options.productId)}`;
  }

  get isOpen(): boolean {
    return this.device !== null;
  }

  async open(): Promise<void> {
    if (this.device) return;
    let module: NodeHidModule;
    try {
      module = await (this.options.loadModule ?? loadNodeHid)();
    } catch (error) {
      throw new HidUnavailableError(`node-hid cannot be loaded: ${(error as Error).message}`);
    }
    let device: NodeHidDevice;
    try {
      device = this.options.path
        ? await module.HIDAsync.open(this.options.path)
        : await module.HIDAsync.open(this.options.vendorId, this.options.productId);
    } catch (error) {
      // node-hid says "cannot open device with vendor id …" for an absent device or no permission.
      throw new HidUnavailableError(
        `${this.description} not found or not accessible: ${(error as Error).message}`,
      );
    }
    this.device = device;
    const onListenerError = (error: unknown) => this.errors.emit(error as Error, () => {});
    device.on('data', (data: Buffer) => {
      if (this.device !== device) return;
      this.reports.emit(new Uint8Array(data.buffer, data.byteOffset, data.length), onListenerError);
    });
    device.on('error', (error: unknown) => {
      const asError = error instanceof Error ? error : new Error(String(error));
      this.errors.emit(asError, () => {});
      this.lose(device, asError.message);
    });
  }

  private lose(device: NodeHidDevice, reason: string): void {
    if (this.device !== device) return;
    this.device = null;
    device.removeAllListeners();
    device.close().catch(() => {});
    this.closes.emit(reason, (error) => this.errors.emit(error as Error, () => {}));
  }

  async write(report: Uint8Array): Promise<void> {
    const device = this.device;
    if (!device) throw new HidClosedError(`${this.description} is not open`);
    try {
      await device.write(Buffer.from(report));
    } catch (error) {
      this.lose(device, (error as Error).message);
      throw new HidClosedError(`${this.description}: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    const device = this.device;
    this.device = null;
    if (!device) return;
    device.removeAllListeners();
    await device.close().catch(() => {});
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
