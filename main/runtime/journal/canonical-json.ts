/**
 * Canonical JSON: one text per value, so a hash over it does not depend on the order in which
 * the caller built an object. Object keys are sorted by UTF-16 code units (not by JavaScript's
 * own enumeration order, which puts integer-like keys first); no whitespace; strings and numbers
 * are written as JSON.stringify writes them. For plain data this is the RFC 8785 (JCS) text.
 *
 * What JSON cannot carry follows JSON.stringify: `undefined`, functions and symbols are left out
 * of objects and become null in arrays, non-finite numbers become null, `toJSON` is honoured
 * (a Date becomes its ISO string). A cycle or a bigint throws, so such data never reaches the
 * journal.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set()) ?? 'null';
}

function write(value: unknown, ancestors: Set<object>): string | undefined {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      throw new TypeError('canonical JSON cannot carry a bigint');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError('canonical JSON cannot carry a cycle');
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      return `[${object.map((item) => write(item, ancestors) ?? 'null').join(',')}]`;
    }
    const parts: string[] = [];
    for (const key of Object.keys(object).sort(compareCodeUnits)) {
      const text = write((object as Record<string, unknown>)[key], ancestors);
      if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    ancestors.delete(object);
  }
}

/** Code-unit order, spelled out: `localeCompare` would depend on the machine's locale. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
