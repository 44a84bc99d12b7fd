export * from './commands.ts';
export * from './decoder.ts';
export * from './encode-receipt.ts';
export * from './realtime-status.ts';
export * from './text-encoding.ts';
