import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_DIR, isBundleFresh, nodeCommand } from './fresh-bundle.ts';

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

  it('with an entry point, is fresh only when the metafile names it as the entry point of an output', () => {
    const meta = {
      inputs: { 'src/main.ts': {}, 'src/lib.ts': {} },
      outputs: { 'dist/main.mjs': { entryPoint: 'src/main.ts' } },
    };
    write('dist/meta.json', LATER, JSON.stringify(meta));
    expect(isBundleFresh(bundle, metafile, root, 'src/main.ts')).toBe(true);
    expect(isBundleFresh(bundle, metafile, root, 'src/lib.ts')).toBe(false);
    write('src/lib.ts', LATER);
    expect(isBundleFresh(bundle, metafile, root, 'src/main.ts')).toBe(false);
    // A metafile without outputs cannot vouch for an entry point.
    write('dist/meta.json', LATER, JSON.stringify({ inputs: meta.inputs }));
    expect(isBundleFresh(bundle, metafile, root, 'src/main.ts')).toBe(false);
  });

  it('is stale without the bundle', () => {
    rmSync(bundle);
    expect(isBundleFresh(bundle, metafile, root)).toBe(false);
  });
});

describe('nodeCommand', () => {
  let root: string;
  const entry = 'simulators/thing/main.ts';
  const bundle = () => join(root, BUNDLE_DIR, 'thing.mjs');

  const write = (relative: string, time: Date, text = '') => {
    const file = join(root, relative);
    writeFileSync(file, text);
    utimesSync(file, time, time);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ventanilla-node-command-'));
    mkdirSync(join(root, 'simulators/thing'), { recursive: true });
    mkdirSync(join(root, BUNDLE_DIR), { recursive: true });
    write(entry, EARLIER);
    write(`${BUNDLE_DIR}/thing.mjs`, BUILT_AT);
    const meta = { inputs: { [entry]: {} }, outputs: { [`${BUNDLE_DIR}/thing.mjs`]: { entryPoint: entry } } };
    write(`${BUNDLE_DIR}/thing.meta.json`, LATER, JSON.stringify(meta));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs the fresh bundle with plain node, source maps on, flags first', () => {
    expect(nodeCommand(root, 'thing', entry, ['--port', '1'], ['--flag'])).toEqual({
      command: process.execPath,
      args: ['--flag', '--enable-source-maps', bundle(), '--port', '1'],
      bundled: true,
    });
  });

  it('runs the source through tsx, with the same flags and arguments, when the bundle is stale', () => {
    write(entry, LATER);
    expect(nodeCommand(root, 'thing', entry, ['--port', '1'], ['--flag'])).toEqual({
      command: process.execPath,
      args: ['--flag', '--import', 'tsx', join(root, entry), '--port', '1'],
      bundled: false,
    });
  });

  it('does not take a bundle built from another entry point, nor the bundle of another name', () => {
    expect(nodeCommand(root, 'thing', 'simulators/other/main.ts', []).bundled).toBe(false);
    expect(nodeCommand(root, 'other', entry, []).bundled).toBe(false);
  });

  it('decides again at every call, as a restart does', () => {
    expect(nodeCommand(root, 'thing', entry, []).bundled).toBe(true);
    write(entry, LATER);
    expect(nodeCommand(root, 'thing', entry, []).bundled).toBe(false);
  });
});
