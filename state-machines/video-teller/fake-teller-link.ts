import { type EventObject, fromCallback } from 'xstate';
import type { TellerLinkCommand, TellerLinkEvent, TellerLinkInput } from './video-teller-types.ts';

/**
 * Test double of the `tellerLink` actor: records the commands the machine gives it and hands the
 * test its `sendBack`, so the backend's answers arrive the way the runtime's link sends them.
 * Like the real link, its disposer ends a call still open (`LINK_END sessionEnded` is recorded).
 */
export function createFakeTellerLink() {
  const commands: TellerLinkCommand[] = [];
  const inputs: TellerLinkInput[] = [];
  let sendBack: ((event: TellerLinkEvent) => void) | null = null;
  let open = false;
  let disposed = 0;

  const actor = fromCallback<EventObject, TellerLinkInput>(({ input, sendBack: send, receive }) => {
    inputs.push(input);
    sendBack = send as (event: TellerLinkEvent) => void;
    receive((event) => {
      const command = event as TellerLinkCommand;
      commands.push(command);
      if (command.type === 'LINK_REQUEST') open = true;
      if (command.type === 'LINK_END' || command.type === 'LINK_CALLBACK') open = false;
    });
    return () => {
      disposed += 1;
      if (open) commands.push({ type: 'LINK_END', reason: 'sessionEnded' });
      open = false;
      sendBack = null;
    };
  });

  return {
    actor,
    commands,
    inputs,
    /** Reports from the backend, as the runtime's link sends them. */
    send(event: TellerLinkEvent) {
      if (!sendBack) throw new Error(`fake tellerLink: not running, cannot report ${event.type}`);
      if (event.type === 'LINK_STATUS' && event.status.state === 'ended') open = false;
      sendBack(event);
    },
    get running() {
      return sendBack !== null;
    },
    get disposed() {
      return disposed;
    },
    commandsOf<T extends TellerLinkCommand['type']>(type: T) {
      return commands.filter((c): c is Extract<TellerLinkCommand, { type: T }> => c.type === type);
    },
  };
}

export type FakeTellerLink = ReturnType<typeof createFakeTellerLink>;
