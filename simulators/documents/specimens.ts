import type { MrzFormat } from '../../contracts/identity.ts';
import { composeMrz, type MrzFields } from './mrz-compose.ts';

/**
 * Specimen documents of fictional people (valid check digits by construction), and pages that are
 * not documents, for the ID scanner simulator, the technician panel, tests and the MRZ benchmark.
 * The first three are the demo people the backend's demo card orders use.
 */

export type SpecimenKind = 'document' | 'blank' | 'photo' | 'halfCovered' | 'randomText';

export interface Specimen {
  id: string;
  label: string;
  kind: SpecimenKind;
  /** The layout drawn; null for a page that is no document. */
  format: MrzFormat | null;
  /** The data printed (names as in the visual zone); a half-covered document keeps its own. */
  fields: MrzFields | null;
  /** The MRZ lines a correct reader accepts; null when it must reject the image. */
  lines: readonly string[] | null;
  /** What the visual zone adds (not in the MRZ). */
  visual?: { placeOfBirth?: string; authority?: string };
}

function document(id: string, label: string, fields: MrzFields, visual?: Specimen['visual']): Specimen {
  return { id, label, kind: 'document', format: fields.format, fields, lines: composeMrz(fields), visual };
}

const PEOPLE: Specimen[] = [
  document(
    'passport-esp',
    'Spanish passport, María José García López',
    {
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'ESP',
      documentNumber: 'PAB123456',
      surname: 'García López',
      givenNames: 'María José',
      nationality: 'ESP',
      birthDate: '850315',
      sex: 'F',
      expiryDate: '330921',
      optionalData: '12345678Z',
    },
    { placeOfBirth: 'Sevilla', authority: 'DGP 41001' },
  ),
  document(
    'idcard-esp',
    'Spanish identity card, Juan Martín Ruiz',
    {
      format: 'TD1',
      documentCode: 'ID',
      issuingState: 'ESP',
      documentNumber: 'BAC456789',
      surname: 'Martín Ruiz',
      givenNames: 'Juan',
      nationality: 'ESP',
      birthDate: '900101',
      sex: 'M',
      expiryDate: '310630',
      optionalData: '87654321X',
    },
    { placeOfBirth: 'Madrid' },
  ),
  document(
    'passport-chn',
    'Chinese passport, Wang Xiaoming',
    {
      format: 'TD3',
      documentCode: 'PO',
      issuingState: 'CHN',
      documentNumber: 'E12345678',
      surname: 'Wang',
      givenNames: 'Xiaoming',
      nationality: 'CHN',
      birthDate: '780720',
      sex: 'M',
      expiryDate: '320101',
    },
    { placeOfBirth: 'Beijing', authority: 'NIA' },
  ),
  document(
    'passport-gbr-long',
    'British passport, long double-barrelled names',
    {
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'GBR',
      documentNumber: '1O0O50321',
      surname: 'Montgomery-Fitzwilliam',
      givenNames: 'Alexandra Victoria Elizabeth Charlotte',
      nationality: 'GBR',
      birthDate: '011130',
      sex: 'F',
      expiryDate: '290214',
    },
    { placeOfBirth: 'London' },
  ),
  document(
    'passport-bra',
    'Brazilian passport, several surnames and given names',
    {
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'BRA',
      documentNumber: 'FO000O12',
      surname: 'dos Santos Pereira da Silva',
      givenNames: 'João Pedro Henrique',
      nationality: 'BRA',
      birthDate: '920607',
      sex: 'M',
      expiryDate: '300919',
    },
    { placeOfBirth: 'Recife' },
  ),
  document(
    'passport-ind-mononym',
    'Indian passport, one name only',
    {
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'IND',
      documentNumber: 'Z0O87O654',
      surname: 'Kumaraswamy',
      givenNames: '',
      nationality: 'IND',
      birthDate: '670228',
      sex: 'M',
      expiryDate: '280803',
    },
    { placeOfBirth: 'Mysuru' },
  ),
  document(
    'passport-mex',
    'Mexican passport, surname ending in O',
    {
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'MEX',
      documentNumber: 'G00O1234O',
      surname: 'Hernández Gómez de la O',
      givenNames: 'José Guadalupe',
      nationality: 'MEX',
      birthDate: '001010',
      sex: 'M',
      expiryDate: '340505',
    },
    { placeOfBirth: 'Oaxaca' },
  ),
  document(
    'passport-usa',
    'US passport, apostrophe and hyphens in the names',
    {
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'USA',
      documentNumber: '5O8OO1234',
      surname: "O'Connor-Smith",
      givenNames: 'Mary-Kate Elizabeth',
      nationality: 'USA',
      birthDate: '881224',
      sex: 'F',
      expiryDate: '271101',
    },
    { placeOfBirth: 'Boston' },
  ),
  document(
    'passport-nor',
    'Norwegian passport, letters written with two in the MRZ',
    {
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'NOR',
      documentNumber: 'NO0110O22',
      surname: 'Østergård',
      givenNames: 'Bjørn Åge',
      nationality: 'NOR',
      birthDate: '550101',
      sex: 'M',
      expiryDate: '260330',
    },
    { placeOfBirth: 'Tromsø' },
  ),
  document(
    'passport-can-x',
    'Canadian passport, sex unspecified, personal number',
    {
      format: 'TD3',
      documentCode: 'P',
      issuingState: 'CAN',
      documentNumber: 'QO123O0Q8',
      surname: 'Tremblay',
      givenNames: 'Alex Jordan',
      nationality: 'CAN',
      birthDate: '990909',
      sex: '<',
      expiryDate: '330415',
      optionalData: 'O0O0O0O1',
    },
    { placeOfBirth: 'Québec' },
  ),
  document(
    'idcard-prt-long-number',
    'Portuguese identity card, number continued in the optional data',
    {
      format: 'TD1',
      documentCode: 'I',
      issuingState: 'PRT',
      documentNumber: '1O456O78OZY1',
      surname: 'Sousa Magalhães',
      givenNames: 'Inês Maria da Conceição',
      nationality: 'PRT',
      birthDate: '760418',
      sex: 'F',
      expiryDate: '300725',
    },
    { placeOfBirth: 'Braga' },
  ),
  document(
    'idcard-ita',
    'Italian identity card, letters and zeros in the number',
    {
      format: 'TD1',
      documentCode: 'CI',
      issuingState: 'ITA',
      documentNumber: 'CA00O0OAA',
      surname: 'Dell’Acqua',
      givenNames: 'Giancarlo Maria Vittorio',
      nationality: 'ITA',
      birthDate: '630502',
      sex: 'M',
      expiryDate: '281231',
      optionalData2: 'RSSMRA63E02',
    },
    { placeOfBirth: 'Torino' },
  ),
  document(
    'idcard-tur',
    'Turkish identity card, dotted and undotted I',
    {
      format: 'TD1',
      documentCode: 'ID',
      issuingState: 'TUR',
      documentNumber: 'A0OB12O34',
      surname: 'Yıldırım',
      givenNames: 'İsmail Çağatay',
      nationality: 'TUR',
      birthDate: '040229',
      sex: 'M',
      expiryDate: '340228',
      optionalData: '1O2O3O4O5O6',
    },
    { placeOfBirth: 'İzmir' },
  ),
  document(
    'idcard-vnm',
    'Vietnamese identity card, stacked diacritics',
    {
      format: 'TD1',
      documentCode: 'ID',
      issuingState: 'VNM',
      documentNumber: '0O1234567',
      surname: 'Nguyễn Thị',
      givenNames: 'Minh Khai',
      nationality: 'VNM',
      birthDate: '951111',
      sex: 'F',
      expiryDate: '350101',
    },
    { placeOfBirth: 'Hà Nội' },
  ),
  document(
    'idcard-aut-td2',
    'Austrian residence card, TD2 layout',
    {
      format: 'TD2',
      documentCode: 'I',
      issuingState: 'AUT',
      documentNumber: 'R0O4711O8',
      surname: 'Gruber-Hofstätter',
      givenNames: 'Maximilian Johann',
      nationality: 'POL',
      birthDate: '830707',
      sex: 'M',
      expiryDate: '290131',
    },
    { placeOfBirth: 'Kraków' },
  ),
];

