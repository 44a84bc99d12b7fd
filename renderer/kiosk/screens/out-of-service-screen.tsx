import { Multilingual } from '../components/multilingual.tsx';
import { ScreenFrame } from '../components/screen-frame.tsx';

/** Shown while the kiosk cannot serve anyone; there is nothing to press. */
export function OutOfServiceScreen() {
  return (
    <ScreenFrame name="out-of-service" heading={<Multilingual textKey="outOfService.title" />}>
      <p className="screen__message multilingual">
        <Multilingual textKey="outOfService.message" />
      </p>
    </ScreenFrame>
  );
}
