import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CashLevels } from '../../../contracts/backend-protocol.ts';
import {
  type CashCounts,
  endExchange,
  type ExchangeDevice,
  type ExchangeEndedView,
  type ExchangeKind,
  ExchangeRefusedError,
  type ExchangeStartedView,
  startExchange,
  UnauthorizedError,
} from '../api/cash-api.ts';
import { denominationsToCount, formatMoney } from './cash-denominations.ts';

/** The procedures a technician can run: the cashbox is only emptied; the hopper is both. */
const PROCEDURES: Array<{ device: ExchangeDevice; kind: ExchangeKind; label: string }> = [
  { device: 'billValidator', kind: 'empty', label: 'cash.exchange.emptyCashbox' },
  { device: 'coinHopper', kind: 'replenish', label: 'cash.exchange.replenishHopper' },
  { device: 'coinHopper', kind: 'empty', label: 'cash.exchange.emptyHopper' },
];

type Step =
  | { step: 'choose' }
  /** `counts` is a list, not an object: integer-like keys would reorder an object ascending. */
  | { step: 'counting'; started: ExchangeStartedView; counts: Array<[value: string, text: string]> }
  | { step: 'ended'; ended: ExchangeEndedView };

/**
 * The replenish / empty procedure after XFS4IoT's exchange: start (the kiosk says what it expects),
 * count each denomination, end (the kiosk takes the counts and reports any difference).
 */
export function CashExchangePanel({
  currency,
  onEnded,
  onUnauthorized,
}: {
  currency: string;
  onEnded: (levels: CashLevels) => void;
  onUnauthorized: () => void;
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [state, setState] = useState<Step>({ step: 'choose' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const money = (minor: number) => formatMoney(minor, currency, i18n.language);

  const fail = (error: unknown) => {
    if (error instanceof UnauthorizedError) return onUnauthorized();
    setProblem(
      error instanceof ExchangeRefusedError
        ? t('cash.exchange.refused', { reason: error.message })
        : t('cash.exchange.failed'),
    );
  };

  async function start(device: ExchangeDevice, kind: ExchangeKind) {
    setBusy(true);
    setProblem(null);
    try {
      const started = await startExchange(device, kind);
      const values = denominationsToCount(currency, started.location, started.expected);
      setState({ step: 'counting', started, counts: values.map((value) => [value, '']) });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function end(event: FormEvent) {
    event.preventDefault();
    if (state.step !== 'counting') return;
    const counted: CashCounts = {};
    for (const [value, text] of state.counts) {
      const count = text.trim() === '' ? 0 : Number(text);
      if (!Number.isInteger(count) || count < 0) {
        setProblem(t('cash.exchange.badCount'));
        return;
      }
      if (count > 0) counted[value] = count;
    }
    setBusy(true);
    setProblem(null);
    try {
      const ended = await endExchange(state.started.exchangeId, counted);
      setState({ step: 'ended', ended });
      onEnded(ended.levels);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="cash-exchange" aria-labelledby={headingId} data-step={state.step}>
      <h3 id={headingId}>{t('cash.exchange.title')}</h3>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {state.step === 'choose' && (
        <div className="cash-exchange__choices">
          {PROCEDURES.map(({ device, kind, label }) => (
            <button
              key={`${device}-${kind}`}
              type="button"
              disabled={busy}
              data-procedure={`${device}-${kind}`}
              onClick={() => void start(device, kind)}
            >
              {t(label)}
            </button>
          ))}
        </div>
      )}
      {state.step === 'counting' && (
        <form onSubmit={(event) => void end(event)} aria-label={t('cash.exchange.countForm')}>
          <p>
            {t(state.started.kind === 'empty' ? 'cash.exchange.countRemoved' : 'cash.exchange.countHeld', {
              place: t(`cash.placesInText.${state.started.location}`),
            })}
          </p>
          <table className="cash__table">
            <caption className="visually-hidden">{t('cash.exchange.countForm')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cash.denomination')}</th>
                <th scope="col">{t('cash.exchange.expected')}</th>
                <th scope="col">{t('cash.exchange.counted')}</th>
              </tr>
            </thead>
            <tbody>
              {state.counts.map(([value, text], index) => (
                <tr key={value} data-value={value}>
                  <th scope="row">{money(Number(value))}</th>
                  <td className="cash__count">{state.started.expected[value] ?? 0}</td>
                  <td>
                    <input
                      type="number"
                      inputMode="numeric"
                      min={0}
                      step={1}
                      name={`count-${value}`}
                      aria-label={t('cash.exchange.countOf', { value: money(Number(value)) })}
                      value={text}
                      onChange={(event) =>
                        setState({
                          ...state,
                          counts: state.counts.with(index, [value, event.target.value]),
                        })
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="cash-exchange__actions">
            <button type="submit" disabled={busy}>
              {t('cash.exchange.end')}
            </button>
            <button type="button" disabled={busy} onClick={() => setState({ step: 'choose' })}>
              {t('cash.exchange.cancel')}
            </button>
          </div>
        </form>
      )}
      {state.step === 'ended' && (
        <div>
          <ExchangeOutcome ended={state.ended} money={money} />
          <button type="button" onClick={() => setState({ step: 'choose' })}>
            {t('cash.exchange.done')}
          </button>
        </div>
      )}
    </section>
  );
}

/**
 * What the exchange came to. A replenishment adds coins, so its difference is what was added; an
 * emptying should match the ledger, and any difference is for the back office to look into.
 */
function ExchangeOutcome({ ended, money }: { ended: ExchangeEndedView; money: (minor: number) => string }) {
  const { t } = useTranslation();
  const { difference } = ended;
  const replenished = ended.exchange.kind === 'replenish';
  const tone = replenished || difference === 0 ? 'good' : 'warn';
  const text = replenished
    ? t('cash.exchange.replenished', { amount: money(difference) })
    : difference === 0
      ? t('cash.exchange.matched')
      : t(difference < 0 ? 'cash.exchange.short' : 'cash.exchange.over', {
          amount: money(Math.abs(difference)),
        });
  return (
    <p className={`badge badge--${tone}`} data-difference={difference} role="status">
      {text}
    </p>
  );
}
