import { describe, expect, it } from 'vitest';
import { KIOSK_PAGE_URL } from './app-origin.ts';
import {
  isPermissionAllowed,
  isPermissionCheckAllowed,
  type PermissionCheckDetails,
  type PermissionRequestDetails,
} from './permission-policy.ts';

const kioskRequest: PermissionRequestDetails = {
  isMainFrame: true,
  requestingUrl: KIOSK_PAGE_URL,
  securityOrigin: 'app://kiosk/',
  mediaTypes: ['video', 'audio'],
};

const kioskCheck: PermissionCheckDetails = {
  isMainFrame: true,
  requestingUrl: KIOSK_PAGE_URL,
  securityOrigin: 'app://kiosk/',
  mediaType: 'video',
};

describe('isPermissionAllowed (permission requests)', () => {
  it('grants camera and microphone to the kiosk page', () => {
    expect(isPermissionAllowed('media', 'app://kiosk', kioskRequest)).toBe(true);
    expect(isPermissionAllowed('media', KIOSK_PAGE_URL, { ...kioskRequest, mediaTypes: ['audio'] })).toBe(
      true,
    );
  });

  it('refuses every other permission, even to the kiosk page', () => {
    for (const permission of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'display-capture',
      'hid',
      'serial',
      'usb',
      'openExternal',
      'fullscreen',
      'unknown',
    ]) {
      expect(isPermissionAllowed(permission, 'app://kiosk', kioskRequest), permission).toBe(false);
    }
  });

  it('refuses media to another origin', () => {
    expect(
      isPermissionAllowed('media', 'http://evil', { ...kioskRequest, requestingUrl: 'http://evil/' }),
    ).toBe(false);
    expect(
      isPermissionAllowed('media', 'app://kiosk', { ...kioskRequest, requestingUrl: 'https://evil/' }),
    ).toBe(false);
    expect(
      isPermissionAllowed('media', 'app://kiosk', { ...kioskRequest, securityOrigin: 'https://evil' }),
    ).toBe(false);
  });

  it('refuses screen and window capture, whichever way it is asked for', () => {
    expect(isPermissionAllowed('display-capture', 'app://kiosk', kioskRequest)).toBe(false);
    for (const mediaTypes of [['screen'], ['window'], ['desktop'], ['video', 'desktop']])
      expect(
        isPermissionAllowed('media', 'app://kiosk', { ...kioskRequest, mediaTypes }),
        String(mediaTypes),
      ).toBe(false);
  });

  it('refuses media to origins that only look like the app origin', () => {
    for (const origin of ['app://kiosk.evil', 'app://kiosk:8080', 'app://user@kiosk', 'https://kiosk'])
      expect(
        isPermissionAllowed('media', origin, {
          ...kioskRequest,
          requestingUrl: `${origin}/kiosk/index.html`,
        }),
        origin,
      ).toBe(false);
  });

  it('refuses media to a subframe, and requests without or beyond camera and microphone', () => {
    expect(isPermissionAllowed('media', 'app://kiosk', { ...kioskRequest, isMainFrame: false })).toBe(false);
    expect(isPermissionAllowed('media', 'app://kiosk', { ...kioskRequest, mediaTypes: [] })).toBe(false);
    const { mediaTypes: _omitted, ...withoutTypes } = kioskRequest;
    expect(isPermissionAllowed('media', 'app://kiosk', withoutTypes)).toBe(false);
    expect(
      isPermissionAllowed('media', 'app://kiosk', { ...kioskRequest, mediaTypes: ['video', 'screen'] }),
    ).toBe(false);
  });
});

describe('isPermissionCheckAllowed (permission checks)', () => {
  it('answers yes for camera or microphone on the kiosk page', () => {
    expect(isPermissionCheckAllowed('media', 'app://kiosk', kioskCheck)).toBe(true);
    expect(isPermissionCheckAllowed('media', 'app://kiosk/', { ...kioskCheck, mediaType: 'audio' })).toBe(
      true,
    );
  });

  it('answers no for other permissions, other origins, subframes and unknown media', () => {
    expect(isPermissionCheckAllowed('geolocation', 'app://kiosk', kioskCheck)).toBe(false);
    expect(isPermissionCheckAllowed('notifications', 'app://kiosk', kioskCheck)).toBe(false);
    expect(isPermissionCheckAllowed('clipboard-read', 'app://kiosk', kioskCheck)).toBe(false);
    expect(isPermissionCheckAllowed('media', 'https://evil', kioskCheck)).toBe(false);
    expect(isPermissionCheckAllowed('media', 'app://kiosk', { ...kioskCheck, isMainFrame: false })).toBe(
      false,
    );
    expect(
      isPermissionCheckAllowed('media', 'app://kiosk', { ...kioskCheck, embeddingOrigin: 'app://kiosk' }),
    ).toBe(false);
    expect(isPermissionCheckAllowed('media', 'app://kiosk', { ...kioskCheck, mediaType: 'unknown' })).toBe(
      false,
    );
    expect(
      isPermissionCheckAllowed('media', 'app://kiosk', { ...kioskCheck, requestingUrl: 'http://evil/' }),
    ).toBe(false);
    expect(isPermissionCheckAllowed('display-capture', 'app://kiosk', kioskCheck)).toBe(false);
    const { mediaType: _omitted, ...withoutType } = kioskCheck;
    expect(isPermissionCheckAllowed('media', 'app://kiosk', withoutType)).toBe(false);
  });
});
