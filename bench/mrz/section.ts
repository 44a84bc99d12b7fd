import { readFileSync, writeFileSync } from 'node:fs';

const HEADING = '## MRZ reading';

/** Writes `section` (starting with "## MRZ reading") in place of the old one, or at the end. */
export function replaceMrzSection(file: string, section: string): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(`\n${HEADING}\n`);
  let next: string;
  if (start < 0) {
    next = `${text.replace(/\n*$/, '')}\n\n${section.trim()}\n`;
  } else {
    const after = text.indexOf('\n## ', start + HEADING.length + 1);
    const tail = after < 0 ? '' : text.slice(after);
    next = `${text.slice(0, start)}\n${section.trim()}\n${tail}`;
  }
  writeFileSync(file, next);
}
