/** Why a ccTalk command got no usable reply. Drivers turn these into completion codes. */

/** No reply addressed to the host came back within the command's time-out. */
export class CcTalkTimeoutError extends Error {
  override readonly name: string = 'CcTalkTimeoutError';
}

/**
 * Bytes came back but no frame among them had a valid checksum: line noise or a garbled reply.
 * For the caller it is still "no usable reply", hence a kind of time-out.
 */
export class CcTalkChecksumError extends CcTalkTimeoutError {
  override readonly name: string = 'CcTalkChecksumError';
}

/** Part 1: NAK (header 5), the device did not accept the command or its data. */
export class CcTalkNakError extends Error {
  override readonly name = 'CcTalkNakError';
}

/** Part 1: BUSY (header 6), the device cannot act on the command now. */
export class CcTalkBusyError extends Error {
  override readonly name = 'CcTalkBusyError';
}

/**
 * The first frame read back was not the host's own request: another sender was on the single
 * wire at the same time (a collision), or the echo was garbled. The command may or may not have
 * reached the device.
 */
export class CcTalkCollisionError extends Error {
  override readonly name = 'CcTalkCollisionError';
}

/** The serial port is not open (lost, not yet reopened, or the bus was stopped). */
export class CcTalkLinkClosedError extends Error {
  override readonly name = 'CcTalkLinkClosedError';
}

/** The caller's AbortSignal fired before the reply came. */
export class CcTalkAbortedError extends Error {
  override readonly name = 'CcTalkAbortedError';
}
