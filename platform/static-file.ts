import { extname, join, normalize, sep } from 'node:path';

/** Content types of what a Vite build of the renderer holds. */
const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeOf(file: string): string {
  return MIME_TYPES[extname(file)] ?? 'application/octet-stream';
}

/**
 * The file `relative` (still %-encoded) names inside `dir`, or null when it would leave it after
 * decoding and normalisation (`..`, encoded variants, backslashes) or names a hidden file: a static
 * file server reaches nothing outside the folder it serves.
 */
export function fileInside(dir: string, relative: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment.startsWith('.'))) return null;
  const file = normalize(join(dir, decoded));
  const inside = dir.endsWith(sep) ? dir : dir + sep;
  return file.startsWith(inside) ? file : null;
}
