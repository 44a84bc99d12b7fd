import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../../contracts/devices/status.ts';
import type { SimulatorState } from '../../../contracts/simulator-control.ts';
import { takeCard } from '../api/technician-api.ts';
import { LastCardView } from './last-card.tsx';
import { useLastCard } from './use-last-card.ts';
import { useSimulatorAction } from './use-simulator-action.ts';

interface CardPrinterSimulatorProps {
  status: DeviceStatus | null;
  simulator: SimulatorState;
  onChanged: () => void;
  onUnauthorized: () => void;
}

/**
 * What only the card printer simulator offers: playing the customer who takes the card from the
 * exit, and the last card made. The card is reloaded whenever the printer's status or the
 * simulator's state moves, which is when a card is picked, printed, ejected, taken or rejected.
 */
export function CardPrinterSimulator({
  status,
  simulator,
  onChanged,
  onUnauthorized,
}: CardPrinterSimulatorProps) {
  const { t } = useTranslation();
  const changeKey = JSON.stringify([status?.since, status?.detail, simulator.supplies, simulator.faults]);
  const lastCard = useLastCard(changeKey, onUnauthorized);
  const take = useSimulatorAction(onChanged, onUnauthorized);
  // Either source may be a second behind the other; a card at the exit by either can be taken.
  const atExit = status?.detail.position === 'atExit' || lastCard.card?.location === 'atExit';

  return (
    <div className="card-printer-simulator">
      <p className="card-printer-simulator__take">
        <button
          type="button"
          data-testid="card-printer-take"
          disabled={take.busy || !simulator.plugged || !atExit}
          onClick={() => take.run(takeCard)}
        >
          {t('cardPrinter.take')}
        </button>{' '}
        {!atExit && <span className="muted">{t('cardPrinter.noCardAtExit')}</span>}
      </p>
      {take.failure && (
        <p role="alert" className="error">
          {take.failure}
        </p>
      )}
      <LastCardView
        card={lastCard.card}
        version={lastCard.version}
        failed={lastCard.failed}
        onRefresh={lastCard.reload}
      />
    </div>
  );
}
