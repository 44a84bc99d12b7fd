import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimulatorState } from '../../../contracts/simulator-control.ts';
import { clearFault, injectFault, insertCash, replenish } from '../api/technician-api.ts';
import { DetailList } from './detail-list.tsx';
import { faultsOf, SIMULATOR_INSERTS } from './simulator-faults.ts';
import { useSimulatorAction } from './use-simulator-action.ts';

interface SimulatorControlsProps {
  simulator: SimulatorState;
  onChanged: () => void;
  onUnauthorized: () => void;
  children?: ReactNode;
}

/** Fault injection, replenishment and supplies of one device simulator. */
export function SimulatorControls({
  simulator,
  onChanged,
  onUnauthorized,
  children,
}: SimulatorControlsProps) {
  const { t } = useTranslation();
  const { busy, failure, run: act } = useSimulatorAction(onChanged, onUnauthorized);
  const { device } = simulator;

  const faultLabel = (fault: string) => t(`faults.${fault}`, { defaultValue: fault });

  return (
    <fieldset className="simulator" data-simulator={device}>
      <legend>{t('simulator.title')}</legend>
      <p>
        {t('simulator.cable')}:{' '}
        <span className={`badge badge--${simulator.plugged ? 'good' : 'bad'}`}>
          {simulator.plugged ? t('simulator.plugged') : t('simulator.unplugged')}
        </span>
      </p>
      <p data-active-faults={simulator.faults.join(' ')}>
        {t('simulator.activeFaults')}:{' '}
        {simulator.faults.length === 0
          ? t('simulator.noFaults')
          : simulator.faults.map(faultLabel).join(', ')}
      </p>
      {SIMULATOR_INSERTS[device] && (
        <>
          <h4>{t('simulator.insertTitle')}</h4>
          <ul className="insert-list">
            {SIMULATOR_INSERTS[device].map((value) => (
              <li key={value}>
                <button
                  type="button"
                  disabled={busy || !simulator.plugged}
                  data-insert={value}
                  onClick={() => act(() => insertCash(device, value))}
                >
                  {t('simulator.insert', { amount: (value / 100).toFixed(2) })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('simulator.faults')}</h4>
      <ul className="fault-list">
        {faultsOf(device, simulator.faults).map((fault) => {
          const active = simulator.faults.includes(fault);
          return (
            <li key={fault} className="fault" data-fault={fault} data-active={String(active)}>
              <span className="fault__name">{faultLabel(fault)}</span>
              <span className={`badge badge--${active ? 'bad' : 'neutral'}`}>
                {active ? t('simulator.active') : t('simulator.inactive')}
              </span>
              <button
                type="button"
                disabled={busy || active}
                onClick={() => act(() => injectFault(device, fault))}
              >
                {t('simulator.inject', { fault: faultLabel(fault) })}
              </button>
              <button
                type="button"
                disabled={busy || !active}
                onClick={() => act(() => clearFault(device, fault))}
              >
                {t('simulator.clear', { fault: faultLabel(fault) })}
              </button>
            </li>
          );
        })}
      </ul>
      <h4>{t('simulator.supplies')}</h4>
      <DetailList values={simulator.supplies} />
      <button type="button" disabled={busy} onClick={() => act(() => replenish(device))}>
        {t('simulator.replenish')}
      </button>
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {children}
    </fieldset>
  );
}
