import { useSendEvent } from '../bridge/bridge-context.ts';
import { Multilingual } from '../components/multilingual.tsx';
import { ScreenFrame } from '../components/screen-frame.tsx';
import { TouchButton } from '../components/touch-button.tsx';

/** Idle screen: a welcome in every language and one way in. */
export function AttractScreen() {
  const send = useSendEvent();
  return (
    <ScreenFrame name="attract" heading={<Multilingual textKey="attract.welcome" />}>
      <div className="screen__actions">
        <TouchButton variant="start" onClick={() => send({ type: 'START' })}>
          <Multilingual textKey="attract.start" />
        </TouchButton>
      </div>
    </ScreenFrame>
  );
}
