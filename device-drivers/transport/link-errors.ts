/** Why a serial request did not get its reply. Drivers map these onto completion codes. */
export class LinkTimeoutError extends Error {
  override readonly name = 'LinkTimeoutError';
}

/** The port is not open (lost, not yet reopened, or the link was stopped). */
export class LinkClosedError extends Error {
  override readonly name = 'LinkClosedError';
}

/** The caller's AbortSignal fired before the reply was complete. */
export class LinkAbortedError extends Error {
  override readonly name = 'LinkAbortedError';
}
