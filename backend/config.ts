import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CARD_BIN_PATTERN, DEFAULT_CARD_BIN } from './cards/card-number-issuer.ts';
import { MIN_CARD_NUMBER_KEY_LENGTH } from './cards/card-number-key.ts';
import { DEFAULT_APP_CODE_TTL_SECONDS } from './identity/app-code-issuer.ts';
import { appCodeSigningKey } from './identity/app-codes.ts';
import { MIN_IDENTITY_KEY_LENGTH } from './identity/identity-key.ts';
import { AccountSeedList } from './store/seed-accounts.ts';
import { CardOrderSeedList } from './store/seed-card-orders.ts';
import { KioskSeedList } from './store/seed-kiosks.ts';
import { TellerSeedList } from './teller/accounts/teller-seed.ts';
import { IceServer } from '../contracts/teller.ts';
import type { BackendConfig } from './server.ts';

export const USAGE = `usage: tsx backend/main.ts [options]
  --port <n>                  TCP port on 127.0.0.1, 0 = any free port  (env VENTANILLA_BACKEND_PORT, default 0)
  --db <path>                 SQLite file                               (env VENTANILLA_BACKEND_DB, default var/backend.sqlite)
  --kiosks <file>             JSON [{kioskId, name, publicKey, enabled?}] to add or update at start (env VENTANILLA_BACKEND_KIOSKS)
  --accounts <file>           JSON [{accountNumber, holderName, currency, balance?}] to add at start (env VENTANILLA_BACKEND_ACCOUNTS)
  --card-orders <file>        JSON [{orderCode, accountNumber, surname?, givenNames?, deliveryAddress?, validDays?,
                              document?: {issuingState, documentNumber, birthDate}}]
                              to add at start, after the accounts       (env VENTANILLA_BACKEND_CARD_ORDERS)
  --tellers <file>            JSON [{username, displayName, password, role, languages, topics}] of teller console
                              accounts to add or update at start; the file holds passwords: keep it 0600
                                                                        (env VENTANILLA_BACKEND_TELLERS)
  (ICE servers)               JSON [{urls, username?, credential?}] of the STUN/TURN servers both ends of a video
                              call use; environment only (TURN credentials). Unset: none, enough on one network
                                                                        (env VENTANILLA_ICE_SERVERS)
  --card-bin <digits>         BIN of the card numbers issued, 6 to 8 digits; the default is a test range
                              no real issuer uses                       (env VENTANILLA_CARD_BIN, default ${DEFAULT_CARD_BIN})
  (card number key)           key of the card number hashes, at least ${MIN_CARD_NUMBER_KEY_LENGTH} characters; environment
                              only, so it never shows in the process list
                                                                        (env VENTANILLA_CARD_NUMBER_KEY, default: made at
                                                                        first start and kept in the database)
  (app code key)              Ed25519 private key (PKCS8 PEM) that signs the codes of the bank's app;
                              environment only. Unset: no app codes are made
                                                                        (env VENTANILLA_APP_CODE_PRIVATE_KEY)
  --app-code-ttl-seconds <n>  lifetime of an app code                   (env VENTANILLA_APP_CODE_TTL_SECONDS, default ${DEFAULT_APP_CODE_TTL_SECONDS})
  (identity key)              secret of the document hashes of card orders and of the sealed account
                              applications, at least ${MIN_IDENTITY_KEY_LENGTH} characters; environment only
                                                                        (env VENTANILLA_IDENTITY_KEY, default: made at
                                                                        first start and kept in the database)
  --operator-password <pw>    password of user "operator" on the fleet page; prefer the env variable,
                              which other users of the machine cannot read in the process list
                                                                        (env VENTANILLA_OPERATOR_PASSWORD, required)
  --heartbeat-timeout-ms <n>  a silent kiosk shows offline after this   (env VENTANILLA_HEARTBEAT_TIMEOUT_MS, default 30000)`;

export const DEFAULT_DB_PATH = 'var/backend.sqlite';
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 30_000;

/** A configuration the process cannot start with; its message is meant for the operator. */
export class ConfigError extends Error {}

function integer(text: string, option: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new ConfigError(`${option} must be a whole number from ${min} to ${max}, got '${text}'`);
  }
  return value;
}

/** A JSON seed file checked against its schema; the option and shape name it in errors. */
function readSeedFile<Schema extends z.ZodType>(path: string, option: string, shape: string, schema: Schema) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${option} ${path}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // Issues name paths and rules, never the values, so nothing of the file is echoed.
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`${option} ${path} is not ${shape}: ${issues.join('; ')}`);
  }
  return parsed.data as z.infer<Schema>;
}

/** STUN/TURN servers from their JSON; a problem is named without echoing the value (TURN credentials). */
function parseIceServers(raw: string | undefined): IceServer[] {
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError('VENTANILLA_ICE_SERVERS is not JSON');
  }
  const parsed = z.array(IceServer).max(8).safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      'VENTANILLA_ICE_SERVERS must be a JSON array of {urls, username?, credential?} (at most 8)',
    );
  }
  return parsed.data;
}

