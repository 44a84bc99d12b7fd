import { describe, expect, it, vi } from 'vitest';
import { type AnyActorLogic, createActor, createMachine, type EventObject } from 'xstate';
import {
  type AppCodeVerification,
  failed,
  type IdScanner,
  type IdScannerMode,
  type MrzDocument,
  type MrzReader,
  type MrzReaderHealth,
  type MrzReadResult,
  type MrzRejectReason,
  type OperationResult,
  type QrScanner,
  type ScannedCode,
  type ScannedDocument,
  startingStatus,
  succeeded,
} from '../../../contracts/index.ts';
import { createMemoryLogger } from '../../../platform/log.ts';
import { identifyCustomerMachine } from '../../../state-machines/identify-customer/identify-customer-machine.ts';
import type { IdentityCapture } from './capture-store.ts';
import { createIdentifyActors, type IdentifyActorsDeps } from './identify-actors.ts';

const DOCUMENT: MrzDocument = {
  format: 'TD1',
  documentCode: 'ID',
  issuingState: 'ESP',
  documentNumber: 'BAC456789',
  surname: 'MARTIN RUIZ',
  givenNames: 'JUAN',
  nationality: 'ESP',
  birthDate: '900101',
  sex: 'male',
  expiryDate: '310630',
  optionalData: '',
};
const LINES = [
  'IDESPBAC4567891<<<<<<<<<<<<<<<',
  '9001014M3106305ESP<<<<<<<<<<<6',
  'MARTIN<RUIZ<<JUAN<<<<<<<<<<<<<',
];
const TIMINGS = { decodeMs: 1, prepareMs: 1, ocrMs: 1, totalMs: 3 };
const accepted = (document = DOCUMENT): MrzReadResult => ({
  status: 'accepted',
  document,
  lines: LINES,
  checks: [],
  corrections: 0,
  timings: TIMINGS,
});
const rejected = (reason: MrzRejectReason): MrzReadResult => ({
  status: 'rejected',
  reason,
  lines: [],
  checks: [],
  detail: 'test',
  timings: TIMINGS,
});
const NOW = new Date('2025-06-01T12:00:00').getTime();

/** A device wait the test answers; an abort answers `canceled`, as a driver does. */
function deviceWait<T>() {
  let resolve: (result: OperationResult<T>) => void = () => undefined;
  const calls: { timeoutMs: number; signal?: AbortSignal }[] = [];
  const wait = (options: { timeoutMs: number; signal?: AbortSignal }) => {
    calls.push(options);
    return new Promise<OperationResult<T>>((done) => {
      resolve = done;
      options.signal?.addEventListener('abort', () => done(failed('canceled', 'canceled')));
    });
  };
  return { wait, calls, answer: (result: OperationResult<T>) => resolve(result) };
}

function fakeIdScanner(mode: IdScannerMode = 'serialImage') {
  const present = new Set<() => void>();
  const scan = deviceWait<ScannedDocument>();
  const scanner: IdScanner = {
    device: 'idScanner',
    mode,
    start: async () => undefined,
    stop: async () => undefined,
    status: () => ({ ...startingStatus('idScanner'), state: 'online', ready: true }),
    onStatus: () => () => undefined,
    onDocumentPresent: (listener) => {
      present.add(listener);
      return () => present.delete(listener);
    },
    scanDocument: scan.wait,
  };
  return {
    scanner,
    scan,
    present,
    layDown: () => {
      for (const listener of present) listener();
    },
  };
}

function fakeQrScanner() {
  const read = deviceWait<ScannedCode>();
  const scanner: QrScanner = {
    device: 'qrScanner',
    mode: 'hidPos',
    start: async () => undefined,
    stop: async () => undefined,
    status: () => ({ ...startingStatus('qrScanner'), state: 'online', ready: true }),
    onStatus: () => () => undefined,
    readCode: read.wait,
  };
  return { scanner, read };
}

