import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, KIOSK_PAGE_URL, isAppOrigin, isKioskPage, isOnAppOrigin } from './app-origin.ts';

describe('app origin', () => {
  it('recognises the origin with or without a trailing slash', () => {
    expect(isAppOrigin(APP_ORIGIN)).toBe(true);
    expect(isAppOrigin(`${APP_ORIGIN}/`)).toBe(true);
  });

  it('refuses look-alike origins', () => {
    for (const origin of [
      'app://kiosk.evil',
      'app://kiosk:8080',
      'app://user@kiosk',
      'https://kiosk',
      'file:///kiosk',
      'app://kiosk/kiosk/index.html',
      'null',
      '',
    ]) {
      expect(isAppOrigin(origin), origin).toBe(false);
    }
  });

  it('tells URLs on the app origin from others', () => {
    expect(isOnAppOrigin('app://kiosk/assets/app.js')).toBe(true);
    expect(isOnAppOrigin('app://evil/kiosk/index.html')).toBe(false);
    expect(isOnAppOrigin('http://evil/')).toBe(false);
    expect(isOnAppOrigin('not a url')).toBe(false);
  });

  it('recognises only the kiosk page as the kiosk page', () => {
    expect(isKioskPage(KIOSK_PAGE_URL)).toBe(true);
    expect(isKioskPage(`${KIOSK_PAGE_URL}#/language`)).toBe(true);
    expect(isKioskPage('app://kiosk/technician/index.html')).toBe(false);
    expect(isKioskPage('app://kiosk/kiosk/../technician/index.html')).toBe(false);
    expect(isKioskPage('https://kiosk/kiosk/index.html')).toBe(false);
  });
});
