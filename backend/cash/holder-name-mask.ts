/**
 * The holder's name as a kiosk may show it to whoever stands at the screen: the first letter of
 * each word, the rest as asterisks — "ANNA MARIA ERIKSSON" → "A*** M**** E*******". Enough for the
 * holder to recognise, not enough for a stranger to learn. The full name never leaves the backend.
 */
export function maskHolderName(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .filter((word) => word.length > 0)
    .map((word) => {
      // By code point, so an accented or non-Latin initial is kept whole.
      const [first = '', ...rest] = Array.from(word);
      return first + '*'.repeat(rest.length);
    })
    .join(' ');
}
