import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuntimeConfig } from '../../main/runtime/index.ts';

/** A runtime config for tests: a fresh database, no backend listening, short timings. */
export function testRuntimeConfig(overrides: Partial<RuntimeConfig> = {}): RuntimeConfig {
  const dir = mkdtempSync(join(tmpdir(), 'ventanilla-runtime-'));
  return {
    kioskId: 'kiosk-test-001',
    kioskPrivateKey: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    backendUrl: 'http://127.0.0.1:9',
    databasePath: join(dir, 'kiosk.sqlite'),
    receiptPrinterPath: null,
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
    cardTakeTimeoutMs: 5_000,
    currency: 'EUR',
    offlineDepositLimit: 50_000,
    requiredDevices: [],
    inactivityMs: 60_000,
    timeoutPromptMs: 20_000,
    goodbyeMs: 200,
    call: { queueTimeoutMs: 30_000, reconnectMs: 5_000, endedMs: 2_000, requestTimeoutMs: 3_000 },
    heartbeatMs: 1_000,
    devicePollMs: 100,
    technicianPin: '246810',
    simulators: [],
    bankName: 'Banco Ventanilla',
    softwareVersion: '0.1.0-test',
    ...overrides,
  };
}