function fakeReader(state: MrzReaderHealth['state'] = 'ready') {
  let answer: (result: MrzReadResult) => void = () => undefined;
  const images: Uint8Array[] = [];
  const signals: AbortSignal[] = [];
  const health = { state, restarts: 0, readyMs: 100, rssBytes: null } as MrzReaderHealth;
  const reader: MrzReader = {
    start: async () => undefined,
    stop: async () => undefined,
    isReady: () => health.state === 'ready',
    readImage: (image, options) => {
      images.push(image);
      if (options?.signal) signals.push(options.signal);
      return new Promise((resolve) => {
        answer = resolve;
      });
    },
    readText: vi.fn((_lines: readonly string[]) => accepted()),
    health: () => health,
  };
  return { reader, images, signals, health, answer: (result: MrzReadResult) => answer(result) };
}

function setUp(overrides: Partial<IdentifyActorsDeps> = {}, mode: IdScannerMode = 'serialImage') {
  const id = fakeIdScanner(mode);
  const qr = fakeQrScanner();
  const ocr = fakeReader();
  const stored: { sessionId: string; capture: IdentityCapture }[] = [];
  const verify = vi.fn((_text: string): AppCodeVerification => ({ ok: false, reason: 'malformed' }));
  const log = createMemoryLogger('identity');
  const deps: IdentifyActorsDeps = {
    idScanner: id.scanner,
    qrScanner: qr.scanner,
    mrzReader: ocr.reader,
    captures: {
      put: (sessionId, capture) => {
        // A copy, as the real store seals the bytes before the actor wipes them.
        stored.push({
          sessionId,
          capture: { ...capture, ...(capture.image ? { image: new Uint8Array(capture.image) } : {}) },
        });
        return `capture-${stored.length}`;
      },
    },
    verifier: { verify },
    sessionId: () => 'session-1',
    now: () => NOW,
    scanTimeoutMs: 60_000,
    log,
    ...overrides,
  };
  const actors = createIdentifyActors(deps);
  return { id, qr, ocr, stored, verify, log, actors };
}

/** Runs one actor under a parent that records what it sends; `stop` stops the actor (cleanup). */
function run(logic: AnyActorLogic) {
  const events: EventObject[] = [];
  // Events are recorded at the root: one sent after the actor was stopped would be recorded too.
  const parent = createMachine({
    initial: 'running',
    on: { '*': { actions: ({ event }) => events.push(event) } },
    states: {
      running: {
        invoke: { src: logic, input: { scanId: 'scan-1' } },
        on: { STOP: 'stopped' },
      },
      stopped: {},
    },
  });
  const actor = createActor(parent).start();
  return {
    events,
    types: () => events.map((e) => e.type),
    result: () => events.filter((e) => e.type !== 'IDENTIFY_INPUT_SEEN'),
    stop: () => actor.send({ type: 'STOP' }),
  };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};
const image = (): ScannedDocument => ({
  kind: 'image',
  image: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
  mime: 'image/png',
  transferMs: 5,
});

