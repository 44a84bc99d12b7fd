import { describe, expect, it } from 'vitest';
import {
  errorCauseByte,
  interpretRealtimeStatus,
  isStatusByte,
  offlineCauseByte,
  parseErrorCause,
  parseOfflineCause,
  parsePrinterStatus,
  parseRollPaperSensor,
  printerStatusByte,
  rollPaperSensorByte,
} from './realtime-status.ts';

// Bit layouts: Epson ESC/POS Command Reference, DLE EOT
// (https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/dle_eot.html); fixed bits
// 0 = 0, 1 = 1, 4 = 1, 7 = 0 in every status byte.
describe('DLE EOT status bytes', () => {
  it('reads the idle printer: 0x12 is "online, nothing to report" for every n', () => {
    expect(parsePrinterStatus(0x12)).toEqual({
      drawerPin3High: false,
      offline: false,
      waitingForOnlineRecovery: false,
      feedButtonPressed: false,
    });
    expect(parseOfflineCause(0x12)).toEqual({
      coverOpen: false,
      feedingByButton: false,
      paperEndStop: false,
      error: false,
    });
    expect(parseRollPaperSensor(0x12)).toEqual({ paperNearEnd: false, paperEnd: false });
  });

  it('reads a printer out of paper (offline 0x1A, paper-end stop 0x32, sensor 0x7E)', () => {
    expect(parsePrinterStatus(0x1a)?.offline).toBe(true);
    expect(parseOfflineCause(0x32)).toMatchObject({ paperEndStop: true, coverOpen: false });
    expect(parseRollPaperSensor(0x7e)).toEqual({ paperNearEnd: true, paperEnd: true });
  });

  it('reads cover open (n=2 bit 2: 0x16) and near end only (n=4 bits 2–3: 0x1E)', () => {
    expect(parseOfflineCause(0x16)?.coverOpen).toBe(true);
    expect(parseRollPaperSensor(0x1e)).toEqual({ paperNearEnd: true, paperEnd: false });
  });

  it('reads the error causes (n=3: cutter 0x1A, unrecoverable 0x32, auto-recoverable 0x52)', () => {
    expect(parseErrorCause(0x1a)).toMatchObject({
      cutterError: true,
      unrecoverable: false,
      autoRecoverable: false,
    });
    expect(parseErrorCause(0x32)).toMatchObject({ cutterError: false, unrecoverable: true });
    expect(parseErrorCause(0x52)).toMatchObject({ autoRecoverable: true });
  });

  it('rejects bytes whose fixed bits are wrong', () => {
    for (const garbage of [0x00, 0xff, 0x10, 0x02, 0x13, 0x92, 0x80, 0x7f]) {
      expect(isStatusByte(garbage)).toBe(false);
      expect(parsePrinterStatus(garbage)).toBeNull();
      expect(parseRollPaperSensor(garbage)).toBeNull();
    }
    // Exactly 16 of the 256 byte values are status bytes: 4 fixed bits leave 4 free ones.
    const valid = Array.from({ length: 256 }, (_, b) => b).filter(isStatusByte);
    expect(valid).toHaveLength(16);
  });

  it('combines the replies and flags an invalid one', () => {
    const outOfPaper = interpretRealtimeStatus({ printer: 0x1a, offlineCause: 0x32, rollPaperSensor: 0x7e });
    expect(outOfPaper).toEqual({
      valid: true,
      status: {
        offline: true,
        coverOpen: false,
        paperEndStop: true,
        error: false,
        cutterError: false,
        unrecoverable: false,
        autoRecoverable: false,
        paperNearEnd: true,
        paperEnd: true,
      },
    });
    const broken = interpretRealtimeStatus({
      printer: 0x12,
      offlineCause: 0x52,
      rollPaperSensor: 0x12,
      errorCause: 0x32,
    });
    expect(broken.valid && broken.status.unrecoverable).toBe(true);
    expect(interpretRealtimeStatus({ printer: 0xff, offlineCause: 0x12, rollPaperSensor: 0x12 }).valid).toBe(
      false,
    );
    expect(
      interpretRealtimeStatus({ printer: 0x12, offlineCause: 0x12, rollPaperSensor: 0x12, errorCause: 0 })
        .valid,
    ).toBe(false);
  });

  it('builds the bytes it parses', () => {
    expect(printerStatusByte({})).toBe(0x12);
    expect(printerStatusByte({ offline: true })).toBe(0x1a);
    expect(offlineCauseByte({ paperEndStop: true })).toBe(0x32);
    expect(offlineCauseByte({ coverOpen: true })).toBe(0x16);
    expect(errorCauseByte({ unrecoverable: true })).toBe(0x32);
    expect(rollPaperSensorByte({ paperNearEnd: true, paperEnd: true })).toBe(0x7e);
    expect(rollPaperSensorByte({ paperNearEnd: true })).toBe(0x1e);
  });
});
