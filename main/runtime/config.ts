import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DeviceId } from '../../contracts/index.ts';
import type { RuntimeConfig } from './types.ts';

const HttpUrl = z.url({ protocol: /^https?$/ });

const HidEndpointSchema = z.discriminatedUnion('transport', [
  z.strictObject({
    transport: z.literal('nodeHid'),
    vendorId: z.number().int().min(0).max(0xffff),
    productId: z.number().int().min(0).max(0xffff),
  }),
  z.strictObject({ transport: z.literal('simulated'), socketPath: z.string().min(1) }),
]);

/**
 * The kiosk's configuration file, validated before anything starts: a kiosk with a bad config
 * refuses to start with a message naming the field, rather than failing later in front of a
 * customer. Strict: an unknown key is a typo (a misspelt `inactivityMs` would otherwise silently
 * fall back to its default).
 */
export const RuntimeConfigSchema = z.strictObject({
  kioskId: z.string().min(3).max(64),
  /** The kiosk's Ed25519 private key, PKCS8 PEM. */
  kioskPrivateKey: z.string().min(64).max(4096).includes('PRIVATE KEY'),
  backendUrl: HttpUrl,
  databasePath: z.string().min(1),
  receiptPrinterPath: z.string().min(1).nullable(),
  /** Serial paths of the ccTalk cash devices; null where the kiosk has none. */
  billValidatorPath: z.string().min(1).nullable().default(null),
  coinAcceptorPath: z.string().min(1).nullable().default(null),
  coinHopperPath: z.string().min(1).nullable().default(null),
  /** Serial path of the card printer; null where the kiosk has none. */
  cardPrinterPath: z.string().min(1).nullable().default(null),
  /** The ID document scanner; null where the kiosk has none. */
  idScanner: z
    .discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('serialImage'), path: z.string().min(1) }),
      z.strictObject({ mode: z.literal('hidWedge'), hid: HidEndpointSchema }),
    ])
    .nullable()
    .default(null),
  qrScanner: z
    .strictObject({ mode: z.enum(['hidWedge', 'hidPos']), hid: HidEndpointSchema })
    .nullable()
    .default(null),
  /** The backend's app-code public key, SPKI PEM; without it the kiosk takes no QR codes. */
  appCodePublicKey: z.string().min(64).max(4096).includes('PUBLIC KEY').nullable().default(null),
  ocrProcessEntry: z.string().min(1).nullable().default(null),
  ocrTimeoutMs: z.number().int().min(500).max(60_000).default(5_000),
  scanTimeoutMs: z.number().int().min(2_000).max(300_000).default(60_000),
  /** Cards one order may take from the feeder in one visit: 2 allows one retry after a spoiled card. */
  cardMaxAttempts: z.number().int().min(1).max(3).default(2),
  /** How long an issued card waits at the exit before the printer takes it back. */
  cardTakeTimeoutMs: z.number().int().min(1_000).max(300_000).default(30_000),
  currency: z.enum(['EUR', 'USD', 'MXN', 'CNY']).default('EUR'),
  /** The most one deposit may reach while the kiosk is offline, in minor units (docs/offline-policy.md). */
  offlineDepositLimit: z.number().int().min(0).max(10_000_000).default(50_000),
  requiredDevices: z.array(DeviceId).default([]),
  inactivityMs: z.number().int().min(1_000).max(600_000).default(60_000),
  timeoutPromptMs: z.number().int().min(1_000).max(120_000).default(20_000),
  goodbyeMs: z.number().int().min(500).max(60_000).default(6_000),
  /** The video teller call: wait in the queue before a callback is offered, and the other limits. */
  call: z
    .strictObject({
      queueTimeoutMs: z.number().int().min(1_000).max(1_800_000).default(120_000),
      reconnectMs: z.number().int().min(1_000).max(120_000).default(15_000),
      endedMs: z.number().int().min(1_000).max(60_000).default(6_000),
      requestTimeoutMs: z.number().int().min(1_000).max(60_000).default(8_000),
    })
    .default({ queueTimeoutMs: 120_000, reconnectMs: 15_000, endedMs: 6_000, requestTimeoutMs: 8_000 }),
  heartbeatMs: z.number().int().min(200).max(300_000).default(10_000),
  devicePollMs: z.number().int().min(50).max(60_000).default(1_000),
  technicianPin: z.string().regex(/^\d{4,12}$/, 'must be 4 to 12 digits'),
  simulators: z.array(z.strictObject({ device: DeviceId, controlUrl: HttpUrl })).default([]),
  bankName: z.string().min(1).max(40).default('Banco Ventanilla'),
  softwareVersion: z.string().min(1).max(32).default('0.1.0'),
});

// Fails to compile when the schema and the runtime's `RuntimeConfig` drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesRuntimeConfig: Same<z.output<typeof RuntimeConfigSchema>, RuntimeConfig> = true;
void schemaMatchesRuntimeConfig;

/**
 * Validates a parsed config. The error lists each problem by its path and never quotes values:
 * the file holds the kiosk secret and the technician PIN.
 */
export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  const parsed = RuntimeConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`invalid kiosk config: ${problems.join('; ')}`);
}

/** Reads and validates a kiosk config file; errors name the file and the problem, never its content. */
export function loadRuntimeConfig(path: string): RuntimeConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read the kiosk config ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error, which may be the secret.
    throw new Error(`the kiosk config ${path} is not valid JSON`);
  }
  return parseRuntimeConfig(json);
}
