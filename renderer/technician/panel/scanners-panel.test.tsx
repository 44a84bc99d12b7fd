import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../contracts/devices/status.ts';
import type { MrzReadResult } from '../../../contracts/identity.ts';
import type { SimulatorState, SpecimenDocumentInfo } from '../../../contracts/simulator-control.ts';
import type { TechnicianOverview } from '../../../contracts/technician.ts';
import { createTechnicianI18n } from '../../i18n/technician-i18n.ts';
import { DeviceCard } from './device-card.tsx';
import { matchesExpectation, MrzResultView } from './mrz-result.tsx';
import { OcrHealthView } from './ocr-health.tsx';
import { QrScannerSimulator } from './qr-scanner-simulator.tsx';
import { ScannersSection } from './scanners-section.tsx';
import { faultsOf } from './simulator-faults.ts';
import { SpecimenPicker, type SpecimenPickerProps } from './specimen-picker.tsx';

const i18n = createTechnicianI18n();
const render = (element: React.ReactElement) =>
  renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/\s+/g, ' ');
const noop = () => {};
/** i18next answers a missing key with the key itself. */
const UNTRANSLATED = /\b(scanners|faults|simulator|device|states)\.\w+/;

const LINES = [
  'P<ESPGARCIA<LOPEZ<<MARIA<JOSE<<<<<<<<<<<<<<<<<<<',
  'PAB1234567ESP8503152F3309218<<<<<<<<<<<<<<04',
];
const DOCUMENTS: SpecimenDocumentInfo[] = [
  {
    id: 'passport-esp',
    label: 'Passport, Spain',
    format: 'TD3',
    condition: ['clean'],
    expected: { accept: LINES },
  },
  {
    id: 'passport-esp:noise+blur',
    label: 'Passport, Spain (noise, blur)',
    format: 'TD3',
    condition: ['noise', 'blur'],
    expected: { accept: LINES },
  },
  { id: 'blank', label: 'Blank page', format: null, condition: ['clean'], expected: 'reject' },
];
const ACCEPTED: MrzReadResult = {
  status: 'accepted',
  document: {
    format: 'TD3',
    documentCode: 'P',
    issuingState: 'ESP',
    documentNumber: 'PAB123456',
    surname: 'GARCIA LOPEZ',
    givenNames: 'MARIA JOSE',
    nationality: 'ESP',
    birthDate: '850315',
    sex: 'female',
    expiryDate: '330921',
    optionalData: '',
  },
  lines: LINES,
  checks: [
    { field: 'documentNumber', valid: true },
    { field: 'birthDate', valid: true },
    { field: 'expiryDate', valid: true },
    { field: 'composite', valid: true },
  ],
  corrections: 2,
  timings: { decodeMs: 3.2, prepareMs: 41.6, ocrMs: 187.4, totalMs: 232.2 },
};
const REJECTED: MrzReadResult = {
  status: 'rejected',
  reason: 'checkDigits',
  lines: LINES,
  checks: [{ field: 'documentNumber', valid: false }],
  detail: 'the document number check digit fails',
  timings: { decodeMs: 3, prepareMs: 40, ocrMs: 190, totalMs: 233 },
};

const idStatus: DeviceStatus = {
  device: 'idScanner',
  state: 'online',
  ready: true,
  detail: { mode: 'serialImage', documentPresent: false },
  action: 'none',
  message: null,
  since: '2025-01-01T10:00:00.000Z',
};
const idSimulator: SimulatorState = {
  device: 'idScanner',
  faults: ['hugeImage'],
  supplies: {},
  plugged: true,
};
const qrSimulator: SimulatorState = { device: 'qrScanner', faults: [], supplies: {}, plugged: true };

function picker(overrides: Partial<SpecimenPickerProps> = {}) {
  return render(
    <SpecimenPicker
      documents={DOCUMENTS}
      loadFailed={false}
      selectedId="passport-esp:noise+blur"
      onSelect={noop}
      actionsDisabled={false}
      onPlace={noop}
      onRemove={noop}
      reading={false}
      onTestRead={noop}
      result={null}
      readFailure={null}
      {...overrides}
    />,
  );
}
const buttonTag = (html: string, testId: string) =>
  html.match(new RegExp(`<button [^>]*data-testid="${testId}"[^>]*>`))?.[0] ?? '';

describe('ID scanner status', () => {
  it('shows the mode and whether a document is on the glass, and the scanner faults', () => {
    const html = render(
      <DeviceCard
        device="idScanner"
        status={idStatus}
        simulator={idSimulator}
        lastReceipt={undefined}
        onChanged={noop}
        onUnauthorized={noop}
      />,
    );
    expect(html).toContain('data-key="mode"');
    expect(html).toContain('serialImage');
    expect(html).toContain('data-key="documentPresent"');
    for (const fault of ['badChunkChecksum', 'truncatedImage', 'hugeImage', 'randomText', 'unplug'])
      expect(html).toContain(`data-fault="${fault}"`);
    expect(html).toContain('data-fault="hugeImage" data-active="true"');
    expect(text(html)).toContain('Announces a 50 MB image');
    expect(html).toContain('data-testid="specimen-picker"');
    expect(text(html)).not.toMatch(UNTRANSLATED);
  });

  it('offers every fault of both scanner simulators, each with a name', () => {
    expect(faultsOf('qrScanner', [])).toEqual(['garbage', 'truncated', 'unplug']);
    for (const fault of [...faultsOf('idScanner', []), ...faultsOf('qrScanner', [])])
      expect(i18n.exists(`faults.${fault}`), fault).toBe(true);
  });
});

