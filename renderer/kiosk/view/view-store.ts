import type { BridgeConnection, KioskBridge } from '../../../contracts/bridge.ts';
import type { KioskView } from '../../../contracts/session-view.ts';

export interface KioskViewState {
  /** Null until the first view arrives. */
  view: KioskView | null;
  connection: BridgeConnection;
}

export interface ViewStore {
  getState(): KioskViewState;
  subscribe(listener: () => void): () => void;
  /** Offers a view; one with a lower revision than the current view is dropped. */
  offer(view: KioskView): void;
  setConnection(connection: BridgeConnection): void;
}

/**
 * The latest view the runtime published. Views can arrive out of order (a push and a getView
 * reply racing), so an older revision never replaces a newer one. The exception is the first
 * view after a reconnect: the runtime may have restarted and counts revisions from zero again.
 */
export function createViewStore(): ViewStore {
  let state: KioskViewState = { view: null, connection: 'connected' };
  let acceptAnyRevision = true;
  const listeners = new Set<() => void>();

  function update(next: KioskViewState) {
    state = next;
    for (const listener of listeners) listener();
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    offer(view) {
      const current = state.view;
      if (!acceptAnyRevision && current && view.revision < current.revision) return;
      acceptAnyRevision = false;
      update({ ...state, view });
    },
    setConnection(connection) {
      if (connection === state.connection) return;
      if (connection === 'disconnected') acceptAnyRevision = true;
      update({ ...state, connection });
    },
  };
}

/** Feeds a store from a bridge; returns the function that stops it. */
export function connectViewStore(store: ViewStore, bridge: KioskBridge): () => void {
  const stopViews = bridge.onView((view) => store.offer(view));
  const stopConnection = bridge.onConnection((connection) => store.setConnection(connection));
  bridge.getView().then(
    (view) => store.offer(view),
    // Not fatal: the WebSocket bridge fetches the view itself once it connects.
    () => {},
  );
  return () => {
    stopViews();
    stopConnection();
  };
}