describe('scanDocument', () => {
  it('says "reading" when a document is laid down, reads the image, stores it and answers its capture', async () => {
    const kit = setUp();
    const run1 = run(kit.actors.scanDocument);
    await flush();
    expect(kit.id.scan.calls[0]?.timeoutMs).toBe(60_000);
    kit.id.layDown();
    expect(run1.types()).toEqual(['IDENTIFY_INPUT_SEEN']);
    const scanned = image();
    kit.id.scan.answer(succeeded(scanned));
    await flush();
    kit.ocr.answer(accepted());
    await flush();
    expect(run1.result()).toEqual([
      { type: 'IDENTIFY_SCANNED', output: { status: 'accepted', captureId: 'capture-1', expired: false } },
    ]);
    expect(run1.types().filter((t) => t === 'IDENTIFY_INPUT_SEEN')).toHaveLength(1);
    expect(kit.stored[0]?.sessionId).toBe('session-1');
    expect(kit.stored[0]?.capture.document).toEqual(DOCUMENT);
    expect(kit.stored[0]?.capture.imageMime).toBe('image/png');
    expect([...(kit.stored[0]?.capture.image ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    // The scanned bytes do not outlive the scan.
    expect(scanned.kind === 'image' && scanned.image.every((b) => b === 0)).toBe(true);
    // Nothing of the document in the log.
    const logged = kit.log.lines.join('\n');
    expect(logged).not.toContain('MARTIN');
    expect(logged).not.toContain('BAC456789');
  });

  it('reads typed MRZ text (keyboard wedge) without the OCR and keeps no image', async () => {
    const kit = setUp({}, 'hidWedge');
    const r = run(kit.actors.scanDocument);
    await flush();
    kit.id.scan.answer(succeeded({ kind: 'mrzText', lines: LINES }));
    await flush();
    expect(kit.ocr.reader.readText).toHaveBeenCalledWith(LINES);
    expect(kit.ocr.images).toHaveLength(0);
    expect(r.types()).toEqual(['IDENTIFY_INPUT_SEEN', 'IDENTIFY_SCANNED']);
    expect(kit.stored[0]?.capture.image).toBeUndefined();
  });

  it('says an expired document is expired', async () => {
    const kit = setUp({}, 'hidWedge');
    vi.mocked(kit.ocr.reader.readText).mockReturnValue(accepted({ ...DOCUMENT, expiryDate: '250531' }));
    const r = run(kit.actors.scanDocument);
    await flush();
    kit.id.scan.answer(succeeded({ kind: 'mrzText', lines: LINES }));
    await flush();
    expect(r.result()).toEqual([
      { type: 'IDENTIFY_SCANNED', output: { status: 'accepted', captureId: 'capture-1', expired: true } },
    ]);
  });

  const readerCases: [MrzRejectReason, MrzReaderHealth['state'], unknown][] = [
    ['checkDigits', 'ready', { status: 'rejected', reason: 'notCertain' }],
    ['ambiguous', 'ready', { status: 'rejected', reason: 'notCertain' }],
    ['timeout', 'restarting', { status: 'rejected', reason: 'notCertain' }],
    ['ocrUnavailable', 'restarting', { status: 'rejected', reason: 'notCertain' }],
    ['ocrUnavailable', 'failed', { status: 'unavailable' }],
    ['noMrz', 'ready', { status: 'rejected', reason: 'unreadable' }],
    ['unreadable', 'ready', { status: 'rejected', reason: 'unreadable' }],
    ['invalidImage', 'ready', { status: 'rejected', reason: 'unreadable' }],
    ['imageTooLarge', 'ready', { status: 'rejected', reason: 'unreadable' }],
  ];
  it.each(readerCases)(
    'maps the reader’s %s (reader %s) to %j and stores nothing',
    async (reason, state, output) => {
      const kit = setUp();
      const r = run(kit.actors.scanDocument);
      await flush();
      kit.id.scan.answer(succeeded(image()));
      await flush();
      kit.ocr.health.state = state;
      kit.ocr.answer(rejected(reason));
      await flush();
      expect(r.result()).toEqual([{ type: 'IDENTIFY_SCANNED', output }]);
      expect(kit.stored).toHaveLength(0);
    },
  );

  const deviceCases: [string, unknown][] = [
    ['timeout', { status: 'noDocument' }],
    ['invalidData', { status: 'rejected', reason: 'unreadable' }],
    ['deviceNotReady', { status: 'unavailable' }],
    ['hardwareError', { status: 'unavailable' }],
    ['internalError', { status: 'unavailable' }],
    ['canceled', { status: 'unavailable' }],
  ];
  it('a document read while the OCR worker is still starting waits for it, then is read', async () => {
    const kit = setUp();
    kit.ocr.health.state = 'starting';
    const r = run(kit.actors.scanDocument);
    await flush();
    kit.id.scan.answer(succeeded(image()));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(kit.ocr.images).toHaveLength(0);
    kit.ocr.health.state = 'ready';
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(kit.ocr.images).toHaveLength(1);
    kit.ocr.answer(accepted());
    await flush();
    expect(r.result().at(-1)).toEqual({
      type: 'IDENTIFY_SCANNED',
      output: { status: 'accepted', captureId: 'capture-1', expired: false },
    });
  });

  it.each(deviceCases)('maps the scanner’s %s to %j', async (code, output) => {
    const kit = setUp();
    const r = run(kit.actors.scanDocument);
    await flush();
    kit.id.scan.answer(failed(code as 'timeout', 'test'));
    await flush();
    expect(r.result()).toEqual([{ type: 'IDENTIFY_SCANNED', output }]);
    expect(kit.ocr.images).toHaveLength(0);
  });

  it('is unavailable without a scanner or a reader, or when the reader has failed (without waiting)', async () => {
    for (const overrides of [{ idScanner: null }, { mrzReader: null }]) {
      const r = run(setUp(overrides).actors.scanDocument);
      await flush();
      expect(r.result()).toEqual([{ type: 'IDENTIFY_SCANNED', output: { status: 'unavailable' } }]);
    }
    const kit = setUp();
    kit.ocr.health.state = 'failed';
    const r = run(kit.actors.scanDocument);
    await flush();
    expect(r.result()).toEqual([{ type: 'IDENTIFY_SCANNED', output: { status: 'unavailable' } }]);
    expect(kit.id.scan.calls).toHaveLength(0);
  });

  it('keeps nothing and is unavailable when there is no customer session', async () => {
    const kit = setUp({ sessionId: () => null }, 'hidWedge');
    const r = run(kit.actors.scanDocument);
    await flush();
    kit.id.scan.answer(succeeded({ kind: 'mrzText', lines: LINES }));
    await flush();
    expect(r.result()).toEqual([{ type: 'IDENTIFY_SCANNED', output: { status: 'unavailable' } }]);
    expect(kit.stored).toHaveLength(0);
  });

  it('is unavailable when the store throws, and logs no data', async () => {
    const kit = setUp(
      {
        captures: {
          put: () => {
            throw new Error('disk full MARTIN');
          },
        },
      },
      'hidWedge',
    );
    const r = run(kit.actors.scanDocument);
    await flush();
    kit.id.scan.answer(succeeded({ kind: 'mrzText', lines: LINES }));
    await flush();
    expect(r.result()).toEqual([{ type: 'IDENTIFY_SCANNED', output: { status: 'unavailable' } }]);
    expect(kit.log.lines.join('\n')).not.toContain('MARTIN');
  });

  it('stopped while waiting: aborts the scanner’s wait and sends nothing after', async () => {
    const kit = setUp();
    const r = run(kit.actors.scanDocument);
    await flush();
    kit.id.layDown();
    r.stop();
    expect(kit.id.scan.calls[0]?.signal?.aborted).toBe(true);
    expect(kit.id.present.size).toBe(0);
    await flush();
    kit.id.scan.answer(succeeded(image()));
    await flush();
    expect(r.types()).toEqual(['IDENTIFY_INPUT_SEEN']);
  });

  it('stopped while reading: aborts the read and keeps nothing read after', async () => {
    const kit = setUp();
    const r = run(kit.actors.scanDocument);
    await flush();
    kit.id.scan.answer(succeeded(image()));
    await flush();
    r.stop();
    expect(kit.ocr.signals[0]?.aborted).toBe(true);
    kit.ocr.answer(accepted());
    await flush();
    expect(r.types()).toEqual(['IDENTIFY_INPUT_SEEN']);
    expect(kit.stored).toHaveLength(0);
  });

  it('ends as unavailable when neither the scanner nor the reader answers past every timeout', async () => {
    vi.useFakeTimers();
    try {
      const kit = setUp({ scanTimeoutMs: 1_000, readTimeoutMs: 1_000 });
      const r = run(kit.actors.scanDocument);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(r.result()).toEqual([{ type: 'IDENTIFY_SCANNED', output: { status: 'unavailable' } }]);
      expect(kit.id.scan.calls[0]?.signal?.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('readAppCode', () => {
  const verifications: [AppCodeVerification, unknown][] = [
    [
      {
        ok: true,
        payload: { kind: 'cardOrder', orderCode: 'ABCD2345', iat: 1, exp: 2, jti: 'jti-12345' },
      },
      { status: 'verified', code: { kind: 'cardOrder', orderCode: 'ABCD2345' } },
    ],
    [
      {
        ok: true,
        payload: {
          kind: 'accountApplication',
          applicationRef: 'app-ref-1',
          iat: 1,
          exp: 2,
          jti: 'jti-12345',
        },
      },
      { status: 'verified', code: { kind: 'accountApplication', applicationRef: 'app-ref-1' } },
    ],
    [
      { ok: false, reason: 'badSignature' },
      { status: 'refused', reason: 'qrForged' },
    ],
    [
      { ok: false, reason: 'expired' },
      { status: 'refused', reason: 'qrExpired' },
    ],
    [
      { ok: false, reason: 'notYetValid' },
      { status: 'refused', reason: 'qrExpired' },
    ],
    [
      { ok: false, reason: 'malformed' },
      { status: 'refused', reason: 'qrUnknown' },
    ],
  ];
  it.each(verifications)('maps the verifier’s %j to %j', async (verification, output) => {
    const kit = setUp();
    kit.verify.mockReturnValue(verification);
    const r = run(kit.actors.readAppCode);
    await flush();
    kit.qr.read.answer(succeeded({ text: 'VQ1.payload.signature', symbology: ']Q1' }));
    await flush();
    expect(kit.verify).toHaveBeenCalledWith('VQ1.payload.signature');
    expect(r.events).toEqual([{ type: 'IDENTIFY_INPUT_SEEN' }, { type: 'IDENTIFY_CODE_READ', output }]);
  });

  it('refuses text that is not an app code without asking the verifier', async () => {
    const kit = setUp();
    const r = run(kit.actors.readAppCode);
    await flush();
    kit.qr.read.answer(succeeded({ text: 'https://example.com/VQ1.', symbology: null }));
    await flush();
    expect(kit.verify).not.toHaveBeenCalled();
    expect(r.result()).toEqual([
      { type: 'IDENTIFY_CODE_READ', output: { status: 'refused', reason: 'qrUnknown' } },
    ]);
  });

  const deviceCases: [string, unknown][] = [
    ['timeout', { status: 'noCode' }],
    ['invalidData', { status: 'refused', reason: 'qrUnknown' }],
    ['deviceNotReady', { status: 'unavailable' }],
    ['hardwareError', { status: 'unavailable' }],
  ];
  it.each(deviceCases)('maps the QR scanner’s %s to %j', async (code, output) => {
    const kit = setUp();
    const r = run(kit.actors.readAppCode);
    await flush();
    kit.qr.read.answer(failed(code as 'timeout', 'test'));
    await flush();
    expect(r.events).toEqual([{ type: 'IDENTIFY_CODE_READ', output }]);
  });

  it('is unavailable without a QR scanner or an app code key', async () => {
    for (const overrides of [{ qrScanner: null }, { verifier: null }]) {
      const r = run(setUp(overrides).actors.readAppCode);
      await flush();
      expect(r.events).toEqual([{ type: 'IDENTIFY_CODE_READ', output: { status: 'unavailable' } }]);
    }
  });

  it('stopped while waiting: aborts the read and sends nothing after', async () => {
    const kit = setUp();
    const r = run(kit.actors.readAppCode);
    await flush();
    r.stop();
    expect(kit.qr.read.calls[0]?.signal?.aborted).toBe(true);
    kit.qr.read.answer(succeeded({ text: 'VQ1.a.b', symbology: null }));
    await flush();
    expect(r.events).toEqual([]);
    expect(kit.verify).not.toHaveBeenCalled();
  });

  it('logs no code text', async () => {
    const kit = setUp();
    const r = run(kit.actors.readAppCode);
    await flush();
    kit.qr.read.answer(succeeded({ text: 'VQ1.SECRETPAYLOAD.sig', symbology: null }));
    await flush();
    expect(r.result()).toHaveLength(1);
    expect(kit.log.lines.join('\n')).not.toContain('SECRETPAYLOAD');
  });
});

describe('with the identify-customer machine', () => {
  it('reaches the confirmation screen with the stored capture, and back to rescan on a bad read', async () => {
    const kit = setUp();
    const actor = createActor(identifyCustomerMachine.provide({ actors: kit.actors }), {
      input: { method: 'idScan', maxAttempts: 3, acceptKinds: ['cardOrder'] },
    }).start();
    await flush();
    kit.id.layDown();
    expect(actor.getSnapshot().context.inputSeen).toBe(true);
    kit.id.scan.answer(succeeded(image()));
    await flush();
    kit.ocr.answer(rejected('checkDigits'));
    await flush();
    expect(actor.getSnapshot().value).toBe('rescan');
    expect(actor.getSnapshot().context.message).toBe('notCertain');

    actor.send({ type: 'IDENTIFY_RESCAN' });
    await flush();
    kit.id.scan.answer(succeeded(image()));
    await flush();
    kit.ocr.answer(accepted());
    await flush();
    expect(actor.getSnapshot().value).toBe('confirmDocument');
    expect(actor.getSnapshot().context.captureId).toBe('capture-1');
    actor.stop();
  });
});