describe('simulated documents', () => {
  it('lists the documents, shows the chosen one through the kiosk host, with its truth', () => {
    const html = picker();
    expect(html.match(/<option /g)).toHaveLength(3);
    expect(html).toMatch(
      /<img [^>]*data-testid="specimen-image"[^>]*src="\/api\/technician\/simulators\/idScanner\/documents\/passport-esp:noise\+blur\.png"/,
    );
    const shown = text(html);
    expect(shown).toContain('noise, blur');
    expect(shown).toContain('Accepts it');
    expect(text(picker({ selectedId: 'blank' }))).toContain('Rejects it');
    expect(text(picker({ selectedId: 'blank' }))).toContain('Not a document');
    for (const id of ['specimen-place', 'specimen-remove', 'specimen-test-read'])
      expect(buttonTag(html, id)).not.toContain('disabled');
  });

  it('waits while an action runs or the simulator is unplugged, and while a read runs', () => {
    const busy = picker({ actionsDisabled: true, reading: true });
    expect(buttonTag(busy, 'specimen-place')).toContain('disabled');
    expect(buttonTag(busy, 'specimen-remove')).toContain('disabled');
    expect(buttonTag(busy, 'specimen-test-read')).toContain('disabled');
    expect(text(busy)).toContain('Reading…');
  });

  it('says when the list is loading, empty or could not be loaded', () => {
    expect(text(picker({ documents: undefined }))).toContain('Loading the documents');
    expect(text(picker({ documents: [] }))).toContain('no documents');
    expect(picker({ documents: undefined, loadFailed: true })).toContain('role="alert"');
  });

  it('shows a failed test read', () => {
    expect(text(picker({ readFailure: 'The test read failed (502).' }))).toContain(
      'The test read failed (502).',
    );
  });
});

describe('test read result', () => {
  it('accepted: the lines, every check digit, the corrections and the timings in ms', () => {
    const html = render(<MrzResultView result={ACCEPTED} expected={{ accept: LINES }} />);
    expect(html).toContain('data-status="accepted"');
    expect(html).toContain('data-matches="true"');
    expect(html).toContain('data-check="composite" data-valid="true"');
    const shown = text(html);
    expect(shown).toContain(LINES[0]);
    expect(shown).toContain('Characters corrected 2');
    expect(shown).toContain('OCR 187 ms');
    expect(shown).toContain('Total 232 ms');
    expect(shown).not.toMatch(UNTRANSLATED);
  });

  it('rejected: the reason in words, the detail, and the failing check', () => {
    const html = render(<MrzResultView result={REJECTED} expected={{ accept: LINES }} />);
    const shown = text(html);
    expect(shown).toContain('Rejected: a check digit fails');
    expect(shown).toContain('the document number check digit fails');
    expect(html).toContain('data-check="documentNumber" data-valid="false"');
    expect(html).toContain('data-matches="false"');
    expect(shown).not.toMatch(UNTRANSLATED);
  });

  it('compares with the specimen truth: a rejection is right for a non-document, wrong lines are not', () => {
    expect(matchesExpectation(REJECTED, 'reject')).toBe(true);
    expect(matchesExpectation(ACCEPTED, 'reject')).toBe(false);
    expect(matchesExpectation(ACCEPTED, { accept: [LINES[0]!, LINES[1]!.replace('PAB', 'PA8')] })).toBe(
      false,
    );
    expect(matchesExpectation(ACCEPTED, { accept: LINES })).toBe(true);
  });
});

describe('OCR worker', () => {
  it('shows its state, restarts, start-up time and memory', () => {
    const html = render(
      <OcrHealthView
        health={{ state: 'ready', restarts: 2, readyMs: 912.4, rssBytes: 94_371_840 }}
        failed={false}
      />,
    );
    expect(html).toContain('data-state="ready"');
    const shown = text(html);
    expect(shown).toContain('Ready');
    expect(shown).toContain('Restarts 2');
    expect(shown).toContain('912 ms');
    expect(shown).toContain('90.0 MB');
  });

  it('says when the kiosk has no reader, or nothing is known yet', () => {
    expect(text(render(<OcrHealthView health={null} failed={false} />))).toContain('no MRZ reader');
    const starting = text(
      render(
        <OcrHealthView health={{ state: 'starting', restarts: 0, readyMs: null, rssBytes: null }} failed />,
      ),
    );
    expect(starting).toContain('Starting');
    expect(starting).toContain('Not known');
    expect(starting).toContain('Retrying');
  });
});

describe('QR scanner simulator', () => {
  it('has a text box and a scan button that waits for text', () => {
    const html = render(
      <QrScannerSimulator simulator={qrSimulator} onChanged={noop} onUnauthorized={noop} />,
    );
    expect(html).toContain('data-testid="qr-scan-text"');
    expect(buttonTag(html, 'qr-scan')).toContain('disabled');
    expect(text(html)).toContain('Scan this text');
  });
});

describe('scanners section', () => {
  const overview = (devices: DeviceStatus[], simulators: SimulatorState[]): TechnicianOverview => ({
    kioskId: 'K1',
    screen: 'attract',
    backendOnline: true,
    devices,
    simulators,
    backlog: null,
  });

  it('shows the ID scanner, the QR scanner and the OCR worker', () => {
    const html = render(
      <ScannersSection
        overview={overview([idStatus], [idSimulator, qrSimulator])}
        onChanged={noop}
        onUnauthorized={noop}
      />,
    );
    expect(text(html)).toContain('Scanners');
    expect(html).toContain('data-device="idScanner"');
    expect(html).toContain('data-device="qrScanner"');
    expect(html).toContain('data-testid="ocr-health"');
    expect(html).toContain('data-testid="qr-scan-form"');
  });

  it('is absent on a kiosk without scanners, before a reader is known', () => {
    expect(
      render(<ScannersSection overview={overview([], [])} onChanged={noop} onUnauthorized={noop} />),
    ).toBe('');
  });
});
