import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { KioskId } from '../contracts/backend-protocol.ts';
import { openDatabase } from '../platform/sqlite.ts';
import { hashSecret } from './auth/secret-hash.ts';
import { DEFAULT_DB_PATH } from './config.ts';
import { BACKEND_MIGRATIONS } from './db/migrations.ts';
import { createKioskStore } from './store/kiosk-store.ts';

const USAGE = `usage: tsx backend/cli.ts add-kiosk <kioskId> <name> [--db <path>]
  Registers a kiosk and prints its newly generated secret once. Only a hash is stored, so the
  secret cannot be shown again: put it in the kiosk's configuration now.
  --db <path>   SQLite file of the backend (env VENTANILLA_BACKEND_DB, default ${DEFAULT_DB_PATH})`;

/** Long enough to make guessing hopeless, short enough to paste: 24 random bytes, 32 characters. */
function generateKioskSecret(): string {
  return randomBytes(24).toString('base64url');
}

async function addKiosk(dbPath: string, rawId: string, name: string): Promise<number> {
  const kioskId = KioskId.safeParse(rawId);
  if (!kioskId.success) {
    process.stderr.write(`'${rawId}' is not a kiosk id: 3–64 lower-case letters, digits and dashes\n`);
    return 2;
  }
  if (name.trim().length === 0 || name.length > 100) {
    process.stderr.write('the name must have 1 to 100 characters\n');
    return 2;
  }
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  const db = openDatabase(dbPath, BACKEND_MIGRATIONS);
  try {
    const secret = generateKioskSecret();
    const added = createKioskStore(db).insert({
      kioskId: kioskId.data,
      name: name.trim(),
      secretHash: await hashSecret(secret),
      enabled: true,
    });
    if (!added) {
      process.stderr.write(`kiosk ${kioskId.data} already exists\n`);
      return 1;
    }
    process.stdout.write(`kiosk ${kioskId.data} added\nsecret: ${secret}\n`);
    return 0;
  } finally {
    db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: { db: { type: 'string' } }; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: { db: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [command, kioskId, name, ...rest] = parsed.positionals;
  if (command !== 'add-kiosk' || kioskId === undefined || name === undefined || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const dbPath = parsed.values.db ?? process.env.VENTANILLA_BACKEND_DB ?? DEFAULT_DB_PATH;
  return addKiosk(dbPath, kioskId, name);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`add-kiosk failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
