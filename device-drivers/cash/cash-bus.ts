import { type CcTalkBus, type CcTalkBusOptions, createCcTalkBus } from '../cctalk/cctalk-bus.ts';

/**
 * The part of the ccTalk bus the cash drivers use. The bus owns the port: one command in flight
 * at a time, framing, checksums, echo and retries; a driver only asks and reads replies.
 */
export type CashBus = Pick<CcTalkBus, 'start' | 'stop' | 'state' | 'onStateChange' | 'request'>;
export type CashBusRequest = Parameters<CcTalkBus['request']>[0];

export type CashBusOptions = Pick<CcTalkBusOptions, 'path' | 'mode' | 'logger' | 'baudRate'>;

/** Creates the bus a driver talks over; tests pass a fake one. */
export type OpenCashBus = (options: CashBusOptions) => CashBus;

export const openCcTalkBus: OpenCashBus = (options) => createCcTalkBus(options);
