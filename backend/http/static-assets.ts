import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StaticAsset {
  contentType: string;
  body: Buffer;
}

/**
 * backend/http/static in the repository: found from the repository root (the first folder above
 * this module with a package.json), so it is the same whether the backend runs from source or
 * from its bundle in dist/processes.
 */
function staticDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return join(dir, 'backend', 'http', 'static');
}

function load(dir: string, file: string, contentType: string): StaticAsset {
  return { contentType, body: readFileSync(join(dir, file)) };
}

/** The fleet page's script and style, read once at start: same-origin files, so the CSP needs no exceptions. */
export function loadFleetAssets(): Record<string, StaticAsset> {
  const dir = staticDir();
  return {
    '/fleet.js': load(dir, 'fleet.js', 'text/javascript; charset=utf-8'),
    '/fleet.css': load(dir, 'fleet.css', 'text/css; charset=utf-8'),
  };
}
