import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../../contracts/devices/status.ts';
import type { PrintedReceipt, SimulatorState } from '../../../contracts/simulator-control.ts';
import { CardPrinterSimulator } from './card-printer-simulator.tsx';
import { CardPrinterStatus } from './card-printer-status.tsx';
import { DetailList } from './detail-list.tsx';
import { IdScannerSimulator } from './id-scanner-simulator.tsx';
import { LastReceipt } from './last-receipt.tsx';
import { QrScannerSimulator } from './qr-scanner-simulator.tsx';
import { SimulatorControls } from './simulator-controls.tsx';

interface DeviceCardProps {
  device: DeviceStatus['device'];
  /** Null when the runtime reports no status for a device that only has a simulator. */
  status: DeviceStatus | null;
  simulator: SimulatorState | null;
  lastReceipt: PrintedReceipt | null | undefined;
  onChanged: () => void;
  onUnauthorized: () => void;
}

/** Health of one device, with its simulator's controls when it is simulated. */
export function DeviceCard({
  device,
  status,
  simulator,
  lastReceipt,
  onChanged,
  onUnauthorized,
}: DeviceCardProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const health = status ? (status.state !== 'online' ? 'bad' : status.ready ? 'good' : 'warn') : 'unknown';
  return (
    <section
      aria-labelledby={headingId}
      className={`device-card device-card--${health}${simulator ? ' device-card--simulated' : ''}`}
      data-device={device}
      data-state={status?.state}
      data-ready={status ? String(status.ready) : undefined}
    >
      <h2 id={headingId} className="device-card__name">
        {t(`devices.${device}`)}
      </h2>
      {status && (
        <>
          <p className="device-card__badges">
            <span className={`badge badge--state badge--${status.state === 'online' ? 'good' : 'bad'}`}>
              {t(`states.${status.state}`)}
            </span>
            <span className={`badge badge--${status.ready ? 'good' : 'warn'}`}>
              {status.ready ? t('device.ready') : t('device.notReady')}
            </span>
          </p>
          <dl className="facts">
            {status.action !== 'none' && (
              <div>
                <dt>{t('device.action')}</dt>
                <dd>{t(`actions.${status.action}`)}</dd>
              </div>
            )}
            {status.message && (
              <div>
                <dt>{t('device.message')}</dt>
                <dd>{status.message}</dd>
              </div>
            )}
            <div>
              <dt>{t('device.since')}</dt>
              <dd>{new Date(status.since).toLocaleTimeString()}</dd>
            </div>
          </dl>
          <h3>{t('device.details')}</h3>
          {device === 'cardPrinter' ? (
            <CardPrinterStatus detail={status.detail} />
          ) : (
            <DetailList values={status.detail} />
          )}
        </>
      )}
      {simulator && (
        <SimulatorControls simulator={simulator} onChanged={onChanged} onUnauthorized={onUnauthorized}>
          {device === 'receiptPrinter' && lastReceipt !== undefined && <LastReceipt receipt={lastReceipt} />}
          {device === 'cardPrinter' && (
            <CardPrinterSimulator
              status={status}
              simulator={simulator}
              onChanged={onChanged}
              onUnauthorized={onUnauthorized}
            />
          )}
          {device === 'idScanner' && (
            <IdScannerSimulator simulator={simulator} onChanged={onChanged} onUnauthorized={onUnauthorized} />
          )}
          {device === 'qrScanner' && (
            <QrScannerSimulator simulator={simulator} onChanged={onChanged} onUnauthorized={onUnauthorized} />
          )}
        </SimulatorControls>
      )}
    </section>
  );
}
