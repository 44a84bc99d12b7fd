import type { SpecimenDocumentInfo } from '../../contracts/simulator-control.ts';

/** A document the wedge scanner can be given, with the MRZ lines it types (null: no MRZ found). */
export interface WedgeDocument {
  info: SpecimenDocumentInfo;
  lines: readonly string[] | null;
}

/**
 * The demo people of the specimen set (fictional, valid check digits), as a wedge scanner reads
 * them. A wedge scanner reads the MRZ itself, so only the clean rendering is offered: the image
 * degradations are the serial image mode's concern.
 */
const DEMO: Array<{ id: string; label: string; format: 'TD1' | 'TD3'; lines: string[] }> = [
  {
    id: 'passport-esp',
    label: 'Spanish passport (demo person)',
    format: 'TD3',
    lines: ['P<ESPGARCIA<LOPEZ<<MARIA<JOSE<<<<<<<<<<<<<<<', 'PAB1234561ESP8503150F330921012345678Z<<<<<38'],
  },
  {
    id: 'idcard-esp',
    label: 'Spanish identity card (demo person)',
    format: 'TD1',
    lines: [
      'IDESPBAC456789087654321X<<<<<<',
      '9001011M3106305ESP<<<<<<<<<<<3',
      'MARTIN<RUIZ<<JUAN<<<<<<<<<<<<<',
    ],
  },
  {
    id: 'passport-chn',
    label: 'Chinese passport (demo person)',
    format: 'TD3',
    lines: ['POCHNWANG<<XIAOMING<<<<<<<<<<<<<<<<<<<<<<<<<', 'E123456782CHN7807208M3201015<<<<<<<<<<<<<<08'],
  },
];

export function wedgeDocuments(): WedgeDocument[] {
  return [
    ...DEMO.map((doc) => ({
      info: {
        id: doc.id,
        label: doc.label,
        format: doc.format,
        condition: ['clean'],
        expected: { accept: doc.lines },
      },
      lines: doc.lines,
    })),
    {
      info: { id: 'blank-page', label: 'Blank page', format: null, condition: ['clean'], expected: 'reject' },
      lines: null,
    },
  ];
}
