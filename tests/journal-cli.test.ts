import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openJournalStore } from '../main/runtime/journal/journal-store.ts';
import { KIOSK_MIGRATIONS } from '../main/runtime/store/migrations.ts';
import { openDatabase } from '../platform/sqlite.ts';

const run = promisify(execFile);
const CLI = 'main/runtime/journal/cli.ts';

async function journalCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A kiosk database with `count` entries, closed again (as after the kiosk stopped). */
function kioskDatabase(count: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ventanilla-journal-cli-')), 'kiosk.sqlite');
  const store = openJournalStore(openDatabase(path, KIOSK_MIGRATIONS));
  for (let i = 1; i <= count; i++) {
    store.record({
      type: i % 2 === 0 ? 'session.ended' : 'test.entry',
      data: { n: i },
      durability: 'normal',
      sync: i % 2 === 0,
    });
  }
  store.close();
  return path;
}

let good: string;
let tampered: string;

beforeAll(() => {
  good = kioskDatabase(25);
  tampered = kioskDatabase(25);
  const raw = new Database(tampered);
  raw.exec('DROP TRIGGER journal_no_update');
  raw.prepare('UPDATE journal SET data_json = ? WHERE seq = 14').run('{"n":1400}');
  raw.close();
});

describe('journal CLI', () => {
  it('verifies a good journal', async () => {
    expect(await journalCli('verify', '--db', good)).toMatchObject({ code: 0, stdout: 'ok, 25 entries\n' });
  });

  it('reports the first broken entry of a tampered journal and exits 1', async () => {
    const result = await journalCli('verify', '--db', tampered);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^broken at entry 14: hash does not match/);
  });

  it('lists entries as JSON lines, newest first, with filters', async () => {
    const result = await journalCli('list', '--db', good, '--type', 'session.ended', '--limit', '3');
    expect(result.code).toBe(0);
    const entries = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; type: string; data: unknown; hash: string });
    expect(entries.map((e) => [e.seq, e.type])).toEqual([
      [24, 'session.ended'],
      [22, 'session.ended'],
      [20, 'session.ended'],
    ]);
    expect(entries[0]).toMatchObject({ data: { n: 24 }, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const older = await journalCli('list', '--db', good, '--before', '3');
    expect(
      older.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { seq: number }).seq),
    ).toEqual([2, 1]);
  });

  it('explains wrong usage and exits 2', async () => {
    const missing = await journalCli('verify', '--db', join(tmpdir(), 'no-such-kiosk.sqlite'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no database at/);
    expect((await journalCli('rewrite', '--db', good)).code).toBe(2);
    expect((await journalCli('list', '--db', good, '--limit', 'many')).code).toBe(2);
    expect((await journalCli('list', '--db', good, '--from', 'yesterday')).code).toBe(2);
    expect((await journalCli('verify', '--bogus')).code).toBe(2);
  });
});
