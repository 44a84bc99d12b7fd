import { z } from 'zod';
import { KioskAuth, KioskId } from '../../contracts/backend-protocol.ts';
import { hashSecret } from '../auth/secret-hash.ts';
import type { KioskStore } from './kiosk-store.ts';

/** One entry of the `--kiosks` file: the kiosks this backend accepts, with their secrets. */
export const KioskSeed = z.object({
  kioskId: KioskId,
  name: z.string().min(1).max(100),
  secret: KioskAuth.shape.secret,
  enabled: z.boolean().default(true),
});
export type KioskSeed = z.input<typeof KioskSeed>;

export const KioskSeedList = z.array(KioskSeed).max(10_000);

/**
 * Adds or updates the listed kiosks. The file is the operator's statement of what is true, so a
 * changed name, secret or enabled flag takes effect at the next start.
 */
export async function seedKiosks(store: KioskStore, seeds: readonly KioskSeed[]): Promise<void> {
  for (const seed of KioskSeedList.parse(seeds)) {
    store.upsert({
      kioskId: seed.kioskId,
      name: seed.name,
      secretHash: await hashSecret(seed.secret),
      enabled: seed.enabled,
    });
  }
}
