import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { KioskId } from '../contracts/backend-protocol.ts';
import { openDatabase } from '../platform/sqlite.ts';
import { generateKioskKeyPair } from './auth/kiosk-public-key.ts';
import { DEFAULT_DB_PATH } from './config.ts';
import { BACKEND_MIGRATIONS } from './db/migrations.ts';
import { createKioskStore, type KioskStore } from './store/kiosk-store.ts';

const USAGE = `usage: tsx backend/cli.ts add-kiosk <kioskId> <name> [--db <path>]
       tsx backend/cli.ts rekey-kiosk <kioskId> [--db <path>]
  add-kiosk registers a kiosk with a new Ed25519 key pair; rekey-kiosk gives an existing kiosk a
  new one (its old key stops working at once). Both print the private key once, as PKCS8 PEM.
  The backend stores only the public key, so the private key cannot be shown again: put it in the
  kiosk's configuration now.
  --db <path>   SQLite file of the backend (env VENTANILLA_BACKEND_DB, default ${DEFAULT_DB_PATH})`;

function parseKioskId(rawId: string): string | undefined {
  const kioskId = KioskId.safeParse(rawId);
  if (kioskId.success) return kioskId.data;
  process.stderr.write(`'${rawId}' is not a kiosk id: 3–64 lower-case letters, digits and dashes\n`);
  return undefined;
}

function withKioskStore(dbPath: string, action: (store: KioskStore) => number): number {
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  const db = openDatabase(dbPath, BACKEND_MIGRATIONS);
  try {
    return action(createKioskStore(db));
  } finally {
    db.close();
  }
}

function printPrivateKey(kioskId: string, verb: string, privateKeyPem: string): void {
  process.stdout.write(`kiosk ${kioskId} ${verb}\nprivate key (shown once):\n${privateKeyPem}`);
}

function addKiosk(dbPath: string, rawId: string, name: string): number {
  const kioskId = parseKioskId(rawId);
  if (kioskId === undefined) return 2;
  if (name.trim().length === 0 || name.length > 100) {
    process.stderr.write('the name must have 1 to 100 characters\n');
    return 2;
  }
  return withKioskStore(dbPath, (store) => {
    const keys = generateKioskKeyPair();
    if (!store.insert({ kioskId, name: name.trim(), publicKey: keys.publicKeyPem, enabled: true })) {
      process.stderr.write(`kiosk ${kioskId} already exists\n`);
      return 1;
    }
    printPrivateKey(kioskId, 'added', keys.privateKeyPem);
    return 0;
  });
}

function rekeyKiosk(dbPath: string, rawId: string): number {
  const kioskId = parseKioskId(rawId);
  if (kioskId === undefined) return 2;
  return withKioskStore(dbPath, (store) => {
    const keys = generateKioskKeyPair();
    if (!store.setPublicKey(kioskId, keys.publicKeyPem)) {
      process.stderr.write(`kiosk ${kioskId} does not exist\n`);
      return 1;
    }
    printPrivateKey(kioskId, 'given a new key pair', keys.privateKeyPem);
    return 0;
  });
}

function main(argv: string[]): number {
  let parsed: ReturnType<typeof parseArgs<{ options: { db: { type: 'string' } }; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: { db: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const dbPath = parsed.values.db ?? process.env.VENTANILLA_BACKEND_DB ?? DEFAULT_DB_PATH;
  const [command, kioskId, name, ...rest] = parsed.positionals;
  if (command === 'add-kiosk' && kioskId !== undefined && name !== undefined && rest.length === 0) {
    return addKiosk(dbPath, kioskId, name);
  }
  if (command === 'rekey-kiosk' && kioskId !== undefined && name === undefined) {
    return rekeyKiosk(dbPath, kioskId);
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (error) {
  process.stderr.write(`kiosk command failed: ${(error as Error).message}\n`);
  process.exit(1);
}
