import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Credentials of the embedded branch (one kiosk, its technician PIN, the operator's fleet-page
 * password, the key pair of the bank app's codes, the demo tellers' password): generated on first
 * start and kept in the data folder, so a restart keeps them and no default secret is ever shipped.
 */
export interface BranchCredentials {
  kioskId: string;
  kioskName: string;
  /** The kiosk's Ed25519 key pair (PEM): the kiosk keeps the private key, the backend the public one. */
  kioskPrivateKey: string;
  kioskPublicKey: string;
  technicianPin: string;
  operatorPassword: string;
  /**
   * The Ed25519 key pair (PEM) of the bank app's codes: the backend signs with the private key
   * (PKCS8), kiosks verify offline with the public one (SPKI).
   */
  appCodePrivateKey: string;
  appCodePublicKey: string;
  /** Password of the demo tellers of the teller console (launcher/demo-tellers.json). */
  tellerPassword: string;
}

function ed25519Pems(): { privateKey: string; publicKey: string } {
  const keys = generateKeyPairSync('ed25519');
  return {
    privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function loadOrCreateCredentials(path: string): BranchCredentials {
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<BranchCredentials>;
    // Files from before signed kiosk tokens have no key pair: make a new set.
    if (stored.kioskPrivateKey && stored.kioskPublicKey) {
      // Files from before the teller console: keep what they hold, add the tellers' password.
      if (stored.appCodePrivateKey && stored.appCodePublicKey) {
        if (stored.tellerPassword) return stored as BranchCredentials;
        return save(path, { ...(stored as BranchCredentials), tellerPassword: newPassword() });
      }
      // Files from before app codes: keep what they hold, add the app code key pair.
      const appCode = ed25519Pems();
      return save(path, {
        ...(stored as BranchCredentials),
        appCodePrivateKey: appCode.privateKey,
        appCodePublicKey: appCode.publicKey,
        tellerPassword: stored.tellerPassword ?? newPassword(),
      });
    }
  }
  const kiosk = ed25519Pems();
  const appCode = ed25519Pems();
  return save(path, {
    kioskId: 'kiosk-dev-001',
    kioskName: 'Development branch kiosk',
    kioskPrivateKey: kiosk.privateKey,
    kioskPublicKey: kiosk.publicKey,
    technicianPin: String(randomInt(0, 1_000_000)).padStart(6, '0'),
    operatorPassword: newPassword(),
    appCodePrivateKey: appCode.privateKey,
    appCodePublicKey: appCode.publicKey,
    tellerPassword: newPassword(),
  });
}

function newPassword(): string {
  return randomBytes(9).toString('base64url');
}

function save(path: string, credentials: BranchCredentials): BranchCredentials {
  writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
