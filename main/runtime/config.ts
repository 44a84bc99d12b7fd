import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DeviceId } from '../../contracts/index.ts';
import type { RuntimeConfig } from './types.ts';

/**
 * The kiosk's configuration file, validated before anything starts: a kiosk with a bad config
 * refuses to start with a message naming the field, rather than failing later in front of a customer.
 */
export const RuntimeConfigSchema = z
  .object({
    kioskId: z.string().min(3).max(64),
    kioskSecret: z.string().min(16).max(256),
    backendUrl: z.url(),
    databasePath: z.string().min(1),
    receiptPrinterPath: z.string().min(1).nullable(),
    requiredDevices: z.array(DeviceId).default([]),
    inactivityMs: z.number().int().min(1_000).max(600_000).default(60_000),
    timeoutPromptMs: z.number().int().min(1_000).max(120_000).default(20_000),
    goodbyeMs: z.number().int().min(500).max(60_000).default(6_000),
    heartbeatMs: z.number().int().min(200).max(300_000).default(10_000),
    devicePollMs: z.number().int().min(50).max(60_000).default(1_000),
    technicianPin: z.string().regex(/^\d{4,12}$/, '4 to 12 digits'),
    simulators: z.array(z.object({ device: DeviceId, controlUrl: z.url() })).default([]),
    bankName: z.string().min(1).max(40).default('Banco Ventanilla'),
    softwareVersion: z.string().max(32).default('0.1.0'),
  })
  .strict();

export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  const parsed = RuntimeConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new Error(`invalid kiosk configuration: ${problems}`);
  }
  return parsed.data;
}

export function loadRuntimeConfig(path: string): RuntimeConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read kiosk configuration ${path}: ${(error as Error).message}`);
  }
  return parseRuntimeConfig(raw);
}
