import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, configFromArgs } from '../backend/config.ts';
import { KIOSK, seedOf } from './backend-harness.ts';

describe('backend: the --kiosks file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ventanilla-backend-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { VENTANILLA_OPERATOR_PASSWORD: 'pw' };
  const withFile = (content: unknown) => {
    const path = join(dir, `kiosks-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(content));
    return () => configFromArgs(['--kiosks', path], env);
  };

  it('reads public keys, normalised to SPKI PEM, and defaults enabled to true', () => {
    const config = withFile([
      { ...seedOf(KIOSK), enabled: undefined, publicKey: `\n${KIOSK.publicKey}\n` },
    ])();
    expect(config.kiosks).toEqual([
      { kioskId: KIOSK.kioskId, name: KIOSK.name, publicKey: KIOSK.publicKey, enabled: true },
    ]);
  });

  it.each([
    [
      'an old secret instead of a key',
      [{ kioskId: KIOSK.kioskId, name: 'x', secret: 'a-secret-of-the-old-kind-01' }],
    ],
    ['a private key', [{ ...seedOf(KIOSK), publicKey: KIOSK.privateKey }]],
    [
      'text that is no key',
      [{ ...seedOf(KIOSK), publicKey: 'ssh-ed25519 AAAA a-secret-of-the-old-kind-01' }],
    ],
  ])('refuses %s without echoing the file', (_label, content) => {
    const read = withFile(content);
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/publicKey/);
    try {
      read();
    } catch (error) {
      expect((error as Error).message).not.toContain('a-secret-of-the-old-kind-01');
      expect((error as Error).message).not.toContain('PRIVATE KEY');
    }
  });
});
