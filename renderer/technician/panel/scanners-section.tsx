import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceId } from '../../../contracts/devices/status.ts';
import type { TechnicianOverview } from '../../../contracts/technician.ts';
import { DeviceCard } from './device-card.tsx';
import { OcrHealthView } from './ocr-health.tsx';
import { useOcrHealth } from './use-ocr-health.ts';

/** The devices this section shows, in this order; the overview's device grid leaves them out. */
export const SCANNER_DEVICES: readonly DeviceId[] = ['idScanner', 'qrScanner'];

interface ScannersSectionProps {
  overview: TechnicianOverview;
  onChanged: () => void;
  onUnauthorized: () => void;
}

/**
 * The ID and QR scanners, each with its status and simulator (documents to place or test-read,
 * a code to show), and the OCR worker that reads the documents.
 */
export function ScannersSection({ overview, onChanged, onUnauthorized }: ScannersSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const ocr = useOcrHealth(onUnauthorized);
  const devices = SCANNER_DEVICES.filter(
    (device) =>
      overview.devices.some((d) => d.device === device) ||
      overview.simulators.some((s) => s.device === device),
  );
  // A kiosk without scanners and without a reader has nothing to show here.
  if (devices.length === 0 && !ocr.health) return null;
  return (
    <section className="scanners" aria-labelledby={headingId} data-testid="scanners-section">
      <h2 id={headingId}>{t('scanners.title')}</h2>
      <div className="device-grid">
        {devices.map((device) => (
          <DeviceCard
            key={device}
            device={device}
            status={overview.devices.find((d) => d.device === device) ?? null}
            simulator={overview.simulators.find((s) => s.device === device) ?? null}
            lastReceipt={undefined}
            onChanged={onChanged}
            onUnauthorized={onUnauthorized}
          />
        ))}
        <OcrHealthView health={ocr.health} failed={ocr.failed} />
      </div>
    </section>
  );
}
