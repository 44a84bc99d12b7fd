/** Longest name a card line takes (the contract's `CardName`: one letter and up to 25 more). */
const MAX_CARD_NAME = 26;

/** The contract's rule for names on a card: upper-case Latin letters, spaces, hyphens, apostrophes. */
export const CARD_NAME_PATTERN = /^[A-Z][A-Z '-]{0,25}$/;

/** Upper case without accents (É → E, Ñ → N); anything outside the card's alphabet becomes a space. */
function cardLetters(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z '-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A name as the card can carry it: card letters only, starting with a letter, cut to the card's
 * length. Empty when nothing is left.
 */
export function toCardName(name: string): string {
  return cardLetters(name)
    .replace(/^[^A-Z]+/, '')
    .slice(0, MAX_CARD_NAME)
    .trim();
}

/**
 * Surname and given names from a holder's full name, when the bank gave only that: the last word
 * is the surname, the words before it the given names. Undefined when fewer than two words are
 * left that a card can carry: then the names must be given explicitly.
 */
export function cardNamesFromHolder(holderName: string): { surname: string; givenNames: string } | undefined {
  const words = cardLetters(holderName)
    .split(' ')
    .map(toCardName)
    .filter((word) => word.length > 0);
  if (words.length < 2) return undefined;
  const surname = toCardName(words.at(-1)!);
  const givenNames = toCardName(words.slice(0, -1).join(' '));
  if (!CARD_NAME_PATTERN.test(surname) || !CARD_NAME_PATTERN.test(givenNames)) return undefined;
  return { surname, givenNames };
}
