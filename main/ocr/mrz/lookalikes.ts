/**
 * Characters OCR-B readers confuse, by what a field may hold. A numeric field cannot hold a
 * letter and an alphabetic one cannot hold a digit, so there the look-alike replaces the read
 * character outright; an alphanumeric field could hold either, so both stay candidates and the
 * check digits (and the reader's confidence) decide.
 */

/** A letter read where only a digit may stand → the digit it resembles. */
export const LETTER_TO_DIGIT: Readonly<Record<string, string>> = {
  O: '0',
  Q: '0',
  D: '0',
  U: '0',
  I: '1',
  L: '1',
  J: '1',
  Z: '2',
  A: '4',
  S: '5',
  G: '6',
  T: '7',
  B: '8',
};

/** A digit read where only a letter may stand → the letter it resembles. */
export const DIGIT_TO_LETTER: Readonly<Record<string, string>> = {
  '0': 'O',
  '1': 'I',
  '2': 'Z',
  '4': 'A',
  '5': 'S',
  '6': 'G',
  '7': 'T',
  '8': 'B',
};

/** In an alphanumeric field: the other readings of a character, most likely first. */
export const ALNUM_ALTERNATIVES: Readonly<Record<string, readonly string[]>> = {
  '0': ['O'],
  O: ['0'],
  D: ['0', 'O'],
  Q: ['0', 'O'],
  '1': ['I'],
  I: ['1'],
  '2': ['Z'],
  Z: ['2'],
  '5': ['S'],
  S: ['5'],
  '6': ['G'],
  G: ['6'],
  '8': ['B'],
  B: ['8'],
};
