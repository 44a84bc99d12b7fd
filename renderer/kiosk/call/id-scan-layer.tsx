import { type ReactNode, useId } from 'react';
import type { IdentifyView } from '../../../contracts/identity.ts';
import { useSendEvent } from '../bridge/bridge-context.ts';
import { TouchButton } from '../components/touch-button.tsx';
import { useKioskT } from '../language-context.ts';
import type { IdentifyFrame } from '../screens/identify/identify-frame.tsx';
import { IdentifyScreen } from '../screens/identify/identify-screen.tsx';

/** The identify steps framed as a region of the call (the screen below keeps its own main). */
const callFrame: IdentifyFrame = (heading, body) => <IdScanFrame heading={heading}>{body}</IdScanFrame>;

function IdScanFrame({ heading, children }: { heading: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="screen call-id-scan" aria-labelledby={headingId} data-testid="call-id-scan">
      <h2 id={headingId} className="screen__heading">
        {heading}
      </h2>
      {children}
    </section>
  );
}

/**
 * Showing the ID document to the teller: the kiosk's own identify screens over the screen below,
 * beside the call panel, with a way to change one's mind instead of the flow's Cancel.
 */
export function IdScanLayer({ identify }: { identify: IdentifyView | null }) {
  const send = useSendEvent();
  const t = useKioskT();
  const cancel = (
    <TouchButton
      variant="secondary"
      data-testid="call-id-scan-cancel"
      onClick={() => send({ type: 'CALL_ID_SCAN_DECLINE' })}
    >
      {t('call.idScan.cancel')}
    </TouchButton>
  );
  return (
    <div className="call-id-scan-layer" data-call-layer="idScan">
      {identify ? (
        <IdentifyScreen identify={identify} frame={callFrame} cancel={cancel} />
      ) : (
        callFrame(t('identify.waiting.title'), <div className="spinner" aria-hidden="true" />)
      )}
    </div>
  );
}
