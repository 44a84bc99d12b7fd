/**
 * How long the driver waits for each command's reply, sized to what the printer does for it. A
 * reply comes when the mechanics are done (docs/card-printer-protocol.md), so a print waits for
 * the whole print; at realistic timing a pick takes 0.9 s, a stripe write 1.2 s, a print 4.5 s.
 */
export interface CardPrinterTimeouts {
  /** Reads and commands that move nothing: `Rst`, `Rsp`, `Rco`, `Rcp`, `Rm`, `Ss`, `Se`, `Sr`, `Dm`. */
  commandMs: number;
  /** Mechanical steps: `Si` (pick), `Smw` (stripe write), `Seo` (eject), `Ser` (reject). */
  mechanicalMs: number;
  /** `Sp`: printing the K panel. */
  printMs: number;
}

export const DEFAULT_CARD_PRINTER_TIMEOUTS: CardPrinterTimeouts = {
  commandMs: 1_000,
  mechanicalMs: 5_000,
  printMs: 15_000,
};

/**
 * `Dbc` carries up to ~82 KB: its reply cannot come before the bytes are clocked out, which takes
 * seconds even at 115 200 baud (10 bits a byte). Half as much again as margin, plus a reply.
 */
export function downloadTimeoutMs(timeouts: CardPrinterTimeouts, bytes: number, baudRate: number): number {
  return timeouts.commandMs + Math.ceil(((bytes * 10) / baudRate) * 1000 * 1.5);
}
