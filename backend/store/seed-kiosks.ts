import { z } from 'zod';
import { KioskId } from '../../contracts/backend-protocol.ts';
import { normaliseKioskPublicKey } from '../auth/kiosk-public-key.ts';
import type { KioskStore } from './kiosk-store.ts';

/** One entry of the `--kiosks` file: the kiosks this backend accepts, with their public keys. */
export const KioskSeed = z.object({
  kioskId: KioskId,
  name: z.string().min(1).max(100),
  /** Ed25519 public key, SPKI PEM (`-----BEGIN PUBLIC KEY-----`). */
  publicKey: z
    .string()
    .max(1000)
    .transform((pem, context) => {
      const normalised = normaliseKioskPublicKey(pem);
      if (normalised === undefined) {
        context.addIssue({ code: 'custom', message: 'not an Ed25519 public key in SPKI PEM' });
        return z.NEVER;
      }
      return normalised;
    }),
  enabled: z.boolean().default(true),
});
export type KioskSeed = z.input<typeof KioskSeed>;

export const KioskSeedList = z.array(KioskSeed).max(10_000);

/**
 * Adds or updates the listed kiosks. The file is the operator's statement of what is true, so a
 * changed name, key or enabled flag takes effect at the next start.
 */
export function seedKiosks(store: KioskStore, seeds: readonly KioskSeed[]): void {
  for (const seed of KioskSeedList.parse(seeds)) {
    store.upsert({
      kioskId: seed.kioskId,
      name: seed.name,
      publicKey: seed.publicKey,
      enabled: seed.enabled,
    });
  }
}
