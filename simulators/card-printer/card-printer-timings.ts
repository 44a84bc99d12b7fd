/** Milliseconds each mechanical step of the simulated card printer takes. */
export interface CardPrinterTimings {
  pick: number;
  writeStripe: number;
  /** Per `Rm`: one track read back. */
  readTrack: number;
  print: number;
  eject: number;
  /** Into the reject bin (a card at the exit is pulled back first). */
  reject: number;
}

/** Tens of milliseconds per step: the same sequence as a real printer, fast enough for tests. */
export const FAST_TIMINGS: CardPrinterTimings = {
  pick: 30,
  writeStripe: 40,
  readTrack: 20,
  print: 40,
  eject: 25,
  reject: 30,
};

/** Like a desktop card printer (docs/card-printer-protocol.md, "Simulator"). */
export const REALISTIC_TIMINGS: CardPrinterTimings = {
  pick: 900,
  writeStripe: 1200,
  readTrack: 300,
  print: 4500,
  eject: 600,
  reject: 800,
};

/** 115 200 baud, 8N1: ten bits on the wire per byte, about 0.087 ms. */
export const BYTE_TIME_115200_MS = 10_000 / 115_200;
