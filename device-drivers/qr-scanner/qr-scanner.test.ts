import { afterEach, describe, expect, it } from 'vitest';
import type { QrScanner } from '../../contracts/devices/scanners.ts';
import { createLogger } from '../../platform/log.ts';
import { encodeTyping, MODIFIER } from '../codecs/hid/boot-keyboard.ts';
import { encodeHidPos } from '../codecs/hid/hid-pos.ts';
import { type HidTransport, Listeners } from '../transport/hid-transport.ts';
import { MAX_CODE_CHARS, createQrScanner } from './qr-scanner.ts';

/** A transport the test feeds reports into by hand. */
class HandFedTransport implements HidTransport {
  readonly description = 'hand-fed HID';
  isOpen = false;
  private readonly reports = new Listeners<Uint8Array>();
  private readonly closes = new Listeners<string>();
  async open() {
    this.isOpen = true;
  }
  async write() {}
  async close() {
    this.isOpen = false;
  }
  onReport(listener: (report: Uint8Array) => void) {
    return this.reports.add(listener);
  }
  onClose(listener: (reason: string) => void) {
    return this.closes.add(listener);
  }
  onError() {
    return () => {};
  }
  feed(reports: Uint8Array[]) {
    for (const report of reports) this.reports.emit(report, (error) => Promise.reject(error));
  }
}

const logger = createLogger('test', { level: 'error' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const utf8 = (text: string) => new TextEncoder().encode(text);
let scanner: QrScanner | null = null;

async function started(mode: 'hidWedge' | 'hidPos') {
  const transport = new HandFedTransport();
  scanner = createQrScanner({ mode, transport, logger, interCharTimeoutMs: 40 });
  await scanner.start();
  return { scanner, transport };
}

afterEach(async () => {
  await scanner?.stop();
  scanner = null;
});

describe('QR scanner driver', () => {
  it('refuses a wedge code over 4096 characters, and takes no code from its tail', async () => {
    const { scanner, transport } = await started('hidWedge');
    const pending = scanner.readCode({ timeoutMs: 2_000 });
    transport.feed(encodeTyping(`${'A'.repeat(MAX_CODE_CHARS + 1)}\n`));
    expect((await pending).code).toBe('invalidData');
    const next = scanner.readCode({ timeoutMs: 2_000 });
    transport.feed(encodeTyping('OK\n'));
    expect(await next).toMatchObject({ code: 'success', value: { text: 'OK' } });
  });

  it('accepts a code of exactly 4096 characters and refuses a longer one in HID POS', async () => {
    const { scanner, transport } = await started('hidPos');
    const first = scanner.readCode({ timeoutMs: 2_000 });
    transport.feed(encodeHidPos(utf8('B'.repeat(MAX_CODE_CHARS)), ']Q1'));
    expect((await first).code).toBe('success');
    const second = scanner.readCode({ timeoutMs: 2_000 });
    transport.feed(encodeHidPos(utf8('B'.repeat(MAX_CODE_CHARS + 1)), ']Q1'));
    expect((await second).code).toBe('invalidData');
  });

  it('refuses control characters and bytes that are not UTF-8 in HID POS', async () => {
    const { scanner, transport } = await started('hidPos');
    for (const data of [utf8('AB\u0001CD'), Uint8Array.of(0x41, 0xff, 0x42)]) {
      const pending = scanner.readCode({ timeoutMs: 2_000 });
      transport.feed(encodeHidPos(data, ']Q1'));
      expect((await pending).code).toBe('invalidData');
    }
  });

  it('refuses a code typed with Ctrl held (not a character)', async () => {
    const { scanner, transport } = await started('hidWedge');
    const pending = scanner.readCode({ timeoutMs: 2_000 });
    transport.feed([Uint8Array.of(MODIFIER.leftCtrl, 0, 0x04, 0, 0, 0, 0, 0), ...encodeTyping('X\n')]);
    expect((await pending).code).toBe('invalidData');
  });

  it('does not give a read the rest of a code that began before it was armed', async () => {
    const { scanner, transport } = await started('hidWedge');
    const reports = encodeTyping('EARLIER\n');
    transport.feed(reports.slice(0, 6));
    const pending = scanner.readCode({ timeoutMs: 300 });
    transport.feed(reports.slice(6));
    expect((await pending).code).toBe('timeout');
  });

  it('cuts off a code whose next report does not come in time', async () => {
    const { scanner, transport } = await started('hidPos');
    const pending = scanner.readCode({ timeoutMs: 2_000 });
    transport.feed(encodeHidPos(utf8('C'.repeat(100)), ']Q1').slice(0, 1));
    expect(await pending).toMatchObject({ code: 'invalidData' });
  });

  it('keeps one read armed at a time, and cancels on the signal', async () => {
    const { scanner } = await started('hidWedge');
    const controller = new AbortController();
    const first = scanner.readCode({ timeoutMs: 2_000, signal: controller.signal });
    expect((await scanner.readCode({ timeoutMs: 100 })).code).toBe('sequenceError');
    controller.abort();
    expect((await first).code).toBe('canceled');
    await sleep(0);
    expect((await scanner.readCode({ timeoutMs: 10 })).code).toBe('timeout');
  });

  it('is not ready before start and after stop', async () => {
    const transport = new HandFedTransport();
    const idle = createQrScanner({ mode: 'hidPos', transport, logger });
    expect((await idle.readCode({ timeoutMs: 10 })).code).toBe('deviceNotReady');
    expect(idle.status().state).toBe('starting');
    await idle.start();
    const pending = idle.readCode({ timeoutMs: 1_000 });
    await idle.stop();
    expect((await pending).code).toBe('deviceNotReady');
  });
});
