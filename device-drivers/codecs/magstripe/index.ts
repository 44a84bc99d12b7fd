export * from './bank-format.ts';
export * from './mask.ts';
export * from './track-bits.ts';
export * from './track-formats.ts';
export * from './track-text.ts';
