import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBundleFresh } from './fresh-bundle.ts';

const BUILT_AT = new Date('2026-01-01T12:00:00Z');
const EARLIER = new Date('2026-01-01T11:00:00Z');
const LATER = new Date('2026-01-01T13:00:00Z');

describe('isBundleFresh', () => {
  let root: string;
  let bundle: string;
  let metafile: string;

  const write = (relative: string, time: Date, text = '') => {
    const file = join(root, relative);
    writeFileSync(file, text);
    utimesSync(file, time, time);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ventanilla-fresh-bundle-'));
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'dist'));
    bundle = join(root, 'dist/main.mjs');
    metafile = join(root, 'dist/meta.json');
    write('src/main.ts', EARLIER);
    write('src/lib.ts', EARLIER);
    write('dist/main.mjs', BUILT_AT);
    write('dist/meta.json', LATER, JSON.stringify({ inputs: { 'src/main.ts': {}, 'src/lib.ts': {} } }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is fresh when every input is older than the bundle', () => {
    expect(isBundleFresh(bundle, metafile, root)).toBe(true);
  });

  it('is stale when an input was touched after the build', () => {
    write('src/lib.ts', LATER);
    expect(isBundleFresh(bundle, metafile, root)).toBe(false);
  });

  it('is stale when an input has the same mtime as the bundle', () => {
    write('src/lib.ts', BUILT_AT);
    expect(isBundleFresh(bundle, metafile, root)).toBe(false);
  });

  it('is stale when an input is missing', () => {
    rmSync(join(root, 'src/lib.ts'));
    expect(isBundleFresh(bundle, metafile, root)).toBe(false);
  });

  it('is stale without a metafile, with an unreadable one, or one that lists no inputs', () => {
    rmSync(metafile);
    expect(isBundleFresh(bundle, metafile, root)).toBe(false);
    write('dist/meta.json', LATER, '{"inputs":');
    expect(isBundleFresh(bundle, metafile, root)).toBe(false);
    write('dist/meta.json', LATER, '{"inputs":{}}');
    expect(isBundleFresh(bundle, metafile, root)).toBe(false);
  });

  it('is stale without the bundle', () => {
    rmSync(bundle);
    expect(isBundleFresh(bundle, metafile, root)).toBe(false);
  });
});
