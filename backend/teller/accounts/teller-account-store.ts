import { randomUUID } from 'node:crypto';
import type { CallTopic, TellerProfile, TellerRole } from '../../../contracts/teller.ts';
import type { Language } from '../../../contracts/language.ts';
import type { SqliteDatabase } from '../../../platform/sqlite.ts';

export interface TellerAccount extends TellerProfile {
  passwordHash: string;
}

export interface TellerAccountFields {
  username: string;
  displayName: string;
  role: TellerRole;
  languages: Language[];
  topics: CallTopic[];
  passwordHash: string;
}

export interface TellerAccountStore {
  /** By username, case-insensitively. */
  findByUsername(username: string): TellerAccount | undefined;
  findById(tellerId: string): TellerAccount | undefined;
  list(): TellerAccount[];
  /** Adds the account, or updates the one with this username; returns its id. */
  upsert(fields: TellerAccountFields, at: string): string;
}

interface TellerAccountRow {
  teller_id: string;
  username: string;
  display_name: string;
  role: TellerRole;
  languages_json: string;
  topics_json: string;
  password_hash: string;
}

function toAccount(row: TellerAccountRow | undefined): TellerAccount | undefined {
  return (
    row && {
      tellerId: row.teller_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      languages: JSON.parse(row.languages_json) as Language[],
      topics: JSON.parse(row.topics_json) as CallTopic[],
      passwordHash: row.password_hash,
    }
  );
}

export function createTellerAccountStore(db: SqliteDatabase): TellerAccountStore {
  const byUsername = db.prepare<[string], TellerAccountRow>(
    'SELECT * FROM teller_accounts WHERE username = ? COLLATE NOCASE',
  );
  const byId = db.prepare<[string], TellerAccountRow>('SELECT * FROM teller_accounts WHERE teller_id = ?');
  const all = db.prepare<[], TellerAccountRow>('SELECT * FROM teller_accounts ORDER BY username');
  const insert = db.prepare(
    `INSERT INTO teller_accounts (teller_id, username, display_name, role, languages_json, topics_json,
       password_hash, created_at, updated_at)
     VALUES (@tellerId, @username, @displayName, @role, @languages, @topics, @passwordHash, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE teller_accounts SET display_name = @displayName, role = @role, languages_json = @languages,
       topics_json = @topics, password_hash = @passwordHash, updated_at = @at
     WHERE teller_id = @tellerId`,
  );
  return {
    findByUsername: (username) => toAccount(byUsername.get(username)),
    findById: (tellerId) => toAccount(byId.get(tellerId)),
    list: () => all.all().map((row) => toAccount(row)!),
    upsert: (fields, at) => {
      const existing = byUsername.get(fields.username);
      const row = {
        tellerId: existing?.teller_id ?? randomUUID(),
        username: fields.username,
        displayName: fields.displayName,
        role: fields.role,
        languages: JSON.stringify(fields.languages),
        topics: JSON.stringify(fields.topics),
        passwordHash: fields.passwordHash,
        at,
      };
      (existing ? update : insert).run(row);
      return row.tellerId;
    },
  };
}
