import { describe, expect, it } from 'vitest';
import { technicianEn } from './technician/en.ts';
import { kioskResources } from './kiosk-i18n.ts';

/** Every leaf of a nested resource object as `dotted.key → value`. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [leafKey, leafValue] of leaves(value, path)) found.set(leafKey, leafValue);
    } else found.set(path, value);
  }
  return found;
}

describe('kiosk strings', () => {
  const byLanguage = Object.entries(kioskResources).map(
    ([language, { translation }]) => [language, leaves(translation)] as const,
  );
  const allKeys = new Set(byLanguage.flatMap(([, strings]) => [...strings.keys()]));

  it.each(byLanguage)('%s has every key with a non-empty text', (_language, strings) => {
    for (const key of allKeys) {
      const value = strings.get(key);
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it.each(byLanguage)('%s keeps the placeholders of English', (_language, strings) => {
    const english = leaves(kioskResources.en.translation);
    const placeholders = (text: unknown) =>
      [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of allKeys)
      expect(placeholders(strings.get(key)), key).toEqual(placeholders(english.get(key)));
  });

  it('names each language in itself', () => {
    expect(byLanguage.map(([language, strings]) => [language, strings.get('languageName')])).toEqual([
      ['es', 'Español'],
      ['en', 'English'],
      ['zh', '中文'],
    ]);
  });
});

describe('technician strings', () => {
  it('has no empty text', () => {
    for (const [key, value] of leaves(technicianEn)) expect(String(value).trim(), key).not.toBe('');
  });
});
