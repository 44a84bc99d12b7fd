import { useTranslation } from 'react-i18next';

/** Key/value facts as they come (device details, simulator supplies). */
export function DetailList({ values }: { values: Record<string, string | number | boolean | null> }) {
  const { t } = useTranslation();
  const entries = Object.entries(values);
  if (entries.length === 0) return <p className="muted">{t('device.noDetails')}</p>;
  return (
    <dl className="facts facts--detail">
      {entries.map(([key, value]) => (
        <div key={key} data-key={key}>
          <dt>{key}</dt>
          <dd>{value === null || value === '' ? t('device.empty') : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
