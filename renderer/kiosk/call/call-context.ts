import { createContext, useCallback, useContext } from 'react';
import type { CallTopic } from '../../../contracts/teller.ts';
import { useSendEvent } from '../bridge/bridge-context.ts';

/** Whether a call is open now, and the topic a new one would ask for (from the flow on screen). */
export interface CallAvailability {
  open: boolean;
  topic: CallTopic;
}

export const CallContext = createContext<CallAvailability>({ open: false, topic: 'general' });

/**
 * "Call a teller" from anywhere on the screen below the call: null while a call is open (there is
 * already a teller, or one is being found), so the buttons that open one hide themselves.
 */
export function useCallTeller(): (() => void) | null {
  const { open, topic } = useContext(CallContext);
  const send = useSendEvent();
  const call = useCallback(() => send({ type: 'CALL_TELLER', topic }), [send, topic]);
  return open ? null : call;
}
