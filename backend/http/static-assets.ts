import { readFileSync } from 'node:fs';

export interface StaticAsset {
  contentType: string;
  body: Buffer;
}

function load(file: string, contentType: string): StaticAsset {
  return { contentType, body: readFileSync(new URL(`./static/${file}`, import.meta.url)) };
}

/** The fleet page's script and style, read once at start: same-origin files, so the CSP needs no exceptions. */
export function loadFleetAssets(): Record<string, StaticAsset> {
  return {
    '/fleet.js': load('fleet.js', 'text/javascript; charset=utf-8'),
    '/fleet.css': load('fleet.css', 'text/css; charset=utf-8'),
  };
}
