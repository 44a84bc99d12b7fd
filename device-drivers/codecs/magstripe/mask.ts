/**
 * Hides a track's card number for display and logs: the first run of digits (the PAN in the bank
 * formats, `%B<PAN>^…` and `;<PAN>=…`) keeps its first six and last four digits, every digit
 * between becomes `*`. The rest of the track is left as it is.
 */
export function maskTrack(fullTrack: string): string {
  return fullTrack.replace(/\d+/, (pan) =>
    pan.length <= 10 ? pan : pan.slice(0, 6) + '*'.repeat(pan.length - 10) + pan.slice(-4),
  );
}
