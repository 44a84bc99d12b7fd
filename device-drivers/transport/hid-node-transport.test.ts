import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { type NodeHidDevice, type NodeHidModule, NodeHidTransport } from './hid-node-transport.ts';
import { HidClosedError, HidUnavailableError } from './hid-transport.ts';

/** node-hid's HIDAsync as far as the transport uses it. */
class FakeDevice extends EventEmitter implements NodeHidDevice {
  written: number[][] = [];
  closed = false;
  async write(values: number[] | Buffer) {
    this.written.push([...values]);
    return values.length;
  }
  async close() {
    this.closed = true;
  }
}

function fakeModule(device: FakeDevice | Error) {
  const open = vi.fn(async (..._args: unknown[]) => {
    if (device instanceof Error) throw device;
    return device;
  });
  const module = { HIDAsync: { open } } as unknown as NodeHidModule;
  return { open, loadModule: async () => module };
}

describe('node-hid transport', () => {
  it('opens by vendor and product id and delivers data events as they come', async () => {
    const device = new FakeDevice();
    const { open, loadModule } = fakeModule(device);
    const transport = new NodeHidTransport({ vendorId: 0x0c2e, productId: 0x0b61, loadModule });
    await transport.open();
    expect(open).toHaveBeenCalledWith(0x0c2e, 0x0b61);
    const reports: number[][] = [];
    transport.onReport((report) => reports.push([...report]));
    device.emit('data', Buffer.from([2, 3, 0x5d]));
    expect(reports).toEqual([[2, 3, 0x5d]]);
    await transport.write(Uint8Array.of(0, 1));
    expect(device.written).toEqual([[0, 1]]);
    await transport.close();
    expect(device.closed).toBe(true);
    expect(transport.isOpen).toBe(false);
  });

  it('opens by path when one is given', async () => {
    const { open, loadModule } = fakeModule(new FakeDevice());
    await new NodeHidTransport({ vendorId: 1, productId: 2, path: '/dev/hidraw3', loadModule }).open();
    expect(open).toHaveBeenCalledWith('/dev/hidraw3');
  });

  it('closes and tells its listeners when the device errors (unplugged)', async () => {
    const device = new FakeDevice();
    const transport = new NodeHidTransport({ vendorId: 1, productId: 2, ...fakeModule(device) });
    await transport.open();
    const closes: string[] = [];
    transport.onClose((reason) => closes.push(reason));
    transport.onError(() => {});
    device.emit('error', new Error('could not read from HID device'));
    expect(closes).toEqual(['could not read from HID device']);
    expect(transport.isOpen).toBe(false);
    await expect(transport.write(Uint8Array.of(0))).rejects.toBeInstanceOf(HidClosedError);
  });

  it('says clearly that a device is absent', async () => {
    const transport = new NodeHidTransport({
      vendorId: 0x1234,
      productId: 0x5678,
      ...fakeModule(new Error('cannot open device with vendor id 0x1234 and product id 0x5678')),
    });
    await expect(transport.open()).rejects.toThrow(/USB HID 0x1234:0x5678 not found or not accessible/);
  });

  it('finds no such device with the real node-hid', async () => {
    const transport = new NodeHidTransport({ vendorId: 0xfffe, productId: 0xfffd });
    await expect(transport.open()).rejects.toBeInstanceOf(HidUnavailableError);
  });
});
