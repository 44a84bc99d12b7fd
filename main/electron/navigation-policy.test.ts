import { describe, expect, it } from 'vitest';
import { KIOSK_PAGE_URL } from './app-origin.ts';
import { isNavigationAllowed, isWebviewAttachAllowed, windowOpenDecision } from './navigation-policy.ts';

describe('navigation policy', () => {
  it('allows navigation within the app origin', () => {
    expect(isNavigationAllowed(KIOSK_PAGE_URL)).toBe(true);
    expect(isNavigationAllowed('app://kiosk/kiosk/index.html#/goodbye')).toBe(true);
  });

  it('denies navigation away from the app origin', () => {
    for (const url of [
      'http://evil',
      'https://evil.example/phish',
      'file:///etc/passwd',
      'app://evil/kiosk/index.html',
      'javascript:alert(1)',
      'data:text/html,<h1>hi</h1>',
      'about:blank',
      'chrome://settings',
      '',
    ]) {
      expect(isNavigationAllowed(url), url).toBe(false);
    }
  });

  it('denies every window.open and every webview', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    expect(isWebviewAttachAllowed()).toBe(false);
  });
});
