import { Multilingual } from '../components/multilingual.tsx';
import { ScreenFrame } from '../components/screen-frame.tsx';

/** While the runtime starts (and before the UI has its first view). */
export function StartingScreen() {
  return (
    <ScreenFrame name="starting" heading={<Multilingual textKey="starting.title" />}>
      <div className="spinner" aria-hidden="true" />
    </ScreenFrame>
  );
}
