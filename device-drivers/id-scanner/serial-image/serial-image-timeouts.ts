/** Every wait of the serial-image ID scanner driver, in milliseconds. */
export interface SerialImageTimeouts {
  /** A plain command (status, arm, disarm, image info, done, reset). */
  commandMs: number;
  /** `capture`: lamp, exposure and compression on the scanner. */
  captureMs: number;
  /** One chunk of up to 4 KB. */
  chunkMs: number;
}

/**
 * A USB CDC link answers a command in a few milliseconds; the margins cover a busy kiosk. A
 * capture takes the scanner well under a second.
 */
export const DEFAULT_SERIAL_IMAGE_TIMEOUTS: SerialImageTimeouts = {
  commandMs: 500,
  captureMs: 3_000,
  chunkMs: 1_000,
};

/** Tries per chunk (and per command inside a scan) before the transfer is given up. */
export const MAX_TRIES = 3;

/** Largest image the driver accepts; a larger announced size is refused before any chunk moves. */
export const DEFAULT_MAX_IMAGE_BYTES = 8 * 1024 * 1024;
