import type { MrzFormat } from '../../contracts/identity.ts';
import { composeMrz, type MrzFields } from '../../simulators/documents/mrz-compose.ts';
import { createRandom, type Random } from '../../simulators/documents/random.ts';
import type { Specimen } from '../../simulators/documents/specimens.ts';

/**
 * Fictional people for the benchmark, drawn from a seed: names from several regions (long ones,
 * several given names, accents, hyphens, apostrophes), real state codes, valid dates, and document
 * numbers in the styles issuers use: digits only, a letter prefix and digits, letters and digits
 * from an alphabet without look-alikes (as Germany's, which leaves out vowels, B, D, Q and S), and
 * one person in five with a number full of O, 0, Q, D, 8 and B, the characters OCR confuses most.
 */

interface Region {
  states: string[];
  surnames: string[];
  given: string[];
}

const REGIONS: Region[] = [
  {
    states: ['ESP', 'MEX', 'COL', 'ARG', 'PER', 'ECU'],
    surnames: ['García', 'López', 'Fernández', 'Núñez', 'Ortiz', 'de la Torre', 'Olmedo', 'Peña', 'Iñiguez'],
    given: ['José', 'María', 'Ángel', 'Lucía', 'Óscar', 'Inés', 'Guadalupe', 'Jesús', 'Rocío', 'Ramón'],
  },
  {
    states: ['CHN', 'JPN', 'PHL'],
    surnames: ['Wang', 'Li', 'Zhang', 'Chen', 'Ouyang', 'Tanaka', 'Okonkwo', 'Santos', 'Dela Cruz'],
    given: ['Xiaoming', 'Mei', 'Jun', 'Haruto', 'Yui', 'Ana Liza', 'Wei', 'Ming', 'Joy'],
  },
  {
    states: ['DEU', 'AUT', 'SWE', 'NOR', 'POL'],
    surnames: ['Müller', 'Schönberger', 'Østergård', 'Åberg', 'Wójcik', 'Strauß', 'Brzęczyszczykiewicz'],
    given: ['Jürgen', 'Björn', 'Zoë', 'Łukasz', 'Ingrid', 'Sören', 'Małgorzata', 'Åsa'],
  },
  {
    states: ['FRA', 'MAR', 'ROU', 'ITA', 'PRT'],
    surnames: ["D'Angelo", 'Lefèvre', 'El Amrani', 'Popescu', 'Conceição', 'Dell’Orto', 'Ben Youssef'],
    given: ['Jean-Baptiste', 'Fátima', 'Ioana', 'Noé', 'Chloé', 'Mohamed', 'João', 'Giulia'],
  },
  {
    states: ['GBR', 'USA', 'NGA', 'IND', 'CAN'],
    surnames: ["O'Neill", 'Smith-Jones', 'Adeyemi', 'Venkataraghavan', 'MacDonald', 'Oyelaran-Okafor'],
    given: ['Olivia', 'Oluwaseun', 'Krishnamurthy', 'Oscar', 'Mary Ann', 'Owen', 'Ottilie'],
  },
];

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

/** Letters and digits, with O and 0 (and their neighbours Q, D, 8) drawn far more often than chance. */
function confusableNumber(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const roll = random.next();
    if (roll < 0.3) out += random.pick(['O', '0']);
    else if (roll < 0.36) out += random.pick(['Q', 'D', '8', 'B']);
    else if (roll < 0.6) out += LETTERS[random.int(26)];
    else out += DIGITS[random.int(10)];
  }
  return out;
}

const DISTINCT_LETTERS = 'CFGHJKLMNPRTVWXYZ';

function digits(random: Random, length: number): string {
  return Array.from({ length }, () => DIGITS[random.int(10)]).join('');
}

/** A number in one of the everyday styles: digits, a letter prefix, or letters without look-alikes. */
function everydayNumber(random: Random, length: number): string {
  const style = random.int(3);
  if (style === 0) return digits(random, length);
  if (style === 1) {
    const letters = 1 + random.int(3);
    return (
      Array.from({ length: letters }, () => LETTERS[random.int(26)]).join('') +
      digits(random, length - letters)
    );
  }
  return Array.from({ length }, () =>
    random.next() < 0.5 ? DISTINCT_LETTERS[random.int(DISTINCT_LETTERS.length)] : DIGITS[random.int(10)],
  ).join('');
}

function date(random: Random, fromYear: number, toYear: number): string {
  const year = fromYear + random.int(toYear - fromYear + 1);
  const month = 1 + random.int(12);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = 1 + random.int(days);
  return `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

function names(random: Random, pool: string[], most: number): string {
  const count = 1 + random.int(most);
  return Array.from({ length: count }, () => random.pick(pool)).join(' ');
}

export interface GeneratedPerson {
  specimen: Specimen;
  /** The document number (and optional data) are full of O/0-like characters. */
  confusable: boolean;
}

export function randomPerson(index: number, seed: number, format: MrzFormat): GeneratedPerson {
  const random = createRandom((seed * 7919 + index * 104729) >>> 0);
  const confusable = random.next() < 0.2;
  const number = (length: number): string =>
    confusable ? confusableNumber(random, length) : everydayNumber(random, length);
  const region = random.pick(REGIONS);
  const state = random.pick(region.states);
  // One in five has a long name: several surnames and given names, to be cut in the MRZ.
  const long = random.next() < 0.2;
  const fields: MrzFields = {
    format,
    documentCode: format === 'TD3' ? random.pick(['P', 'P', 'PO']) : random.pick(['ID', 'I', 'IR', 'AC']),
    issuingState: state,
    documentNumber: number(format === 'TD1' && random.next() < 0.15 ? 10 + random.int(3) : 9),
    surname: names(random, region.surnames, long ? 4 : 2),
    givenNames: random.next() < 0.04 ? '' : names(random, region.given, long ? 5 : 2),
    nationality: random.next() < 0.85 ? state : random.pick(random.pick(REGIONS).states),
    birthDate: date(random, 1940, 2007),
    sex: random.next() < 0.04 ? '<' : random.pick(['M', 'F'] as const),
    expiryDate: date(random, 2026, 2036),
    optionalData: random.next() < 0.3 ? number(format === 'TD3' ? 9 + random.int(5) : 6) : '',
    optionalData2: format === 'TD1' && random.next() < 0.2 ? number(8) : '',
  };
  const specimen: Specimen = {
    id: `person-${seed}-${index}${confusable ? '-oo' : ''}`,
    label: `generated ${format} ${index}`,
    kind: 'document',
    format,
    fields,
    lines: composeMrz(fields),
    visual: {},
  };
  return { specimen, confusable };
}
