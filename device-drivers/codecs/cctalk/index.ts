export * from './decoder.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './frame.ts';
export * from './headers.ts';
export * from './hopper.ts';
