import type { IdentifyView } from '../../../../contracts/identity.ts';
import { useKioskT } from '../../language-context.ts';

/**
 * Why the last read or code did not work, announced at once, and how many tries are left when
 * that matters (`attempts`): a customer who knows the count can decide to ask for help instead.
 */
export function IdentifyMessageLine({
  identify,
  attempts = false,
}: {
  identify: IdentifyView;
  attempts?: boolean;
}) {
  const t = useKioskT();
  if (identify.message === null) return null;
  return (
    <>
      <p
        role="alert"
        className="screen__message identify-message"
        data-message={identify.message}
        data-testid="identify-message"
      >
        {t(`identify.message.${identify.message}`)}
      </p>
      {attempts && identify.attemptsLeft > 0 && (
        <p className="card-attempts identify-attempts" data-attempts-left={identify.attemptsLeft}>
          {t('identify.attemptsLeft', { count: identify.attemptsLeft })}
        </p>
      )}
    </>
  );
}
