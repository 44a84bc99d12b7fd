import { describe, expect, it } from 'vitest';
import { MAX_BRIDGE_MESSAGE_BYTES } from '../../contracts/bridge.ts';
import { KIOSK_PAGE_URL } from './app-origin.ts';
import { type IpcSender, validateIpcCall } from './ipc-validation.ts';

const kiosk: IpcSender = { url: KIOSK_PAGE_URL, isMainFrame: true };

function errorCode(sender: IpcSender, payload: unknown): string | undefined {
  const result = validateIpcCall(sender, payload);
  return result.ok ? undefined : result.error.code;
}

describe('validateIpcCall', () => {
  it('accepts a UI event and a view request from the kiosk page', () => {
    expect(validateIpcCall(kiosk, { method: 'send', params: { type: 'START' } })).toEqual({
      ok: true,
      call: { method: 'send', params: { type: 'START' } },
    });
    expect(validateIpcCall(kiosk, { method: 'getView', params: null })).toEqual({
      ok: true,
      call: { method: 'getView', params: null },
    });
  });

  it('refuses a sender on another origin or page', () => {
    const call = { method: 'getView', params: null };
    expect(errorCode({ url: 'http://evil/', isMainFrame: true }, call)).toBe('forbidden-sender');
    expect(errorCode({ url: 'app://evil/kiosk/index.html', isMainFrame: true }, call)).toBe(
      'forbidden-sender',
    );
    expect(errorCode({ url: 'app://kiosk/technician/index.html', isMainFrame: true }, call)).toBe(
      'forbidden-sender',
    );
    expect(errorCode({ url: '', isMainFrame: true }, call)).toBe('forbidden-sender');
  });

  it('refuses a subframe, even one showing the kiosk page', () => {
    expect(errorCode({ url: KIOSK_PAGE_URL, isMainFrame: false }, { method: 'getView', params: null })).toBe(
      'forbidden-sender',
    );
  });

  it('refuses a payload over the size limit', () => {
    const padding = 'x'.repeat(MAX_BRIDGE_MESSAGE_BYTES);
    const result = validateIpcCall(kiosk, { method: 'send', params: { type: 'START', padding } });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        code: 'invalid-message',
        message: expect.stringMatching(/limit/),
      });
  });

  it('refuses malformed payloads without throwing', () => {
    const cyclic: Record<string, unknown> = { method: 'send' };
    cyclic.params = cyclic;
    for (const payload of [
      undefined,
      null,
      42,
      'getView',
      [],
      {},
      { params: null },
      cyclic,
      { method: 1n },
    ]) {
      expect(errorCode(kiosk, payload)).toBe('invalid-message');
    }
  });

  it('refuses an unknown method', () => {
    expect(errorCode(kiosk, { method: 'openDevTools', params: null })).toBe('unknown-method');
    expect(errorCode(kiosk, { method: '__proto__', params: null })).toBe('unknown-method');
  });

  it('refuses invalid params of a known method', () => {
    expect(errorCode(kiosk, { method: 'send', params: { type: 'DISPENSE_CASH', amount: 1000 } })).toBe(
      'invalid-params',
    );
    expect(
      errorCode(kiosk, { method: 'send', params: { type: 'CHOOSE_LANGUAGE', language: 'klingon' } }),
    ).toBe('invalid-params');
    expect(errorCode(kiosk, { method: 'getView', params: { all: true } })).toBe('invalid-params');
  });
});
