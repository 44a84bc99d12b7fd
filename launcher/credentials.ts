import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Credentials of the embedded branch (one kiosk, its technician PIN, the operator's fleet-page
 * password): generated on first start and kept in the data folder, so a restart keeps them and
 * no default secret is ever shipped.
 */
export interface BranchCredentials {
  kioskId: string;
  kioskName: string;
  kioskSecret: string;
  technicianPin: string;
  operatorPassword: string;
}

export function loadOrCreateCredentials(path: string): BranchCredentials {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as BranchCredentials;
  const credentials: BranchCredentials = {
    kioskId: 'kiosk-dev-001',
    kioskName: 'Development branch kiosk',
    kioskSecret: randomBytes(24).toString('base64url'),
    technicianPin: String(randomInt(0, 1_000_000)).padStart(6, '0'),
    operatorPassword: randomBytes(9).toString('base64url'),
  };
  writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