function specimenOf(id: string): Specimen {
  const found = PEOPLE.find((specimen) => specimen.id === id);
  if (!found) throw new Error(`no specimen ${id}`);
  return found;
}

const NON_DOCUMENTS: Specimen[] = [
  { id: 'blank-page', label: 'Blank page', kind: 'blank', format: null, fields: null, lines: null },
  {
    id: 'photo-no-text',
    label: 'A photograph, no text',
    kind: 'photo',
    format: null,
    fields: null,
    lines: null,
  },
  {
    id: 'mrz-half-covered',
    label: 'Passport with its MRZ half covered',
    kind: 'halfCovered',
    format: 'TD3',
    fields: specimenOf('passport-usa').fields,
    lines: null,
    visual: specimenOf('passport-usa').visual,
  },
  {
    id: 'random-text',
    label: 'A page of random text with MRZ-like lines',
    kind: 'randomText',
    format: null,
    fields: null,
    lines: null,
  },
];

/** Every specimen: the documents (demo people first), then the pages a reader must reject. */
export const SPECIMENS: readonly Specimen[] = [...PEOPLE, ...NON_DOCUMENTS];

export function specimenById(id: string): Specimen | undefined {
  return SPECIMENS.find((specimen) => specimen.id === id);
}

export {
  DEGRADATIONS,
  type Degradation,
  degradationsOf,
  isSpecimenCondition,
  SPECIMEN_CONDITIONS,
  type SpecimenCondition,
} from './conditions.ts';
export { type RenderedDocument, renderDocument } from './render.ts';
