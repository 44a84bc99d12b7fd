import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Credentials of the embedded branch (one kiosk, its technician PIN, the operator's fleet-page
 * password): generated on first start and kept in the data folder, so a restart keeps them and
 * no default secret is ever shipped.
 */
export interface BranchCredentials {
  kioskId: string;
  kioskName: string;
  /** The kiosk's Ed25519 key pair (PEM): the kiosk keeps the private key, the backend the public one. */
  kioskPrivateKey: string;
  kioskPublicKey: string;
  technicianPin: string;
  operatorPassword: string;
}

export function loadOrCreateCredentials(path: string): BranchCredentials {
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<BranchCredentials>;
    // Files from before signed kiosk tokens have no key pair: make a new set.
    if (stored.kioskPrivateKey && stored.kioskPublicKey) return stored as BranchCredentials;
  }
  const keys = generateKeyPairSync('ed25519');
  const credentials: BranchCredentials = {
    kioskId: 'kiosk-dev-001',
    kioskName: 'Development branch kiosk',
    kioskPrivateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    kioskPublicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    technicianPin: String(randomInt(0, 1_000_000)).padStart(6, '0'),
    operatorPassword: randomBytes(9).toString('base64url'),
  };
  writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
