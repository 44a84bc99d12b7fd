import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ViewStore, KioskViewState } from './view-store.ts';

export const ViewStoreContext = createContext<ViewStore | null>(null);

/** The current view and bridge connection; re-renders on every accepted view. */
export function useKioskView(): KioskViewState {
  const store = useContext(ViewStoreContext);
  if (!store) throw new Error('useKioskView needs a ViewStoreContext provider');
  return useSyncExternalStore(store.subscribe, store.getState);
}
