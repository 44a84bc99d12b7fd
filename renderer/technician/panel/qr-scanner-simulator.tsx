import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimulatorState } from '../../../contracts/simulator-control.ts';
import { scanCode } from '../api/technician-api.ts';
import { useSimulatorAction } from './use-simulator-action.ts';

/** The longest code the scanner contract carries (contracts/devices/scanners.ts). */
export const MAX_CODE_LENGTH = 4096;

interface QrScannerSimulatorProps {
  simulator: SimulatorState;
  onChanged: () => void;
  onUnauthorized: () => void;
}

/**
 * Shows any text to the simulated QR scanner as a code: a genuine app code copied from the
 * backend, a forged or expired one, or random text, to see how the kiosk answers each.
 */
export function QrScannerSimulator({ simulator, onChanged, onUnauthorized }: QrScannerSimulatorProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const [text, setText] = useState('');
  const scan = useSimulatorAction(onChanged, onUnauthorized);
  const tooLong = text.length > MAX_CODE_LENGTH;
  return (
    <form
      className="qr-scan-form"
      data-testid="qr-scan-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.length > 0 && !tooLong) void scan.run(() => scanCode(text));
      }}
    >
      <h4>{t('scanners.qr.title')}</h4>
      <label htmlFor={inputId}>{t('scanners.qr.text')}</label>
      <textarea
        id={inputId}
        data-testid="qr-scan-text"
        aria-describedby={hintId}
        rows={3}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <p id={hintId} className="muted">
        {tooLong ? t('scanners.qr.tooLong') : t('scanners.qr.hint')}
      </p>
      <button
        type="submit"
        data-testid="qr-scan"
        disabled={scan.busy || !simulator.plugged || text.length === 0 || tooLong}
      >
        {t('scanners.qr.scan')}
      </button>
      {scan.failure && (
        <p role="alert" className="error">
          {scan.failure}
        </p>
      )}
    </form>
  );
}
