import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuntimeConfig, parseRuntimeConfig } from './config.ts';

const valid = {
  kioskId: 'kiosk-001',
  kioskPrivateKey:
    '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n',
  backendUrl: 'http://127.0.0.1:4000',
  databasePath: 'var/kiosk-001.sqlite',
  receiptPrinterPath: '/tmp/ventanilla/receipt-printer-host',
  billValidatorPath: null,
  coinAcceptorPath: null,
  coinHopperPath: null,
  cardPrinterPath: null,
  idScanner: null,
  qrScanner: null,
  appCodePublicKey: null,
  ocrProcessEntry: null,
  ocrTimeoutMs: 5_000,
  scanTimeoutMs: 60_000,
  cardMaxAttempts: 2,
  cardTakeTimeoutMs: 30_000,
  currency: 'EUR',
  offlineDepositLimit: 50_000,
  requiredDevices: ['receiptPrinter'],
  inactivityMs: 60_000,
  timeoutPromptMs: 20_000,
  goodbyeMs: 5_000,
  call: { queueTimeoutMs: 120_000, reconnectMs: 15_000, endedMs: 6_000, requestTimeoutMs: 8_000 },
  heartbeatMs: 10_000,
  devicePollMs: 1_000,
  technicianPin: '482915',
  simulators: [{ device: 'receiptPrinter', controlUrl: 'http://127.0.0.1:4201' }],
  bankName: 'Banco Ejemplo',
  softwareVersion: '0.1.0',
};

const dir = mkdtempSync(join(tmpdir(), 'ventanilla-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseRuntimeConfig', () => {
  it('accepts a complete config, and fills defaults for the optional settings', () => {
    expect(parseRuntimeConfig(valid)).toEqual(valid);
    const { inactivityMs: _i, simulators: _s, requiredDevices: _r, ...minimal } = valid;
    expect(parseRuntimeConfig(minimal)).toMatchObject({
      inactivityMs: 60_000,
      simulators: [],
      requiredDevices: [],
    });
    expect(parseRuntimeConfig({ ...valid, receiptPrinterPath: null }).receiptPrinterPath).toBeNull();
  });

  it('refuses missing, unknown and ill-typed fields, naming each', () => {
    const { kioskId: _missing, ...withoutId } = valid;
    expect(() => parseRuntimeConfig(withoutId)).toThrow(/kioskId/);
    expect(() => parseRuntimeConfig({ ...valid, inactivityMS: 1 })).toThrow(/inactivityMS/);
    expect(() => parseRuntimeConfig({ ...valid, inactivityMs: -1 })).toThrow(/inactivityMs/);
    expect(() => parseRuntimeConfig({ ...valid, requiredDevices: ['toaster'] })).toThrow(
      /requiredDevices\.0/,
    );
    expect(() => parseRuntimeConfig({ ...valid, backendUrl: 'ftp://backend' })).toThrow(/backendUrl/);
    expect(() => parseRuntimeConfig({ ...valid, technicianPin: '12' })).toThrow(/technicianPin/);
    expect(() => parseRuntimeConfig(null)).toThrow(/invalid kiosk config/);
  });

  it('never quotes secrets in its errors', () => {
    const secret = 'leaky-secret-value';
    let message = '';
    try {
      parseRuntimeConfig({
        ...valid,
        kioskPrivateKey: secret,
        technicianPin: `${secret}-pin`,
        goodbyeMs: 'soon',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/technicianPin/);
    expect(message).not.toContain(secret);
  });
});

describe('loadRuntimeConfig', () => {
  it('reads and validates the file', () => {
    const path = join(dir, 'kiosk.json');
    writeFileSync(path, JSON.stringify(valid));
    expect(loadRuntimeConfig(path)).toEqual(valid);
  });

  it('says what is wrong when the file is missing or not JSON, without quoting it', () => {
    expect(() => loadRuntimeConfig(join(dir, 'absent.json'))).toThrow(/ENOENT/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "kioskSecret": "leaky-secret-value" ');
    expect(() => loadRuntimeConfig(broken)).toThrow(/not valid JSON/);
    expect(() => loadRuntimeConfig(broken)).not.toThrow(/leaky/);
  });
});
