import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TellerSummary } from '../../../contracts/teller.ts';

export interface TransferPickerProps {
  tellers: TellerSummary[];
  myId: string;
  disabled: boolean;
  onTransfer: (toTellerId: string) => void;
}

/** Hand the call to another available teller. */
export function TransferPicker({ tellers, myId, disabled, onTransfer }: TransferPickerProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const selectId = useId();
  const available = tellers.filter((teller) => teller.presence === 'available' && teller.tellerId !== myId);
  const [chosen, setChosen] = useState('');
  const target = available.some((teller) => teller.tellerId === chosen) ? chosen : '';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (target) onTransfer(target);
  }

  return (
    <section className="panel transfer" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('transfer.title')}</h2>
      {available.length === 0 ? (
        <p className="muted">{t('transfer.none')}</p>
      ) : (
        <form onSubmit={submit} className="text-action__row">
          <label htmlFor={selectId}>{t('transfer.to')}</label>
          <select
            id={selectId}
            data-testid="transfer-select"
            value={target}
            onChange={(event) => setChosen(event.target.value)}
          >
            <option value="">{t('transfer.choose')}</option>
            {available.map((teller) => (
              <option key={teller.tellerId} value={teller.tellerId}>
                {teller.displayName}
              </option>
            ))}
          </select>
          <button type="submit" data-testid="transfer-submit" disabled={disabled || !target}>
            {t('transfer.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
