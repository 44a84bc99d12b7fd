import { createContext, useCallback, useContext } from 'react';
import type { KioskBridge, UiEvent } from '../../../contracts/bridge.ts';

export const BridgeContext = createContext<KioskBridge | null>(null);

/**
 * Sends a UI event to the runtime. Failures are dropped on purpose: the runtime owns the
 * session, and a lost tap shows as "nothing happened", which the customer can repeat; the
 * disconnected overlay explains a longer outage.
 */
export function useSendEvent(): (event: UiEvent) => void {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useSendEvent needs a BridgeContext provider');
  return useCallback((event: UiEvent) => void bridge.send(event).catch(() => {}), [bridge]);
}
