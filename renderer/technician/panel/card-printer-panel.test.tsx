import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../contracts/devices/status.ts';
import type { PrintedCard, SimulatorState } from '../../../contracts/simulator-control.ts';
import { createTechnicianI18n } from '../../i18n/technician-i18n.ts';
import { CardPrinterSimulator } from './card-printer-simulator.tsx';
import { CardPrinterStatus } from './card-printer-status.tsx';
import { DeviceCard } from './device-card.tsx';
import { LastCardView } from './last-card.tsx';

const i18n = createTechnicianI18n();
const render = (element: React.ReactElement) =>
  renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const noop = () => {};

const status: DeviceStatus = {
  device: 'cardPrinter',
  state: 'online',
  ready: true,
  detail: {
    feederCards: 4,
    feederNearEmpty: true,
    ribbonPanels: 250,
    ribbonLow: false,
    rejectBinCards: 20,
    rejectBinCapacity: 20,
    position: 'atExit',
    minorStates: 'DEF_CARD_ON_EJECT,REJECT_BOX_FULL',
  },
  action: 'none',
  message: null,
  since: '2025-01-01T10:00:00.000Z',
};
const simulator: SimulatorState = {
  device: 'cardPrinter',
  faults: ['cardJam'],
  supplies: { feederCards: 4 },
  plugged: true,
};
const card: PrintedCard = {
  id: 7,
  pickedAt: '2025-01-01T10:00:00.000Z',
  location: 'rejectBin',
  printed: true,
  tracks: [
    { track: 1, valid: true, masked: '%B492913******1234^EXAMPLE/ANA^2912101?' },
    { track: 2, valid: false, masked: ';492913******1234=2912101?' },
  ],
  mechanicalMs: 5_400,
};

describe('card printer status', () => {
  it('shows supplies with their warnings, the card position and the printer states', () => {
    const html = render(<CardPrinterStatus detail={status.detail} />);
    expect(html).toContain('data-supply="feeder" data-level="warn"');
    expect(html).toContain('data-supply="ribbon" data-level="good"');
    expect(html).toContain('data-supply="rejectBin" data-level="bad"');
    const shown = text(html);
    expect(shown).toContain('4 cards Low');
    expect(shown).toContain('250 panels left OK');
    expect(shown).toContain('20 of 20 Full');
    expect(shown).toContain('At the exit slot');
    expect(html).toContain('data-minor-state="REJECT_BOX_FULL"');
    expect(shown).not.toMatch(/cardPrinter\.\w+/);
  });

  it('says "not reported" for a printer that never answered', () => {
    const shown = text(render(<CardPrinterStatus detail={{}} />));
    expect(shown.match(/Not reported/g)).toHaveLength(4);
    expect(shown).toContain('None reported');
  });
});

describe('last card', () => {
  it('shows the printed front through the kiosk host, where the card is, and the masked tracks', () => {
    const html = render(<LastCardView card={card} version={3} failed={false} onRefresh={noop} />);
    expect(html).toMatch(
      /<img [^>]*data-testid="card-printer-last-image"[^>]*src="\/api\/technician\/simulators\/cardPrinter\/cards\/last\.png\?v=7-3"/,
    );
    expect(html).toContain('data-track="1" data-valid="true"');
    expect(html).toContain('data-track="2" data-valid="false"');
    const shown = text(html);
    expect(shown).toContain('In the reject bin');
    expect(shown).toContain('Invalid (parity or LRC)');
    expect(shown).toContain(';492913******1234=2912101?');
    expect(shown).toContain('5.4 s');
    expect(html).toContain('data-testid="card-printer-refresh"');
  });

  it('has no image before the first card, and says when loading failed', () => {
    const none = render(<LastCardView card={null} version={1} failed={false} onRefresh={noop} />);
    expect(none).not.toContain('<img');
    expect(text(none)).toContain('No card made yet.');
    const failed = render(<LastCardView card={undefined} version={0} failed onRefresh={noop} />);
    expect(failed).toContain('role="alert"');
  });
});

describe('card printer simulator', () => {
  const take = (html: string) => html.match(/<button [^>]*data-testid="card-printer-take"[^>]*>/)?.[0] ?? '';

  it('lets the technician take the card only when one is at the exit', () => {
    const atExit = render(
      <CardPrinterSimulator status={status} simulator={simulator} onChanged={noop} onUnauthorized={noop} />,
    );
    expect(take(atExit)).not.toContain('disabled');
    const inside = render(
      <CardPrinterSimulator
        status={{ ...status, detail: { ...status.detail, position: 'inPrinter' } }}
        simulator={simulator}
        onChanged={noop}
        onUnauthorized={noop}
      />,
    );
    expect(take(inside)).toContain('disabled');
    expect(text(inside)).toContain('No card at the exit slot.');
  });

  it('is part of the card printer’s device card, with its faults and replenish', () => {
    const html = render(
      <DeviceCard
        device="cardPrinter"
        status={status}
        simulator={simulator}
        lastReceipt={undefined}
        onChanged={noop}
        onUnauthorized={noop}
      />,
    );
    for (const fault of ['ribbonEnded', 'feederEmpty', 'cardJam', 'encodingFailure', 'powerLossBeforeEject'])
      expect(html).toContain(`data-fault="${fault}"`);
    expect(html).toContain('data-fault="cardJam" data-active="true"');
    expect(text(html)).toContain('Inject Card jam');
    expect(text(html)).toContain('Replenish');
    expect(html).toContain('data-testid="card-printer-take"');
    expect(html).toContain('data-supply="feeder"');
    expect(text(html)).not.toMatch(/(faults|cardPrinter|lastCard)\.\w+/);
  });
});
