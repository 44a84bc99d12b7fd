import type { StatusCore } from './status-publisher.ts';

/**
 * How the conversation with a device goes, apart from what the device says about itself:
 * - `starting`: no reply yet since start;
 * - `up`: the last poll was answered;
 * - `restarting`: the device lost power and came back; the driver is restoring its settings;
 * - `noReply`: the port is open but the device did not answer (after the bus's retries);
 * - `linkClosed`: the serial port is gone (cable, USB adapter); the bus reopens it by itself;
 * - `refused`: the device answers the poll with NAK;
 * - `badReply`: the device answers with data that does not fit the command.
 */
export type LinkCondition =
  | 'starting'
  | 'up'
  | 'restarting'
  | 'noReply'
  | 'linkClosed'
  | 'refused'
  | 'badReply';

/** The status of every condition but `up`, where the device's own state decides. */
export function linkStatus(link: Exclude<LinkCondition, 'up'>): StatusCore {
  switch (link) {
    case 'starting':
      return { state: 'starting', ready: false, detail: {}, action: 'none', message: null };
    case 'restarting':
      return {
        state: 'starting',
        ready: false,
        detail: {},
        action: 'none',
        message: 'device powered up; restoring its settings',
      };
    case 'noReply':
      return { state: 'offline', ready: false, detail: {}, action: 'none', message: 'no reply' };
    case 'linkClosed':
      return { state: 'offline', ready: false, detail: {}, action: 'none', message: 'link lost' };
    case 'refused':
      return {
        state: 'hardwareError',
        ready: false,
        detail: {},
        action: 'reset',
        message: 'device refuses the poll (NAK)',
      };
    case 'badReply':
      return {
        state: 'hardwareError',
        ready: false,
        detail: {},
        action: 'maintenance',
        message: 'reply data does not fit the command',
      };
  }
}
