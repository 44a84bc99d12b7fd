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

describe('backend: the --card-orders file and the card number settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ventanilla-backend-card-orders-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { VENTANILLA_OPERATOR_PASSWORD: 'pw' };

  it('reads the demo orders the launcher can pass: fixed codes on the demo accounts', () => {
    const config = configFromArgs(
      ['--accounts', 'launcher/demo-accounts.json', '--card-orders', 'launcher/demo-card-orders.json'],
      env,
    );
    expect(config.cardOrders?.map((order) => order.orderCode)).toEqual([
      'K7Q2M9XD',
      'P4T8W3HA',
      'B6N5R2EZ',
      // The demo people's orders, found by their documents too.
      'H3F7W2QN',
      'J5C9T4VK',
      'W8X6M3RB',
      // An order a teller must approve on a video call.
      'T6G4K8PZ',
    ]);
    const demoAccounts = new Set(config.accounts?.map((account) => account.accountNumber));
    for (const order of config.cardOrders ?? []) expect(demoAccounts.has(order.accountNumber)).toBe(true);
    expect(config.cardOrders?.[0]?.validDays).toBe(30);
    expect(configFromArgs([], env)).toMatchObject({ cardOrders: [], cardBin: '990000' });
    expect(configFromArgs([], env).cardNumberKey).toBeUndefined();
  });

  it('refuses a malformed orders file without echoing its values', () => {
    const path = join(dir, 'orders.json');
    writeFileSync(path, JSON.stringify([{ orderCode: 'SECRET0I', accountNumber: '00012345678' }]));
    const read = () => configFromArgs(['--card-orders', path], env);
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/^--card-orders .*0\.orderCode/);
    expect(read).toThrow(expect.objectContaining({ message: expect.not.stringContaining('SECRET0I') }));
  });

  it('takes the BIN from --card-bin and the key from the environment only, checking both', () => {
    expect(configFromArgs(['--card-bin', '99123456'], env).cardBin).toBe('99123456');
    expect(configFromArgs([], { ...env, VENTANILLA_CARD_BIN: '991234' }).cardBin).toBe('991234');
    expect(() => configFromArgs(['--card-bin', '9912'], env)).toThrow(/--card-bin must have 6 to 8 digits/);
    const key = 'a-card-number-key-of-forty-characters-xx';
    expect(configFromArgs([], { ...env, VENTANILLA_CARD_NUMBER_KEY: key }).cardNumberKey).toBe(key);
    const short = () => configFromArgs([], { ...env, VENTANILLA_CARD_NUMBER_KEY: 'short-secret' });
    expect(short).toThrow(/at least 32 characters/);
    expect(short).toThrow(expect.objectContaining({ message: expect.not.stringContaining('short-secret') }));
    expect(() => configFromArgs(['--card-number-key', key], env)).toThrow(ConfigError);
  });
});
