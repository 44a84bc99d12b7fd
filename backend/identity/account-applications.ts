import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AccountApplication, AccountApplicationStore } from '../store/account-application-store.ts';
import { openSealedValue, sealValue } from '../db/sealed-value.ts';

/** Days a pre-filled application waits for the customer at a kiosk. */
export const ACCOUNT_APPLICATION_VALID_DAYS = 30;

/**
 * What the bank's app pre-fills for an account opened at a kiosk: only what saves the customer
 * typing there. The identity itself comes from the document read at the kiosk, not from here.
 */
export const AccountApplicationPrefill = z.strictObject({
  product: z.enum(['current', 'savings']),
  currency: z.literal('EUR').default('EUR'),
  surname: z.string().trim().min(1).max(40),
  givenNames: z.string().trim().min(1).max(40),
  email: z.string().trim().email().max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ]{6,20}$/)
    .optional(),
});
export type AccountApplicationPrefill = z.infer<typeof AccountApplicationPrefill>;

/** Stores a new application with its pre-filled data sealed (never in the clear in the database). */
export function openAccountApplication(
  store: AccountApplicationStore,
  dataKey: Buffer,
  prefill: AccountApplicationPrefill,
  now: Date,
): AccountApplication {
  const applicationRef = randomUUID();
  const application: AccountApplication = {
    applicationRef,
    prefillSealed: sealValue(dataKey, applicationRef, JSON.stringify(prefill)),
    status: 'open',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ACCOUNT_APPLICATION_VALID_DAYS * 86_400_000).toISOString(),
  };
  store.insert(application);
  return application;
}

/** The pre-filled data of a stored application, for the account opening flow. */
export function applicationPrefill(
  dataKey: Buffer,
  application: AccountApplication,
): AccountApplicationPrefill {
  return AccountApplicationPrefill.parse(
    JSON.parse(openSealedValue(dataKey, application.applicationRef, application.prefillSealed)),
  );
}
