/**
 * A document's date (ISO `YYYY-MM-DD`, as `IdentityDocumentSummary` carries it) the way the
 * customer writes dates in their language: `15 de marzo de 1985`, `15 March 1985`, `1985年3月15日`.
 * Formatted in UTC so the day cannot move with the kiosk's time zone.
 */
export function formatDocumentDate(isoDate: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  const at = Date.UTC(Number(year), Number(month) - 1, Number(day));
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(at);
}
