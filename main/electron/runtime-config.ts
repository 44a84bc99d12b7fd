import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DeviceId } from '../../contracts/devices/status.ts';
import type { RuntimeConfig } from '../runtime/types.ts';

/** Milliseconds of a timer: a whole, positive number. */
const Milliseconds = z.number().int().positive();

const HttpUrl = z.url({ protocol: /^https?$/ });

/**
 * `RuntimeConfig` as read from the kiosk's JSON config file. Strict: an unknown key is a typo
 * (a misspelt `inactivityMs` would otherwise silently fall back to nothing).
 */
export const RuntimeConfigSchema = z.strictObject({
  kioskId: z.string().min(1),
  kioskSecret: z.string().min(1),
  backendUrl: HttpUrl,
  databasePath: z.string().min(1),
  receiptPrinterPath: z.string().min(1).nullable(),
  requiredDevices: z.array(DeviceId),
  inactivityMs: Milliseconds,
  timeoutPromptMs: Milliseconds,
  goodbyeMs: Milliseconds,
  heartbeatMs: Milliseconds,
  devicePollMs: Milliseconds,
  technicianPin: z.string().regex(/^\d{4,12}$/, 'must be 4 to 12 digits'),
  simulators: z.array(z.strictObject({ device: DeviceId, controlUrl: HttpUrl })),
  bankName: z.string().min(1),
  softwareVersion: z.string().min(1),
});

// Fails to compile when the schema and the runtime's `RuntimeConfig` drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesRuntimeConfig: Same<z.infer<typeof RuntimeConfigSchema>, RuntimeConfig> = true;
void schemaMatchesRuntimeConfig;

/**
 * Validates a parsed config. The error lists each problem by its path and never quotes values:
 * the file holds the kiosk secret and the technician PIN.
 */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  const result = RuntimeConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new Error(`invalid kiosk config: ${problems.join('; ')}`);
}

/** Reads and validates the JSON file named by `VENTANILLA_KIOSK_CONFIG`. */
export function readRuntimeConfigFile(path: string | undefined): RuntimeConfig {
  if (!path) throw new Error('VENTANILLA_KIOSK_CONFIG is not set: it must name the kiosk config JSON file');
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
    throw new Error(`the kiosk config ${path} is not valid JSON`);
  }
  return parseRuntimeConfig(json);
}
