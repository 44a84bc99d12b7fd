import type { CardIssuingView } from '../../../../contracts/card-issuing.ts';
import { useKioskT } from '../../language-context.ts';
import type { IdentifyFrame } from '../identify/identify-frame.tsx';
import { IdentifyScreen } from '../identify/identify-screen.tsx';
import { CancelButton } from './back-and-cancel.tsx';
import { CardFrame } from './card-frame.tsx';

const cardFrame: IdentifyFrame = (heading, body) => (
  <CardFrame step="identifying" heading={heading}>
    {body}
  </CardFrame>
);

/** The card order found by the app's QR code or the customer's ID document: the identify screens. */
export function IdentifyingStep({ card }: { card: CardIssuingView }) {
  const t = useKioskT();
  // The view carries `identify` on this step; a moment without it is shown as a short wait.
  if (card.identify === null)
    return (
      <CardFrame step="identifying" heading={t('identify.waiting.title')}>
        <div className="spinner" aria-hidden="true" />
      </CardFrame>
    );
  return <IdentifyScreen identify={card.identify} frame={cardFrame} cancel={<CancelButton />} />;
}
