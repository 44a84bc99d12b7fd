import type { Logger } from '../../platform/log.ts';
import { createSerialDeviceServer } from '../serial-device-server.ts';
import type { CcTalkDeviceModel } from './cctalk-device-model.ts';
import { CcTalkResponder } from './cctalk-responder.ts';

/** 9600 baud, 8N1: ten bits on the wire per byte, about 1.04 ms (ccTalk part 1, "serial data"). */
export const BYTE_TIME_9600_MS = 10_000 / 9600;

export interface CcTalkDeviceServerOptions {
  model: CcTalkDeviceModel;
  hostLink: string;
  deviceLink: string;
  /** Wire time per byte; 0 sends at once (a PTY passes bytes at any speed). */
  byteDelayMs: number;
  logger: Logger;
  now?: () => number;
}

export interface CcTalkDeviceServer {
  readonly plugged: boolean;
  /** A fresh socat pair on the same links, device end opened: the cable plugged in. */
  plugIn(): Promise<void>;
  /** socat dies and the links go: the host's port errors, as when a USB adapter is pulled. */
  unplug(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Serves one simulated ccTalk device on the device end of its own socat PTY pair: host bytes go
 * to a `CcTalkResponder`, whose echo and replies go back paced like 9600 baud, in order.
 */
export function createCcTalkDeviceServer(options: CcTalkDeviceServerOptions): CcTalkDeviceServer {
  const { model } = options;
  const now = options.now ?? Date.now;
  let responder = new CcTalkResponder(model, now);
  const server = createSerialDeviceServer({
    hostLink: options.hostLink,
    deviceLink: options.deviceLink,
    byteDelayMs: options.byteDelayMs,
    logger: options.logger,
    onData(chunk) {
      for (const bytes of responder.receive(chunk)) void server.send(bytes);
    },
    onPlugIn() {
      // Bytes half-received before the cable went belong to no frame on the new link.
      responder = new CcTalkResponder(model, now);
    },
  });
  return {
    get plugged() {
      return server.plugged;
    },
    plugIn: () => server.plugIn(),
    unplug: () => server.unplug(),
    stop: () => server.stop(),
  };
}
