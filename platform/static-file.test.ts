import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, fileInside } from './static-file.ts';

const root = join('/srv', 'renderer');

describe('static files', () => {
  it('resolves a file inside the folder, decoded', () => {
    expect(fileInside(root, 'kiosk/index.html')).toBe(join(root, 'kiosk', 'index.html'));
    expect(fileInside(root, 'assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
  });

  it.each([
    '../secret',
    '%2e%2e/secret',
    'assets/..%2F..%2Fsecret',
    '.env',
    'assets/.hidden',
    'a%5C..%5Csecret',
    'a%00b',
    '%E0%A4%A',
    '',
  ])('refuses %j', (relative) => {
    expect(fileInside(root, relative)).toBeNull();
  });

  it('names the content type by extension, bytes otherwise', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('app.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('blob.bin')).toBe('application/octet-stream');
  });
});
