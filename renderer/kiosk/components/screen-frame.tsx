import { type ReactNode, useId } from 'react';

interface ScreenFrameProps {
  /** Modifier for the screen's CSS (`screen--<name>`). */
  name: string;
  /** The screen's heading; also the accessible name of its main landmark. */
  heading: ReactNode;
  children?: ReactNode;
}

/** The main landmark of one screen, named by its heading. */
export function ScreenFrame({ name, heading, children }: ScreenFrameProps) {
  const headingId = useId();
  return (
    <main className={`screen screen--${name}`} aria-labelledby={headingId}>
      <h1 id={headingId} className="screen__heading">
        {heading}
      </h1>
      {children}
    </main>
  );
}
