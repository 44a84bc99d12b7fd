import type { ComponentPropsWithRef } from 'react';

type Variant = 'primary' | 'secondary' | 'start';

interface TouchButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: Variant;
}

/** A large touch target; the CSS guarantees its minimum size. */
export function TouchButton({ variant = 'primary', className, ...props }: TouchButtonProps) {
  const classes = ['touch-button', `touch-button--${variant}`, className].filter(Boolean).join(' ');
  return <button type="button" className={classes} {...props} />;
}
