import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * A kiosk's identity is an Ed25519 key pair. The backend keeps only the public key, as SPKI PEM;
 * the private key (PKCS8 PEM) lives on the kiosk alone.
 */
export interface KioskKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

export function generateKioskKeyPair(): KioskKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** The key object of an Ed25519 SPKI PEM; undefined for anything else (an RSA key, a private key, junk). */
export function readKioskPublicKey(pem: string): KeyObject | undefined {
  // createPublicKey would also derive a public key from a private one: refuse that outright, so a
  // kiosk's private key pasted by mistake is never accepted (and so never kept) by the backend.
  if (!/^\s*-----BEGIN PUBLIC KEY-----\r?\n/.test(pem)) return undefined;
  try {
    const key = createPublicKey({ key: pem, format: 'pem' });
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** The canonical PEM of a valid kiosk public key (so equal keys are stored as equal text). */
export function normaliseKioskPublicKey(pem: string): string | undefined {
  return readKioskPublicKey(pem)?.export({ type: 'spki', format: 'pem' }).toString();
}
