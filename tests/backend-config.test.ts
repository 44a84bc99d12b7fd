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

describe('backend: the --accounts file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ventanilla-backend-accounts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { VENTANILLA_OPERATOR_PASSWORD: 'pw' };
  const withFile = (content: unknown) => {
    const path = join(dir, `accounts-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(content));
    return () => configFromArgs(['--accounts', path], env);
  };

  it('reads accounts, the opening balance defaulting to 0', () => {
    const config = withFile([{ accountNumber: '00012345678', holderName: 'Test Holder', currency: 'EUR' }])();
    expect(config.accounts).toEqual([
      { accountNumber: '00012345678', holderName: 'Test Holder', currency: 'EUR', balance: 0 },
    ]);
    expect(configFromArgs([], env).accounts).toEqual([]);
  });

  it('refuses a malformed file without echoing its values', () => {
    const read = withFile([{ accountNumber: 'IBAN-SECRET-1', holderName: 'Test Holder', currency: 'EUR' }]);
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/^--accounts .*0\.accountNumber: 6 to 20 digits/);
    expect(() => read()).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('IBAN-SECRET-1') }),
    );
  });

  it('reads the demo accounts the launcher passes', () => {
    const config = configFromArgs(['--accounts', 'launcher/demo-accounts.json'], env);
    expect(config.accounts).toHaveLength(3);
    expect(new Set(config.accounts?.map((seed) => seed.currency))).toEqual(new Set(['EUR']));
  });
});
