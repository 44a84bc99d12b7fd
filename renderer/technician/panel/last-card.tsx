import { useTranslation } from 'react-i18next';
import type { PrintedCard } from '../../../contracts/simulator-control.ts';
import { lastCardImageUrl } from '../api/technician-api.ts';

interface LastCardViewProps {
  card: PrintedCard | null | undefined;
  /** Bumped on every load, so the browser fetches the image again. */
  version: number;
  failed: boolean;
  onRefresh: () => void;
}

/**
 * The card printer simulator's last card: the front as printed, where the card is now, and what
 * the stripe holds (the number masked) with whether each track passed its parity and LRC.
 */
export function LastCardView({ card, version, failed, onRefresh }: LastCardViewProps) {
  const { t } = useTranslation();
  return (
    <div className="last-card" data-card-id={card?.id}>
      <div className="last-card__header">
        <h4>{t('lastCard.title')}</h4>
        <button type="button" data-testid="card-printer-refresh" onClick={onRefresh}>
          {t('lastCard.refresh')}
        </button>
      </div>
      {failed && (
        <p role="alert" className="error">
          {t('lastCard.loadFailed')}
        </p>
      )}
      {card === null && <p className="muted">{t('lastCard.none')}</p>}
      {card && (
        <>
          <p>{t('lastCard.heading', { id: card.id, time: new Date(card.pickedAt).toLocaleString() })}</p>
          {!card.printed && <p className="muted">{t('lastCard.notPrinted')}</p>}
          <div className="last-card__body">
            <img
              className="last-card__image"
              data-testid="card-printer-last-image"
              alt={t('lastCard.image', { id: card.id })}
              src={lastCardImageUrl(`${card.id}-${version}`)}
            />
            <div className="last-card__facts">
              <dl className="facts">
                <div>
                  <dt>{t('lastCard.location')}</dt>
                  <dd data-location={card.location}>{t(`lastCard.locations.${card.location}`)}</dd>
                </div>
                <div>
                  <dt>{t('lastCard.mechanics')}</dt>
                  <dd>{t('lastCard.seconds', { seconds: (card.mechanicalMs / 1000).toFixed(1) })}</dd>
                </div>
              </dl>
              <h5>{t('lastCard.tracks')}</h5>
              {card.tracks.length === 0 ? (
                <p className="muted">{t('lastCard.noTracks')}</p>
              ) : (
                <ul className="tracks" data-testid="card-printer-tracks">
                  {card.tracks.map((track) => (
                    <li key={track.track} data-track={track.track} data-valid={String(track.valid)}>
                      <span className="tracks__name">{t('lastCard.track', { track: track.track })}</span>{' '}
                      <span className={`badge badge--${track.valid ? 'good' : 'bad'}`}>
                        {track.valid ? t('lastCard.valid') : t('lastCard.invalid')}
                      </span>
                      <code className="tracks__data">{track.masked}</code>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
