import { describe, expect, it } from 'vitest';
import type { KioskView } from '../../../contracts/session-view.ts';
import { createViewStore } from './view-store.ts';

function view(revision: number, screen: KioskView['screen'] = 'attract'): KioskView {
  return {
    revision,
    screen,
    language: null,
    sessionId: null,
    menu: [],
    flow: null,
    timeoutPrompt: null,
    outOfService: null,
    goodbye: null,
    backendOnline: true,
    deposit: null,
    card: null,
    call: null,
  };
}

describe('view store', () => {
  it('keeps the newest revision and ignores older ones', () => {
    const store = createViewStore();
    store.offer(view(3, 'menu'));
    store.offer(view(2, 'attract'));
    expect(store.getState().view).toMatchObject({ revision: 3, screen: 'menu' });
    store.offer(view(4, 'flow'));
    expect(store.getState().view).toMatchObject({ revision: 4, screen: 'flow' });
  });

  it('accepts a lower revision as the first view after a reconnect (the runtime may have restarted)', () => {
    const store = createViewStore();
    store.offer(view(40, 'menu'));
    store.setConnection('disconnected');
    store.setConnection('connected');
    store.offer(view(1, 'attract'));
    expect(store.getState().view).toMatchObject({ revision: 1, screen: 'attract' });
    store.offer(view(0, 'starting'));
    expect(store.getState().view?.revision).toBe(1);
  });

  it('notifies subscribers of accepted views and connection changes only', () => {
    const store = createViewStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.offer(view(2));
    store.offer(view(1));
    store.setConnection('connected');
    store.setConnection('disconnected');
    expect(calls).toBe(2);
  });
});