/** The backend's configuration from command-line options, falling back to the environment. */
export function configFromArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Omit<BackendConfig, 'logger'> {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        db: { type: 'string' },
        kiosks: { type: 'string' },
        accounts: { type: 'string' },
        'card-orders': { type: 'string' },
        tellers: { type: 'string' },
        'card-bin': { type: 'string' },
        'operator-password': { type: 'string' },
        'heartbeat-timeout-ms': { type: 'string' },
        'app-code-ttl-seconds': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values as Record<string, string | undefined>;
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const operatorPassword = values['operator-password'] ?? env.VENTANILLA_OPERATOR_PASSWORD;
  if (!operatorPassword) {
    throw new ConfigError(
      'an operator password is required: set VENTANILLA_OPERATOR_PASSWORD or --operator-password',
    );
  }
  const kioskFile = values.kiosks ?? env.VENTANILLA_BACKEND_KIOSKS;
  const accountFile = values.accounts ?? env.VENTANILLA_BACKEND_ACCOUNTS;
  const cardOrderFile = values['card-orders'] ?? env.VENTANILLA_BACKEND_CARD_ORDERS;
  const tellerFile = values.tellers ?? env.VENTANILLA_BACKEND_TELLERS;
  const iceServers = parseIceServers(env.VENTANILLA_ICE_SERVERS);
  const cardBin = values['card-bin'] ?? env.VENTANILLA_CARD_BIN ?? DEFAULT_CARD_BIN;
  if (!CARD_BIN_PATTERN.test(cardBin))
    throw new ConfigError(`--card-bin must have 6 to 8 digits, got '${cardBin}'`);
  const cardNumberKey = env.VENTANILLA_CARD_NUMBER_KEY || undefined;
  if (cardNumberKey !== undefined && cardNumberKey.length < MIN_CARD_NUMBER_KEY_LENGTH) {
    // The message never echoes the key.
    throw new ConfigError(
      `VENTANILLA_CARD_NUMBER_KEY must have at least ${MIN_CARD_NUMBER_KEY_LENGTH} characters`,
    );
  }
  const identityKey = env.VENTANILLA_IDENTITY_KEY || undefined;
  if (identityKey !== undefined && identityKey.length < MIN_IDENTITY_KEY_LENGTH) {
    throw new ConfigError(`VENTANILLA_IDENTITY_KEY must have at least ${MIN_IDENTITY_KEY_LENGTH} characters`);
  }
  const appCodePrivateKey = env.VENTANILLA_APP_CODE_PRIVATE_KEY || null;
  if (appCodePrivateKey !== null) {
    try {
      appCodeSigningKey(appCodePrivateKey);
    } catch {
      // The message never echoes the key.
      throw new ConfigError('VENTANILLA_APP_CODE_PRIVATE_KEY must be an Ed25519 private key in PKCS8 PEM');
    }
  }
  return {
    port: integer(values.port ?? env.VENTANILLA_BACKEND_PORT ?? '0', '--port', 0, 65_535),
    dbPath: values.db ?? env.VENTANILLA_BACKEND_DB ?? DEFAULT_DB_PATH,
    operatorPassword,
    heartbeatTimeoutMs: integer(
      values['heartbeat-timeout-ms'] ??
        env.VENTANILLA_HEARTBEAT_TIMEOUT_MS ??
        String(DEFAULT_HEARTBEAT_TIMEOUT_MS),
      '--heartbeat-timeout-ms',
      100,
      3_600_000,
    ),
    kiosks: kioskFile
      ? readSeedFile(kioskFile, '--kiosks', '[{kioskId, name, publicKey, enabled?}]', KioskSeedList)
      : [],
    accounts: accountFile
      ? readSeedFile(
          accountFile,
          '--accounts',
          '[{accountNumber, holderName, currency, balance?}]',
          AccountSeedList,
        )
      : [],
    cardOrders: cardOrderFile
      ? readSeedFile(
          cardOrderFile,
          '--card-orders',
          '[{orderCode, accountNumber, surname?, givenNames?, deliveryAddress?, validDays?, document?}]',
          CardOrderSeedList,
        )
      : [],
    tellers: tellerFile
      ? readSeedFile(
          tellerFile,
          '--tellers',
          '[{username, displayName, password, role, languages, topics}]',
          TellerSeedList,
        )
      : [],
    iceServers,
    cardBin,
    ...(cardNumberKey === undefined ? {} : { cardNumberKey }),
    appCodePrivateKey,
    appCodeTtlSeconds: integer(
      values['app-code-ttl-seconds'] ??
        env.VENTANILLA_APP_CODE_TTL_SECONDS ??
        String(DEFAULT_APP_CODE_TTL_SECONDS),
      '--app-code-ttl-seconds',
      30,
      86_400,
    ),
    ...(identityKey === undefined ? {} : { identityKey }),
  };
}
