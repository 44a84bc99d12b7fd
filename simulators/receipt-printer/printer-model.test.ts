import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../device-drivers/codecs/escpos/encode-receipt.ts';
import {
  parseOfflineCause,
  parsePrinterStatus,
  parseRollPaperSensor,
} from '../../device-drivers/codecs/escpos/realtime-status.ts';
import { PrinterModel, toPrintedReceipt } from './printer-model.ts';

const statusQuery = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
const document = (lines: number) => ({
  language: 'en' as const,
  lines: Array.from({ length: lines }, (_, i) => ({ kind: 'text' as const, text: `Line ${i + 1}` })),
});

function readStatus(model: PrinterModel) {
  const reply = model.receive(statusQuery);
  expect(reply.length).toBe(3);
  return {
    printer: parsePrinterStatus(reply[0]!),
    offline: parseOfflineCause(reply[1]!),
    paper: parseRollPaperSensor(reply[2]!),
  };
}

describe('simulated receipt printer', () => {
  it('answers DLE EOT with valid status bytes of an idle printer', () => {
    const status = readStatus(new PrinterModel({ paperCapacity: 100 }));
    expect(status.printer?.offline).toBe(false);
    expect(status.offline).toMatchObject({ coverOpen: false, paperEndStop: false });
    expect(status.paper).toEqual({ paperNearEnd: false, paperEnd: false });
  });

  it('prints a receipt, consumes paper and cuts', () => {
    const model = new PrinterModel({ paperCapacity: 100 });
    model.receive(encodeReceipt(document(3), { columns: 42 }));
    expect(toPrintedReceipt(model.lastReceipt()!)).toMatchObject({
      id: 1,
      lines: ['Line 1', 'Line 2', 'Line 3'],
      complete: true,
      cut: true,
    });
    expect(model.state(true).supplies).toMatchObject({ paperLines: 97, receipts: 1 });
  });

  it('stops mid-receipt when the paper runs out and drops the rest of the job', () => {
    const model = new PrinterModel({ paperCapacity: 5, nearEndLines: 2 });
    // Split in odd chunks, the way a serial line delivers them.
    const bytes = encodeReceipt(document(8), { columns: 42 });
    for (let i = 0; i < bytes.length; i += 5) model.receive(bytes.subarray(i, i + 5));
    const receipt = toPrintedReceipt(model.lastReceipt()!);
    expect(receipt.lines).toEqual(['Line 1', 'Line 2', 'Line 3', 'Line 4', 'Line 5']);
    expect(receipt).toMatchObject({ complete: false, cut: false });
    const status = readStatus(model);
    expect(status.printer?.offline).toBe(true);
    expect(status.offline?.paperEndStop).toBe(true);
    expect(status.paper).toEqual({ paperNearEnd: true, paperEnd: true });
    // The next job starts on a fresh receipt; with no paper it is empty and incomplete.
    model.receive(encodeReceipt(document(1), { columns: 42 }));
    expect(toPrintedReceipt(model.lastReceipt()!)).toMatchObject({ id: 2, lines: [], complete: false });
    model.replenish();
    expect(readStatus(model).paper).toEqual({ paperNearEnd: false, paperEnd: false });
  });

  it('reports near end and cover open; an open cover stops printing', () => {
    const model = new PrinterModel({ paperCapacity: 100 });
    model.injectFault('paperNearEnd');
    expect(readStatus(model).paper).toEqual({ paperNearEnd: true, paperEnd: false });
    model.injectFault('coverOpen');
    const status = readStatus(model);
    expect(status.printer?.offline).toBe(true);
    expect(status.offline?.coverOpen).toBe(true);
    model.receive(encodeReceipt(document(2), { columns: 42 }));
    expect(model.lastReceipt()).toMatchObject({ lines: [], complete: false, cut: false });
    model.clearAllFaults();
    expect(readStatus(model).offline?.coverOpen).toBe(false);
  });

  it('never answers under noReply, and answers garbage that fails the fixed-bit check', () => {
    const model = new PrinterModel({ paperCapacity: 100 });
    model.injectFault('noReply');
    expect(model.receive(statusQuery).length).toBe(0);
    model.clearFault('noReply');
    model.injectFault('garbage');
    for (let i = 0; i < 50; i++) {
      const reply = model.receive(statusQuery);
      expect(reply.length).toBe(3);
      expect(parsePrinterStatus(reply[0]!)).toBeNull();
    }
  });

  it('survives random bytes', () => {
    const model = new PrinterModel({ paperCapacity: 50 });
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let i = 0; i < 500; i++) {
      model.receive(Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))));
    }
    expect(readStatus(model).printer).not.toBeNull();
  });
});
