import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../../platform/log.ts';
import { KIOSK_PAGE_URL } from './app-origin.ts';
import { guardWebContents, keepDevToolsClosed } from './web-contents-guards.ts';

function fakeContents() {
  let openHandler: ((details: { url: string }) => unknown) | undefined;
  const contents = Object.assign(new EventEmitter(), {
    setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => {
      openHandler = handler;
    },
    closeDevTools: vi.fn(),
  });
  return {
    contents,
    asWebContents: contents as unknown as WebContents,
    open: (url: string) => openHandler!({ url }),
  };
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('guardWebContents', () => {
  it('prevents navigation and redirects away from the app origin, and lets app navigation through', () => {
    const { contents, asWebContents } = fakeContents();
    guardWebContents(asWebContents, createMemoryLogger());
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const evil = navigationEvent('http://evil/');
      contents.emit(name, evil);
      expect(evil.preventDefault, name).toHaveBeenCalled();
      const own = navigationEvent(KIOSK_PAGE_URL);
      contents.emit(name, own);
      expect(own.preventDefault, name).not.toHaveBeenCalled();
    }
  });

  it('denies window.open and webviews, and logs only the origin', () => {
    const { contents, asWebContents, open } = fakeContents();
    const log = createMemoryLogger();
    guardWebContents(asWebContents, log);
    expect(open('https://evil.example/steal?pan=4111111111111111')).toEqual({ action: 'deny' });
    expect(log.lines.join('\n')).not.toContain('4111');
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });
});

describe('keepDevToolsClosed', () => {
  it('closes DevTools as soon as they open', () => {
    const { contents, asWebContents } = fakeContents();
    keepDevToolsClosed(asWebContents);
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalled();
  });
});
