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

/**
 * In an alphanumeric field, pairs the legacy engine confuses while sure of itself: on rendered
 * OCR-B documents it read O as 0 (60 times) with confidence 88–95, as high as its right
 * readings, and I as 1 (6 times) with 65–90. Its confidence says nothing here, so these alternatives are always tried.
 */
export const CONFUSED_ALTERNATIVES: Readonly<Record<string, readonly string[]>> = {
  '0': ['O', 'D', 'Q'],
  O: ['0', 'D', 'Q'],
  D: ['0', 'O'],
  Q: ['0', 'O'],
  '1': ['I'],
  I: ['1'],
};

/**
 * Pairs the engine rarely confuses (once each for Z→2 and 5→S, at 82 and 89, among some 300):
 * their alternative is tried only when the engine was unsure of the character. A confident
 * single misreading of these fails its check digit and is refused, never accepted. G↔6 differ by 10 in
 * check-digit value, so no check digit could ever tell them apart.
 */
export const DISTINCT_ALTERNATIVES: Readonly<Record<string, readonly string[]>> = {
  '2': ['Z'],
  Z: ['2'],
  '5': ['S'],
  S: ['5'],
  '6': ['G'],
  G: ['6'],
  '8': ['B'],
  B: ['8'],
};
