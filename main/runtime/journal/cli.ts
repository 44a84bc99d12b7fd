import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { assertJournalSchema, createJournalSearch, verifyJournal } from './journal-reader.ts';

/**
 * `npm run journal -- verify [--db <path>]`
 * `npm run journal -- list [--type T] [--from ISO] [--to ISO] [--limit N] [--before SEQ] [--db <path>]`
 *
 * Reads the kiosk's journal on a read-only connection: it can run beside a running kiosk (WAL
 * lets a reader in while the kiosk writes) and can never change the evidence it is checking.
 * Exit codes: 0 ok, 1 the chain is broken, 2 wrong usage or no journal to read.
 */

const DEFAULT_DB = 'var/branch/kiosk.sqlite';
const USAGE = `usage:
  npm run journal -- verify [--db <path>]
  npm run journal -- list [--type T] [--from ISO] [--to ISO] [--limit N] [--before SEQ] [--db <path>]
default database: ${DEFAULT_DB}`;

class UsageError extends Error {}

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,9}$/.test(value)) throw new UsageError(`--${name} must be a positive integer`);
  return Number(value);
}

function openReadOnly(path: string): Database.Database {
  if (!existsSync(path)) throw new UsageError(`no database at ${path}`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    assertJournalSchema(db);
  } catch (error) {
    db.close();
    throw new UsageError((error as Error).message);
  }
  return db;
}

function run(argv: string[]): number {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string', default: DEFAULT_DB },
      type: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string' },
      before: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);

  if (command === 'verify') {
    const db = openReadOnly(values.db);
    try {
      const result = verifyJournal(db);
      if (result.ok) {
        console.log(`ok, ${result.entries} entries`);
        return 0;
      }
      console.log(`broken at entry ${result.brokenAt}: ${result.reason}`);
      return 1;
    } finally {
      db.close();
    }
  }

  if (command === 'list') {
    const limit = positiveInteger(values.limit, 'limit') ?? 50;
    const beforeSeq = positiveInteger(values.before, 'before');
    const db = openReadOnly(values.db);
    try {
      const entries = createJournalSearch(db)({
        limit,
        ...(values.type === undefined ? {} : { type: values.type }),
        ...(values.from === undefined ? {} : { from: values.from }),
        ...(values.to === undefined ? {} : { to: values.to }),
        ...(beforeSeq === undefined ? {} : { beforeSeq }),
      });
      process.stdout.write(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      return 0;
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    } finally {
      db.close();
    }
  }

  throw new UsageError(command === undefined ? 'a command is required' : `unknown command: ${command}`);
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  // parseArgs reports unknown options with a TypeError whose code starts with ERR_PARSE_ARGS.
  const usage =
    error instanceof UsageError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
  console.error(usage ? `${(error as Error).message}\n${USAGE}` : error);
  process.exitCode = 2;
}
