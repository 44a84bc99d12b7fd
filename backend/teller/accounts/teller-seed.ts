import { z } from 'zod';
import { CallTopic, TellerRole } from '../../../contracts/teller.ts';
import { Language } from '../../../contracts/language.ts';

/** One entry of the backend config's `tellers`: an account to add, or update, at start. */
export const TellerSeed = z.strictObject({
  username: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore, hyphen'),
  displayName: z.string().trim().min(1).max(64),
  /** At least 8 characters; only its scrypt hash is stored. */
  password: z.string().min(8).max(200),
  role: TellerRole.default('teller'),
  languages: z.array(Language).min(1).max(Language.options.length),
  topics: z.array(CallTopic).min(1).max(CallTopic.options.length),
});
export type TellerSeed = z.input<typeof TellerSeed>;

export const TellerSeedList = z.array(TellerSeed).max(10_000);
